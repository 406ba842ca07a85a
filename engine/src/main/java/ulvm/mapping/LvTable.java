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
        int limit = dst.limit();
        try {
            dst.limit(dst.position() + want);
            io(offset, dst, false);
        } finally {
            dst.limit(limit);
        }
        return want;
    }

    /** Writes all of {@code src}; the caller has checked the end. */
    public void write(long offset, ByteBuffer src) throws IOException {
        io(offset, src, true);
    }

    /** Discards {@code [offset, offset + len)} segment by segment; the caller has checked the end. */
    public void discard(long offset, long len) throws IOException {
        long end = offset + len;
        for (long off = offset; off < end; ) {
            int i = find(off);
            long segEnd = i + 1 < starts.length ? starts[i + 1] : size;
            off += targets[i].discard(off - starts[i], Math.min(end, segEnd) - off);
        }
    }

    /**
     * What the LV holds from {@code offset} on (before its end): a run of data or of a hole within one segment, at most
     * {@code len} bytes and at least one.
     */
    public ulvm.io.Allocation allocation(long offset, long len) throws IOException {
        int i = find(offset);
        long segEnd = i + 1 < starts.length ? starts[i + 1] : size;
        ulvm.io.Allocation a = targets[i].allocation(offset - starts[i], Math.min(len, segEnd - offset));
        return a.length() > 0 ? a : ulvm.io.Allocation.data(Math.min(len, segEnd - offset));
    }

    /** The segments' targets, in LV order (what a block-status query asks of a raid1 LV). */
    public java.util.List<Target> targets() { return java.util.List.of(targets); }

    /**
     * Moves the buffer's remaining bytes segment by segment, in place: the limit is narrowed to each segment's end
     * and restored, so the hot path allocates nothing.
     */
    private void io(long offset, ByteBuffer buf, boolean write) throws IOException {
        int end = buf.limit();
        long off = offset;
        try {
            while (buf.position() < end) {
                int i = find(off);
                long segEnd = i + 1 < starts.length ? starts[i + 1] : size;
                buf.limit((int) Math.min(end, buf.position() + (segEnd - off)));
                off += write ? targets[i].write(off - starts[i], buf) : targets[i].read(off - starts[i], buf);
                buf.limit(end);
            }
        } finally {
            buf.limit(end);
        }
    }

    public void flush() throws IOException {
        for (Target t : targets) t.flush();
    }
}
