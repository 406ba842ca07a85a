package ulvm.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A PV image file. Thread-safe: every access is positional. With {@link CacheMode#NONE} it is opened with O_DIRECT
 * and unaligned requests are bounced ({@link DirectChannel}); a flush still forces the file (the disk's cache).
 */
public final class FileBlockDevice implements BlockDevice {
    /** Positional reads and writes of a channel, direct or not. */
    private interface Io {
        int read(ByteBuffer dst, long pos) throws IOException;

        int write(ByteBuffer src, long pos) throws IOException;

        FileChannel channel();

        void close() throws IOException;

        static Io open(Path path, CacheMode cache, OpenOption... options) throws IOException {
            if (cache == CacheMode.NONE) {
                DirectChannel d = DirectChannel.open(path, options);
                return new Io() {
                    @Override public int read(ByteBuffer dst, long pos) throws IOException { return d.read(dst, pos); }
                    @Override public int write(ByteBuffer src, long pos) throws IOException { return d.write(src, pos); }
                    @Override public FileChannel channel() { return d.channel(); }
                    @Override public void close() throws IOException { d.close(); }
                };
            }
            FileChannel c = FileChannel.open(path, options);
            return new Io() {
                @Override public int read(ByteBuffer dst, long pos) throws IOException { return c.read(dst, pos); }
                @Override public int write(ByteBuffer src, long pos) throws IOException { return c.write(src, pos); }
                @Override public FileChannel channel() { return c; }
                @Override public void close() throws IOException { c.close(); }
            };
        }
    }

    private final Path path;
    private final CacheMode cache;
    private final Io io;
    private final FileChannel ch;
    private final boolean writable;
    private final GroupFlush flushes;
    /** Opened on first use: O_DSYNC writes make just their own range durable, not the file's other dirty pages. */
    private volatile Io dsync;

    private FileBlockDevice(Path path, CacheMode cache, Io io, boolean writable) {
        this.path = path;
        this.cache = cache;
        this.io = io;
        this.ch = io.channel();
        this.writable = writable;
        this.flushes = new GroupFlush(() -> ch.force(false));
    }

    public static FileBlockDevice open(Path path, boolean writable) throws IOException {
        return open(path, writable, CacheMode.WRITEBACK);
    }

    public static FileBlockDevice open(Path path, boolean writable, CacheMode cache) throws IOException {
        Io io = writable
                ? Io.open(path, cache, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : Io.open(path, cache, StandardOpenOption.READ);
        return new FileBlockDevice(path, cache, io, writable);
    }

    public CacheMode cache() { return cache; }

    public Path path() { return path; }

    public boolean writable() { return writable; }

    @Override public String name() { return path.toString(); }

    @Override public long size() throws IOException { return ch.size(); }

    @Override
    public void readFully(long pos, ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            int n = io.read(dst, pos);
            if (n < 0) { // past the end of the file: zeros, like a sparse tail
                while (dst.hasRemaining()) dst.put((byte) 0);
                return;
            }
            pos += n;
        }
    }

    @Override
    public void writeFully(long pos, ByteBuffer src) throws IOException {
        if (!writable) throw new IOException(path + ": opened read-only");
        while (src.hasRemaining()) pos += io.write(src, pos);
        flushes.wrote(); // after the data: a flush that starts later must force it
    }

    @Override
    public void writeDurably(long pos, ByteBuffer src) throws IOException {
        if (!writable) throw new IOException(path + ": opened read-only");
        Io c = dsync;
        if (c == null) {
            synchronized (this) {
                if (dsync == null) dsync = Io.open(path, cache, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DSYNC); // READ: a direct bounce reads partial blocks
                c = dsync;
            }
        }
        while (src.hasRemaining()) pos += c.write(src, pos);
    }

    /** Punches the whole {@link HolePunch#BLOCK}s of the range and zeroes its partial edges; zeros where no hole can be made. */
    @Override
    public void discard(long pos, long len) throws IOException {
        if (!writable) throw new IOException(path + ": opened read-only");
        long end = pos + len;
        long from = (pos + HolePunch.BLOCK - 1) / HolePunch.BLOCK * HolePunch.BLOCK;
        long to = end / HolePunch.BLOCK * HolePunch.BLOCK;
        if (from >= to || !HolePunch.punch(path, from, to - from)) {
            BlockDevice.writeZeros(this, pos, len);
            return;
        }
        flushes.wrote(); // the punch is forced by the next flush, as a write is
        if (pos < from) BlockDevice.writeZeros(this, pos, from - pos);
        if (to < end) BlockDevice.writeZeros(this, to, end - to);
    }

    /** Opened at the first block-status query, kept until close (NBD asks once per read). */
    private SparseFiles.Handle holes;

    /**
     * SEEK_DATA/SEEK_HOLE on the image: its punched and never written ranges are holes. Under the lock that close
     * takes, so a query never seeks on a descriptor number already closed (and perhaps another file's by then).
     */
    @Override
    public synchronized Allocation allocation(long pos, long len) throws IOException {
        if (holes == null) holes = SparseFiles.open(path);
        return holes.allocation(pos, len);
    }

    @Override
    public void flush() throws IOException { flushes.flush(); }

    @Override
    public void close() throws IOException {
        try {
            if (dsync != null) dsync.close();
        } finally {
            synchronized (this) {
                if (holes != null) holes.close();
                holes = null;
            }
            io.close();
        }
    }
}
