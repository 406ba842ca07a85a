package ulvm.mapping;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** An immutable byte-range table of one LV: segment starts (bytes, sorted) and their targets. */
public final class LvTable {
    private final long[] starts;
    private final Target[] targets;
    private final long size;

    public LvTable(long[] starts, Target[] targets, long size) {
        this.starts = starts.clone();
        this.targets = targets.clone();
        this.size = size;
    }

    public long size() { return size; }

    private int find(long offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    /** Reads up to the end of the LV; returns the bytes read. Requests crossing segments are split. */
    public int read(long offset, ByteBuffer dst) throws IOException {
        if (offset >= size) return 0;
        int want = (int) Math.min(dst.remaining(), size - offset);
        ByteBuffer b = dst.duplicate();
        b.limit(b.position() + want);
        long off = offset;
        while (b.hasRemaining()) {
            int i = find(off);
            long segEnd = i + 1 < starts.length ? starts[i + 1] : size;
            ByteBuffer part = b.duplicate();
            part.limit((int) Math.min(b.limit(), b.position() + (segEnd - off)));
            int n = targets[i].read(off - starts[i], part);
            b.position(b.position() + n);
            off += n;
        }
        dst.position(dst.position() + want);
        return want;
    }

    /** Writes all of {@code src}; the caller has checked the end. */
    public void write(long offset, ByteBuffer src) throws IOException {
        long off = offset;
        while (src.hasRemaining()) {
            int i = find(off);
            long segEnd = i + 1 < starts.length ? starts[i + 1] : size;
            ByteBuffer part = src.duplicate();
            part.limit((int) Math.min(src.limit(), src.position() + (segEnd - off)));
            int n = targets[i].write(off - starts[i], part);
            src.position(src.position() + n);
            off += n;
        }
    }

    public void flush() throws IOException {
        for (Target t : targets) t.flush();
    }
}
