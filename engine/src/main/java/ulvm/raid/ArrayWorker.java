package ulvm.raid;

import java.io.IOException;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;

/**
 * The loop of an array's background thread (raid1's {@link SyncWorker}, raid4/5/6/10's {@link MdSyncWorker}): units
 * of work under the array's {@code work} lock, a pause until the rate allows the next copy or the next quiet-period
 * sweep is due, woken early by {@link #wake}; check/repair requests wait in {@link #checkRequest}.
 */
abstract class ArrayWorker implements Runnable {
    private final Object signal = new Object();
    private boolean signaled;          // guarded by signal
    protected volatile boolean stop;
    protected volatile String checkRequest;
    protected long nextSweep;
    protected long nextCopy;           // nanoTime before which the rate forbids the next copy
    private final Lock work;
    private final RaidSettings settings;
    private final Consumer<String> messages;
    private final java.util.function.Supplier<String> label;
    private final long minPauseNanos;

    ArrayWorker(Lock work, RaidSettings settings, Consumer<String> messages, java.util.function.Supplier<String> label, long minPauseNanos) {
        this.work = work;
        this.settings = settings;
        this.messages = messages;
        this.label = label;
        this.minPauseNanos = minPauseNanos;
    }

    /** One unit of work, under the {@code work} lock; true when more is waiting. */
    protected abstract boolean step() throws IOException;

    /** After the last unit, when the thread ends. */
    protected void finished() { }

    void wake() {
        synchronized (signal) {
            signaled = true;
            signal.notifyAll();
        }
    }

    void stop() {
        stop = true;
        wake();
    }

    void requestCheck(String action) {
        checkRequest = action;
        wake();
    }

    @Override
    public void run() {
        nextSweep = System.nanoTime() + settings.quietMillis() * 1_000_000L;
        while (!stop) {
            boolean more = false;
            work.lock();
            try {
                if (stop) break;
                more = step();
            } catch (IOException | RuntimeException e) {
                messages.accept(label.get() + ": background sync: " + e);
            } finally {
                work.unlock();
            }
            long now = System.nanoTime();
            long until = more ? nextCopy : nextSweep;
            if (until > now || !more) pause(Math.max(minPauseNanos, until - now));
        }
        finished();
    }

    /** Waits up to {@code nanos}, never more than the quiet period, or until woken. */
    private void pause(long nanos) {
        long ms = Math.max(1, Math.min(nanos / 1_000_000L, settings.quietMillis()));
        synchronized (signal) {
            if (!signaled && !stop) {
                try {
                    signal.wait(ms);
                } catch (InterruptedException e) {
                    stop = true;
                }
            }
            signaled = false;
        }
    }
}
