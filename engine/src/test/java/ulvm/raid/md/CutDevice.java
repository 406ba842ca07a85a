package ulvm.raid.md;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import ulvm.io.BlockDevice;
import ulvm.io.MemoryDevice;

/** A power cut for md tests: passes writes to the device until the shared budget is spent, then cuts (that write does not land). */
final class CutDevice implements BlockDevice {
    /** Thrown by the write that meets the cut. */
    static final class PowerCut extends RuntimeException {
        PowerCut() { super("power cut"); }
    }

    private final MemoryDevice d;
    private final AtomicInteger budget;

    CutDevice(MemoryDevice d, AtomicInteger budget) {
        this.d = d;
        this.budget = budget;
    }

    @Override public String name() { return d.name(); }

    @Override public long size() { return d.size(); }

    @Override public void readFully(long pos, ByteBuffer dst) throws IOException { d.readFully(pos, dst); }

    @Override
    public void writeFully(long pos, ByteBuffer src) throws IOException {
        if (budget.decrementAndGet() < 0) throw new PowerCut();
        d.writeFully(pos, src);
    }

    @Override public void flush() { }

    @Override public void close() { }
}
