package ulvm.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A byte-addressable logical volume as the mount exposes it: reads and writes at an offset,
 * a flush that makes every acknowledged write durable. Implementations map onto PV image files.
 */
public interface Volume {
    /** Size in bytes; may change between calls when the LV is resized. */
    long size();

    /** True when the volume refuses writes (read-only LV, tracked split image). */
    boolean readOnly();

    /**
     * Reads {@code dst.remaining()} bytes at {@code offset} into {@code dst}, fewer only at the end of the
     * volume. Returns the number of bytes read (0 at or past the end).
     */
    int read(long offset, ByteBuffer dst) throws IOException;

    /**
     * Writes all of {@code src} at {@code offset}. A write that would pass the end of the volume
     * throws {@link NoSpaceException} and writes nothing.
     */
    void write(long offset, ByteBuffer src) throws IOException;

    /** Forces every image file written since the last flush. */
    void flush() throws IOException;

    /** Thrown when a write goes past the end of a volume (the mount answers ENOSPC). */
    final class NoSpaceException extends IOException {
        public NoSpaceException(String message) { super(message); }
    }
}
