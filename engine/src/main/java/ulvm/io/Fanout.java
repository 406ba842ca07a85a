package ulvm.io;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the pieces of one request that go to different image files at the same time (stripes, raid1 legs): the first
 * on the calling thread, the others on a shared pool, and returns once all have finished - never earlier, since they
 * read the caller's buffer. Worth it only for large pieces ({@link #WORTH}): a hand-off costs tens of microseconds.
 */
public final class Fanout {
    /** Pieces of at least this many bytes are written in parallel; smaller ones one after the other. */
    public static final int WORTH = 128 << 10;

    /** One piece of I/O. */
    public interface Piece {
        void run() throws IOException;
    }

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ulvm-fanout");
        t.setDaemon(true);
        return t;
    });

    private Fanout() {}

    /** Runs every piece; returns each one's failure (null where it succeeded). */
    public static IOException[] run(Piece... pieces) {
        IOException[] failed = new IOException[pieces.length];
        CountDownLatch done = new CountDownLatch(pieces.length - 1);
        for (int i = 1; i < pieces.length; i++) {
            int k = i;
            POOL.execute(() -> {
                try {
                    failed[k] = attempt(pieces[k]);
                } finally {
                    done.countDown();
                }
            });
        }
        failed[0] = attempt(pieces[0]);
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the pieces still read the caller's buffer: wait for them anyway
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return failed; // the latch orders the pieces' writes of failed[] before this read
    }

    private static IOException attempt(Piece p) {
        try {
            p.run();
            return null;
        } catch (IOException e) {
            return e;
        } catch (RuntimeException e) {
            return new IOException(e.toString(), e);
        }
    }
}
