package ulvm.mapping;

import java.io.IOException;
import java.nio.ByteBuffer;
import ulvm.io.BlockDevice;
import ulvm.io.Fanout;

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

    /**
     * A write over several stripe chunks of at least {@link Fanout#WORTH} per image goes to the images at once, each
     * image's chunks in order; otherwise one chunk.
     */
    @Override
    public int write(long offset, ByteBuffer src) throws IOException {
        int n = devs.length;
        if (stripeBytes == 0 || src.remaining() < (long) n * Fanout.WORTH || src.remaining() < stripeBytes * n) return io(offset, src, true);
        int len = src.remaining();
        int start = src.position();
        Fanout.Piece[] pieces = new Fanout.Piece[n];
        for (int k = 0; k < n; k++) {
            long first = offset + (long) k * stripeBytes - offset % stripeBytes; // chunk k of the row, k = 0 partial
            long from = k == 0 ? offset : first;
            pieces[k] = () -> {
                ByteBuffer b = src.duplicate();
                for (long at = from; at < offset + len; at = (at / stripeBytes + n) * stripeBytes) {
                    b.limit(start + len).position(start + (int) (at - offset));
                    io(at, b, true);
                }
            };
        }
        IOException[] failed = Fanout.run(pieces);
        for (IOException e : failed) if (e != null) throw e;
        src.position(start + len);
        return len;
    }

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

    /** The image's holes (SEEK_DATA/SEEK_HOLE), up to the end of the stripe chunk. */
    @Override
    public ulvm.io.Allocation allocation(long offset, long len) throws IOException {
        if (stripeBytes == 0) return devs[0].allocation(bases[0] + offset, len);
        long chunk = offset / stripeBytes;
        long within = offset % stripeBytes;
        int stripe = (int) (chunk % devs.length);
        return devs[stripe].allocation(bases[stripe] + (chunk / devs.length) * stripeBytes + within, Math.min(len, stripeBytes - within));
    }

    @Override
    public void flush() throws IOException {
        for (BlockDevice d : devs) d.flush();
    }
}
