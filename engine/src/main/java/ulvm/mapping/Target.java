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

    /** Forces what this target wrote since the last flush. */
    void flush() throws IOException;
}
