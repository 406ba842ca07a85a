package ulvm.fuse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import ulvm.io.Volume;

/** A test {@link Volume} over a file with positional I/O; its size can be changed to simulate lvresize. */
final class FileVolume implements Volume, AutoCloseable {
    private final FileChannel channel;
    private volatile boolean readOnly;
    private volatile long size;
    /** Every discard's offset and length, in order. */
    final java.util.List<long[]> discards = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    FileVolume(Path file, long size, boolean readOnly) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.readOnly = readOnly;
        resize(size);
    }

    /** Opens an existing file at its current length. */
    static FileVolume existing(Path file) throws IOException {
        return new FileVolume(file, java.nio.file.Files.size(file), false);
    }

    void resize(long newSize) throws IOException {
        if (channel.size() < newSize) channel.write(ByteBuffer.allocate(1), newSize - 1);
        size = newSize;
    }

    void setReadOnly(boolean readOnly) { this.readOnly = readOnly; }

    @Override public long size() { return size; }

    @Override public boolean readOnly() { return readOnly; }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        long limit = size;
        if (offset >= limit) return 0;
        int want = (int) Math.min(dst.remaining(), limit - offset);
        int oldLimit = dst.limit();
        dst.limit(dst.position() + want);
        int total = 0;
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, offset + total);
                if (n < 0) break;
                total += n;
            }
        } finally {
            dst.limit(oldLimit);
        }
        return total;
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        if (readOnly) throw new IOException("read-only volume");
        if (offset < 0 || offset + src.remaining() > size) {
            throw new NoSpaceException("write of " + src.remaining() + " at " + offset + " past " + size);
        }
        long pos = offset;
        while (src.hasRemaining()) pos += channel.write(src, pos);
    }

    /** Discards as zeros written, each range remembered. */
    @Override
    public void discard(long offset, long len) throws IOException {
        discards.add(new long[] {offset, len});
        Volume.super.zero(offset, len);
    }

    @Override public void flush() throws IOException { channel.force(false); }

    @Override public void close() throws IOException { channel.close(); }
}
