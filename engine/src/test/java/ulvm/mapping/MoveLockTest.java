package ulvm.mapping;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 14.6: while a chunk of a move is copied only writes to that chunk wait; the copy waits for those in flight. */
class MoveLockTest {
    private static final long MiB = 1 << 20;

    private static CompletableFuture<Void> write(MoveLock l, long from, long to) {
        return CompletableFuture.runAsync(() -> {
            try {
                l.beginWrite(from, to);
                l.endWrite(from, to);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void onlyWritesToTheChunkBeingCopiedWait() throws Exception {
        MoveLock l = new MoveLock();
        AutoCloseable chunk = l.copy(4 * MiB, 8 * MiB);
        write(l, 0, 4096).get(5, TimeUnit.SECONDS); // before the chunk
        write(l, 12 * MiB, 12 * MiB + 4096).get(5, TimeUnit.SECONDS); // after it, still unfinished in the move
        CompletableFuture<Void> inside = write(l, 6 * MiB, 6 * MiB + 4096);
        CompletableFuture<Void> across = write(l, 4 * MiB - 4096, 4 * MiB + 4096);
        Thread.sleep(100);
        assertFalse(inside.isDone() || across.isDone(), "a write to the chunk went on during its copy");
        chunk.close();
        inside.get(5, TimeUnit.SECONDS);
        across.get(5, TimeUnit.SECONDS);
    }

    @Test
    void theCopyWaitsForWritesInFlightInItsChunk() throws Exception {
        MoveLock l = new MoveLock();
        l.beginWrite(5 * MiB, 5 * MiB + 4096); // in flight
        l.beginWrite(20 * MiB, 20 * MiB + 4096); // elsewhere: no matter
        CompletableFuture<AutoCloseable> copy = CompletableFuture.supplyAsync(() -> {
            try {
                return l.copy(4 * MiB, 8 * MiB);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(copy.isDone(), "the copy began under a write to its chunk");
        l.endWrite(5 * MiB, 5 * MiB + 4096);
        copy.get(5, TimeUnit.SECONDS).close();
        l.endWrite(20 * MiB, 20 * MiB + 4096);
        assertTrue(copy.isDone());
    }
}
