package ulvm.e2e.crash;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

/**
 * A writer thread writes and fsyncs a thin LV while {@code lvcreate -s vg/t} runs (its create_snap message sent to
 * the running pool), and goes on after it, breaking the sharing block by block; the power goes at any point. After
 * the reboot: the pool's metadata is judged; if the snapshot exists it reads, in every sector, the version the origin
 * held when the command began or one written while it ran (never one written after it returned); the origin keeps
 * its fsynced data.
 */
final class ThinSnapshotScenario implements Scenario {
    private Oracle t;
    private long[] durableAtStart;
    private volatile int endMark = -1;

    @Override public void needs() { ThinPools.need(); }

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        ThinPools.vgWithPool(rig, "12m", "-Z", ThinPools.zero(random));
        ThinPools.thin(rig, "t");
        t = ThinPools.written(rig, "t", random, 100 + random.nextInt(200));
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload w = new Workload(t, rig.lv("t"), new Random(random.nextLong()), 1_000_000);
        int before = random.nextInt(30), during = 200, after = 40 + random.nextInt(80);
        Throwable[] failed = new Throwable[1];
        CountDownLatch started = new CountDownLatch(1), made = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                w.random(before, 8);
                started.countDown();
                for (int i = 0; i < during && made.getCount() > 0; i++) w.random(1, 8); // racing the snapshot
                made.await();
                w.random(after, 8); // after it returned: never in the snapshot
                w.fsync();
            } catch (Throwable e) {
                failed[0] = e;
            } finally {
                started.countDown();
            }
        }, "thin-snap-writer");
        writer.start();
        try {
            started.await();
            synchronized (t) {
                durableAtStart = new long[t.blocks];
                for (int b = 0; b < t.blocks; b++) durableAtStart[b] = t.durable(b);
            }
            rig.ok("lvcreate", "-s", Rig.VG + "/t", "-n", "snap");
            endMark = t.mark();
        } finally {
            made.countDown();
            writer.join();
        }
        if (failed[0] != null) throw new IllegalStateException("writer", failed[0]);
    }

    @Override
    public void check(Rig rig) throws Exception {
        ThinPools.judge(rig);
        Scenario.holds(rig, t);
        if (rig.vg().lv("snap").isEmpty()) return;
        Scenario.expect(durableAtStart != null, "a snapshot before lvcreate -s ran");
        rig.ok("lvchange", "-ay", "-K", Rig.VG + "/snap");
        var snap = rig.lv("snap");
        int end = endMark >= 0 ? endMark : Integer.MAX_VALUE; // cut inside the command: every later write was concurrent
        byte[] block = new byte[Stamps.BLOCK];
        for (int b = 0; b < t.blocks; b++) {
            snap.read((long) b * Stamps.BLOCK, ByteBuffer.wrap(block));
            long durable = durableAtStart[b];
            Set<Long> ok = new TreeSet<>(t.toldBetween(b, 0, end));
            ok.removeIf(v -> v < durable);
            ok.add(durable);
            for (int s = 0; s < Stamps.BLOCK / Stamps.SECTOR; s++) {
                long v = Stamps.version(block, b, s);
                if (!ok.contains(v))
                    Scenario.fail("the thin snapshot changed: block " + b + " sector " + s + " holds "
                            + (v == Stamps.GARBAGE ? "garbage" : "version " + v) + ", allowed " + ok + " (durable when it was made " + durable + ")");
            }
        }
        Scenario.holds(rig, t);
    }
}
