package ulvm.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import ulvm.copy.CopyPipeline;

/**
 * The copy of a snapshot merge through the {@link CopyPipeline}: a batch of the merging store's last exceptions is
 * read from the COW (its origin chunks locked) while the batch before is forced onto the origin and its records
 * cleared on the pipeline's thread; the batch is written to the origin (other snapshots copying first) only once those
 * records are durable, so at most one batch is merged past the records. A batch's locks are held, by the merging
 * thread, until its records are cleared.
 */
public final class MergeCopy implements AutoCloseable {
    private final SnapshotOrigin o;
    private final CowStore m;
    private final CopyPipeline pipeline;
    /** The locks of the batch being forced and recorded. */
    private int[] held;
    /** The records left once the batch under way is recorded (-1: none under way). */
    private int end = -1;

    MergeCopy(SnapshotOrigin o, CowStore m, boolean pipelined) {
        this.o = o;
        this.m = m;
        this.pipeline = new CopyPipeline("merge-force " + o.name(), pipelined);
    }

    /** Merges up to {@code max} more chunks; false when nothing is left (and the last batch is recorded). */
    public boolean step(int max) throws IOException {
        int top = end < 0 ? m.remaining() : end;
        CowFormat.Exception[] ex = m.exceptionsBelow(top, max);
        if (ex.length == 0) {
            drain();
            return false;
        }
        int cb = m.chunkBytes();
        long size = o.base().size();
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        for (CowFormat.Exception e : ex) {
            lo = Math.min(lo, e.origin());
            hi = Math.max(hi, e.origin());
        }
        int shift = o.unitShift();
        int[] lock = o.locks().lock((lo * cb) >>> shift, (hi * cb + cb - 1) >>> shift);
        boolean handed = false;
        try {
            ByteBuffer buf = pipeline.buffer(ex.length * cb);
            int[] len = new int[ex.length];
            for (int i = 0; i < ex.length; i++) {
                len[i] = (int) Math.max(0, Math.min(cb, size - ex[i].origin() * cb));
                if (len[i] > 0) m.cow().read(ex[i].cow() * cb, buf.duplicate().position(i * cb).limit(i * cb + len[i]).slice());
            }
            drain(); // the batch before is recorded (and its locks released) before this one reaches the origin
            CowStore[] ss = o.storesNow();
            for (int i = 0; i < ex.length; i++) {
                if (len[i] == 0) continue;
                long off = ex[i].origin() * cb;
                o.preserve(ss, off, len[i]);
                o.base().write(off, buf.duplicate().position(i * cb).limit(i * cb + len[i]).slice());
            }
            held = lock;
            handed = true;
            end = top - ex.length;
            int n = ex.length;
            pipeline.submit(new CopyPipeline.Batch() {
                @Override public void force() throws IOException { o.base().flush(); }

                @Override public void record() throws IOException { m.merged(n); }
            });
            if (!pipeline.pipelined()) unlockHeld();
        } catch (IOException | RuntimeException e) {
            if (!handed) o.locks().unlock(lock);
            end = -1;
            try {
                pipeline.drain();
            } catch (IOException | RuntimeException ignored) {
                // the first failure is the one to report
            }
            unlockHeld();
            throw e;
        }
        return true;
    }

    /** Waits until the last batch is recorded, then releases its locks. */
    private void drain() throws IOException {
        try {
            pipeline.drain();
        } finally {
            end = -1;
            unlockHeld();
        }
    }

    private void unlockHeld() {
        if (held != null) o.locks().unlock(held);
        held = null;
    }

    /** After the last batch's record (a failure there is dropped: the merge resumes from the records). */
    @Override
    public void close() {
        try {
            drain();
        } catch (IOException | RuntimeException ignored) {
            // the store still holds what was not recorded
        } finally {
            pipeline.close();
        }
    }
}
