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

    /**
     * Discards {@code [pos, pos + len)}: afterwards it reads as zeros. An image file gives the whole blocks of the range
     * back to its file system (a hole); the default writes zeros.
     */
    default void discard(long pos, long len) throws IOException {
        writeZeros(this, pos, len);
    }

    /** Writes {@code len} zero bytes at {@code pos} through {@code d}'s writes, in pieces of up to 1 MiB. */
    static void writeZeros(BlockDevice d, long pos, long len) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(len, 1 << 20));
        for (long done = 0; done < len; ) {
            int n = (int) Math.min(zeros.capacity(), len - done);
            zeros.clear().limit(n);
            d.writeFully(pos + done, zeros);
            done += n;
        }
    }

    /**
     * What {@code [pos, pos + len)} holds from {@code pos} on: a run of data or of a hole, at most {@code len} bytes and
     * at least one. The default: all data (an image file answers with SEEK_DATA/SEEK_HOLE).
     */
    default Allocation allocation(long pos, long len) throws IOException {
        return Allocation.data(len);
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
