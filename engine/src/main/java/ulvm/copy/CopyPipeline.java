package ulvm.copy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import ulvm.io.BlockDevice;

/**
 * The pipeline of a background copy (pvmove, raid1 sync and merge, snapshot merge). The caller reads batch n + 1 into
 * {@link #buffer} while batch n is forced, then recorded, on the pipeline's own thread; before it writes batch n + 1 it
 * {@link #drain}s, so at most one batch is on the destination past the record, and a batch's record never precedes its
 * force. Not pipelined, {@link #submit} forces and records on the caller's thread.
 *
 * <pre>
 *   read(n+1) into buffer     | force(n); record(n)      (pipeline thread)
 *   drain()  -> recorded(n)   |
 *   write(n+1); submit(n+1)   | force(n+1); record(n+1)
 * </pre>
 */
public final class CopyPipeline implements AutoCloseable {
    /** One batch's durability steps. */
    public interface Batch {
        /** Makes the batch's copy durable: the flushes of what it wrote (and of its source). */
        void force() throws IOException;

        /** Records durably that the batch is copied; runs only after {@link #force} returned. */
        void record() throws IOException;

        /** On the caller's thread once recorded (at the next {@link #drain}). */
        default void recorded() throws IOException { }

        /** Always, last, on the thread that forced: releases what the batch held (even when force or record failed). */
        default void release() { }
    }

    /** A step that may fail with an I/O error. */
    public interface Step { void run() throws IOException; }

    /** A batch whose force flushes {@code written}, then runs {@code record}. */
    public static Batch flushing(Collection<? extends BlockDevice> written, Step record) {
        List<BlockDevice> devs = List.copyOf(written);
        return new Batch() {
            @Override
            public void force() throws IOException {
                for (BlockDevice d : devs) d.flush();
            }

            @Override
            public void record() throws IOException { record.run(); }
        };
    }

    private final String threadName;
    private final boolean pipelined;
    private ExecutorService thread;
    private Future<?> pending;
    private Batch pendingBatch;
    private ByteBuffer buf;

    /** {@code pipelined}: force and record on a thread named {@code threadName}; else on the caller's. */
    public CopyPipeline(String threadName, boolean pipelined) {
        this.threadName = threadName;
        this.pipelined = pipelined;
    }

    public boolean pipelined() { return pipelined; }

    /** True while a batch is being forced or recorded (or recorded and not yet drained). */
    public boolean busy() { return pending != null; }

    /** The batch buffer (direct, reused), cleared and limited to {@code bytes}. */
    public ByteBuffer buffer(int bytes) {
        if (buf == null || buf.capacity() < bytes) buf = ByteBuffer.allocateDirect(bytes);
        return buf.clear().limit(bytes);
    }

    /** Forces and records {@code b} (after draining the last batch); in the background when pipelined. */
    public void submit(Batch b) throws IOException {
        drain();
        if (!pipelined) {
            complete(b);
            b.recorded();
            return;
        }
        if (thread == null) thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        pendingBatch = b;
        pending = thread.submit(() -> {
            try {
                complete(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void complete(Batch b) throws IOException {
        try {
            b.force();
            b.record();
        } finally {
            b.release();
        }
    }

    /** Waits for the last batch's force and record, then runs its {@link Batch#recorded}; their failure is thrown here. */
    public void drain() throws IOException {
        Future<?> f = pending;
        if (f == null) return;
        pending = null;
        Batch b = pendingBatch;
        pendingBatch = null;
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) throw u.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IOException(c.getMessage(), c);
        }
        b.recorded();
    }

    /** Ends the thread after the last batch's force and record (a failure there is dropped: the copy resumes from the last record). */
    @Override
    public void close() {
        try {
            drain();
        } catch (IOException | RuntimeException ignored) {
            // the copy stopped anyway
        } finally {
            if (thread != null) thread.shutdownNow();
            thread = null;
        }
    }
}
