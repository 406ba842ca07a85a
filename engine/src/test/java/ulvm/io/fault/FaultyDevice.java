package ulvm.io.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import ulvm.io.BlockDevice;

/**
 * A block device that passes I/O to another and injects {@link Fault}s, which tests add and remove while I/O runs.
 * A failed write writes nothing; the error message names the device as an EIO from the kernel would.
 */
public final class FaultyDevice implements BlockDevice {
    private final BlockDevice inner;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong ops = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();

    public FaultyDevice(BlockDevice inner) { this.inner = inner; }

    public FaultyDevice add(Fault f) {
        faults.add(f);
        return this;
    }

    public void clear() { faults.clear(); }

    /** How many operations failed because of an injected fault. */
    public long injected() { return injected.get(); }

    public long writes() { return writes.get(); }

    @Override public String name() { return inner.name(); }

    @Override
    public long size() throws IOException {
        before(-1, 0, false, false);
        return inner.size();
    }

    @Override
    public void readFully(long pos, ByteBuffer dst) throws IOException {
        before(pos, dst.remaining(), false, false);
        inner.readFully(pos, dst);
    }

    @Override
    public void writeFully(long pos, ByteBuffer src) throws IOException {
        before(pos, src.remaining(), true, false);
        inner.writeFully(pos, src);
    }

    @Override
    public void writeDurably(long pos, ByteBuffer src) throws IOException {
        before(pos, src.remaining(), true, true);
        inner.writeDurably(pos, src);
    }

    @Override
    public void flush() throws IOException {
        before(-1, 0, false, true);
        inner.flush();
    }

    @Override public void close() throws IOException { inner.close(); }

    private void before(long pos, int len, boolean write, boolean flush) throws IOException {
        long op = ops.incrementAndGet();
        long w = write ? writes.incrementAndGet() : writes.get();
        for (Fault f : faults) {
            String why = null;
            if (f instanceof Fault.Delay d) sleep(d.millis());
            else if (f instanceof Fault.Gone g) why = op > g.afterOps() ? "No such device" : null;
            else if (f instanceof Fault.ReadError r) why = !write && !flush && overlaps(pos, len, r.from(), r.to()) ? "Input/output error (read)" : null;
            else if (f instanceof Fault.WriteError r) why = write && overlaps(pos, len, r.from(), r.to()) ? "Input/output error (write)" : null;
            else if (f instanceof Fault.FailAfterWrites n) why = write && w > n.n() ? "Input/output error (write)" : null;
            else if (f instanceof Fault.FlushError) why = flush ? "Input/output error (flush)" : null;
            if (why != null) {
                injected.incrementAndGet();
                throw new IOException(inner.name() + ": " + why + " at byte " + Math.max(pos, 0));
            }
        }
    }

    private static boolean overlaps(long pos, int len, long from, long to) {
        return pos >= 0 && pos < to && pos + len > from;
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
