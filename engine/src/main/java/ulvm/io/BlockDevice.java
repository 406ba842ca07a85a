package ulvm.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Positional I/O on a PV image: never a shared file position. */
public interface BlockDevice extends Closeable {
    /** The path or name used in messages. */
    String name();

    long size() throws IOException;

    /** Reads exactly {@code dst.remaining()} bytes at {@code pos}; bytes past the end read as zeros. */
    void readFully(long pos, ByteBuffer dst) throws IOException;

    void writeFully(long pos, ByteBuffer src) throws IOException;

    void flush() throws IOException;

    /**
     * Writes all of {@code src} at {@code pos} and returns once those bytes are durable. Other data written to the
     * device need not be forced with them (file images use a second, O_DSYNC channel); the default writes and flushes.
     */
    default void writeDurably(long pos, ByteBuffer src) throws IOException {
        writeFully(pos, src);
        flush();
    }

    default byte[] read(long pos, int len) throws IOException {
        byte[] b = new byte[len];
        readFully(pos, ByteBuffer.wrap(b));
        return b;
    }

    default void write(long pos, byte[] b) throws IOException {
        writeFully(pos, ByteBuffer.wrap(b));
    }
}
