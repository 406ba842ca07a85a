package ulvm.e2e.crash;

import java.util.Random;

/**
 * A writer thread on a thin LV for the scenarios that change its pool while it writes: {@code writes} random writes
 * (single blocks that a full pool may refuse, {@link Workload#tryWrite}), an fsync after each with probability
 * {@code syncEvery}^-1, a last fsync. In queue mode a write to a full pool waits in the pool until it grows.
 */
final class ThinWriter implements AutoCloseable {
    private final Thread thread;
    private volatile int done, refused;
    private volatile Throwable failed;

    ThinWriter(Workload w, Random random, int writes, int syncEvery) {
        thread = new Thread(() -> {
            try {
                for (int i = 0; i < writes; i++) {
                    if (!w.tryWrite(random.nextInt(w.oracle.blocks))) refused++;
                    done++;
                    if (random.nextInt(syncEvery) == 0) w.fsync();
                }
                w.fsync();
            } catch (Throwable e) {
                failed = e;
            }
        }, "thin-writer");
        thread.start();
    }

    int refused() { return refused; }

    /** Returns once the writer did {@code writes} writes, or waits in a full pool, or ended (or the power went). */
    void awaitProgress(Rig rig, int writes) throws InterruptedException {
        while (done < writes && thread.isAlive()) {
            var p = rig.power;
            if (p != null && p.isCut()) return;
            if (ThinPools.full(rig) && thread.getState() == Thread.State.TIMED_WAITING) return;
            Thread.sleep(2);
        }
    }

    /** Waits for the writer; once the power is gone, a write held in a full pool is interrupted (it would wait 60 s). */
    @Override
    public void close() throws Exception {
        thread.join(2000);
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join();
        }
        if (failed != null) throw new IllegalStateException("writer", failed);
    }
}
