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

    /** Moves bytes from the buffer's position, up to its limit or the end of the stripe chunk; advances it. */
    private int io(long offset, ByteBuffer buf, boolean write) throws IOException {
        BlockDevice d;
        long pos;
        int len = buf.remaining();
        int limit = buf.limit();
        if (stripeBytes == 0) {
            d = devs[0];
            pos = bases[0] + offset;
        } else {
            long chunk = offset / stripeBytes;
            long within = offset % stripeBytes;
            int stripe = (int) (chunk % devs.length);
            d = devs[stripe];
            pos = bases[stripe] + (chunk / devs.length) * stripeBytes + within;
            len = (int) Math.min(len, stripeBytes - within);
            buf.limit(buf.position() + len);
        }
        try {
            if (write) d.writeFully(pos, buf);
            else d.readFully(pos, buf);
        } finally {
            buf.limit(limit);
        }
        return len;
    }

    @Override public int read(long offset, ByteBuffer dst) throws IOException { return io(offset, dst, false); }

    @Override public int write(long offset, ByteBuffer src) throws IOException { return io(offset, src, true); }

    /**
     * Whole rows of stripe chunks as one range on each image; otherwise up to the end of the stripe chunk, on the
     * stripe's image.
     */
    @Override
    public long discard(long offset, long len) throws IOException {
        if (stripeBytes == 0) {
            devs[0].discard(bases[0] + offset, len);
            return len;
        }
        long row = stripeBytes * devs.length;
        if (offset % row == 0 && len >= row) {
            long rows = len / row;
            for (int i = 0; i < devs.length; i++) devs[i].discard(bases[i] + offset / row * stripeBytes, rows * stripeBytes);
            return rows * row;
        }
        long chunk = offset / stripeBytes;
        long within = offset % stripeBytes;
        int stripe = (int) (chunk % devs.length);
        long n = Math.min(len, stripeBytes - within);
        devs[stripe].discard(bases[stripe] + (chunk / devs.length) * stripeBytes + within, n);
        return n;
    }

    @Override
    public void flush() throws IOException {
        for (BlockDevice d : devs) d.flush();
    }
}
