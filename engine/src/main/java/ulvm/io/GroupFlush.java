package ulvm.io;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A device's flush shared by concurrent callers, with generation numbers (as the write-intent log's group commit).
 * Every completed write takes a number ({@link #wrote}); a {@link #flush} returns only once a force that began after
 * every write numbered before the call had completed has succeeded. A caller that finds a force running waits for
 * it, then forces again if that force began too early for it; one force serves every caller it covers. A force that
 * fails fails every caller waiting on it and leaves the writes it was to cover unforced (the next flush forces).
 */
public final class GroupFlush {
    /** What makes a device's completed writes durable (fsync, a cache's drain). */
    public interface Force {
        void force() throws IOException;
    }

    private final Force force;
    /** Writes completed so far. */
    private final AtomicLong written = new AtomicLong();
    /** Every write numbered up to this one is durable. */
    private volatile long durable;
    private boolean forcing;
    /** Forces finished (either way), and the failure of the last one, if it failed. */
    private long forces;
    private IOException lastFailure;

    public GroupFlush(Force force) { this.force = force; }

    /** Call after a write's data has reached the device: a flush that starts from now on covers it. */
    public void wrote() { written.incrementAndGet(); }

    /** Whether writes may be waiting for a force. */
    public boolean dirty() { return durable < written.get(); }

    public void flush() throws IOException {
        long target = written.get();
        while (durable < target) {
            long covers;
            synchronized (this) {
                if (durable >= target) return;
                if (forcing) { // wait for the force under way; it may cover this flush
                    long seen = forces;
                    while (forces == seen) awaitForce();
                    if (lastFailure != null) throw new IOException(lastFailure.getMessage(), lastFailure);
                    continue;
                }
                forcing = true;
                covers = written.get();
            }
            IOException failed = null;
            try {
                force.force(); // outside the monitor: writers and later flushers go on meanwhile
            } catch (IOException e) {
                failed = e;
            } catch (RuntimeException | Error e) {
                failed = new IOException(e.toString(), e);
            } finally {
                synchronized (this) {
                    forcing = false;
                    forces++;
                    lastFailure = failed;
                    if (failed == null && covers > durable) durable = covers;
                    notifyAll();
                }
            }
            if (failed != null) throw failed;
        }
    }

    private void awaitForce() throws IOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for a flush");
        }
    }
}
