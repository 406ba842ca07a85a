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

    /**
     * Discards {@code [offset, offset + len)} (up to the end of the volume): it reads as zeros afterwards and the image
     * files give the space back. A discard is a write in every other respect.
     *
     * @throws NotSupportedException when the volume cannot discard (a snapshot's own file)
     */
    default void discard(long offset, long len) throws IOException {
        throw new NotSupportedException("discard not supported");
    }

    /** Zeroes {@code [offset, offset + len)} (up to the end of the volume): a discard, or zeros written where none can be. */
    default void zero(long offset, long len) throws IOException {
        long end = Math.min(offset + len, size());
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.max(0, Math.min(end - offset, 1 << 20)));
        for (long off = offset; off < end; off += zeros.capacity()) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), end - off));
            write(off, zeros);
        }
    }

    /** Thrown when a volume cannot do what is asked of it (the mount answers EOPNOTSUPP). */
    final class NotSupportedException extends IOException {
        public NotSupportedException(String message) { super(message); }
    }

    /** Thrown when a write goes past the end of a volume (the mount answers ENOSPC). */
    final class NoSpaceException extends IOException {
        public NoSpaceException(String message) { super(message); }
    }
}
