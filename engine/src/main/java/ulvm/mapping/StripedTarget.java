package ulvm.mapping;

import java.io.IOException;
import java.nio.ByteBuffer;
import ulvm.io.BlockDevice;

/** Linear (one stripe) or striped mapping onto PV image files. */
public final class StripedTarget implements Target {
    private final BlockDevice[] devs;
    private final long[] bases;
    private final long stripeBytes;

    /** {@code bases[i]}: byte offset of stripe i's first extent on {@code devs[i]}; {@code stripeBytes} 0 for linear. */
    public StripedTarget(BlockDevice[] devs, long[] bases, long stripeBytes) {
        this.devs = devs.clone();
        this.bases = bases.clone();
        this.stripeBytes = devs.length == 1 ? 0 : stripeBytes;
    }

    private int io(long offset, ByteBuffer buf, boolean write) throws IOException {
        BlockDevice d;
        long pos;
        int len = buf.remaining();
        if (stripeBytes == 0) {
            d = devs[0];
            pos = bases[0] + offset;
        } else {
            long chunk = offset / stripeBytes;
            long within = offset % stripeBytes;
            int stripe = (int) (chunk % devs.length);
            long row = chunk / devs.length;
            d = devs[stripe];
            pos = bases[stripe] + row * stripeBytes + within;
            len = (int) Math.min(len, stripeBytes - within);
        }
        ByteBuffer part = buf.duplicate();
        part.limit(part.position() + len);
        if (write) d.writeFully(pos, part);
        else d.readFully(pos, part);
        buf.position(buf.position() + len);
        return len;
    }

    @Override public int read(long offset, ByteBuffer dst) throws IOException { return io(offset, dst, false); }

    @Override public int write(long offset, ByteBuffer src) throws IOException { return io(offset, src, true); }

    @Override
    public void flush() throws IOException {
        for (BlockDevice d : devs) d.flush();
    }
}
