package ulvm.mapping;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The I/O of one segment: offsets are bytes from the segment's start. A target moves bytes from the buffer's
 * position towards its limit, advancing the position; it may stop early (a stripe or region boundary) and returns
 * how many it moved, and the caller continues.
 */
public interface Target {
    int read(long offset, ByteBuffer dst) throws IOException;

    int write(long offset, ByteBuffer src) throws IOException;

    /**
     * Discards from {@code offset} on, up to {@code len} bytes: they read as zeros afterwards, and the images give the
     * space back where they can. A discard is a write in every other respect (copy-on-write, write-intent bits, both
     * copies of a move). It may stop early, as a write does; returns how many bytes it discarded.
     *
     * @throws ulvm.io.Volume.NotSupportedException where the target cannot discard (a snapshot's own file)
     */
    long discard(long offset, long len) throws IOException;

    /**
     * What the segment holds from {@code offset} on: a run of data or of a hole (reads zeros), at most {@code len}
     * bytes and at least one. The default, always right: data.
     */
    default ulvm.io.Allocation allocation(long offset, long len) throws IOException {
        return ulvm.io.Allocation.data(len);
    }

    /** Forces what this target wrote since the last flush. */
    void flush() throws IOException;
}
