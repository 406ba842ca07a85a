package ulvm.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A PV image file. Thread-safe: every access is positional. */
public final class FileBlockDevice implements BlockDevice {
    private final Path path;
    private final FileChannel ch;
    private final boolean writable;
    private final GroupFlush flushes;
    /** Opened on first use: O_DSYNC writes make just their own range durable, not the file's other dirty pages. */
    private volatile FileChannel dsync;

    private FileBlockDevice(Path path, FileChannel ch, boolean writable) {
        this.path = path;
        this.ch = ch;
        this.writable = writable;
        this.flushes = new GroupFlush(() -> ch.force(false));
    }

    public static FileBlockDevice open(Path path, boolean writable) throws IOException {
        FileChannel ch = writable
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ);
        return new FileBlockDevice(path, ch, writable);
    }

    public Path path() { return path; }

    public boolean writable() { return writable; }

    @Override public String name() { return path.toString(); }

    @Override public long size() throws IOException { return ch.size(); }

    @Override
    public void readFully(long pos, ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
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
        while (src.hasRemaining()) pos += ch.write(src, pos);
        flushes.wrote(); // after the data: a flush that starts later must force it
    }

    @Override
    public void writeDurably(long pos, ByteBuffer src) throws IOException {
        if (!writable) throw new IOException(path + ": opened read-only");
        FileChannel c = dsync;
        if (c == null) {
            synchronized (this) {
                if (dsync == null) dsync = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
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

    @Override
    public void flush() throws IOException { flushes.flush(); }

    @Override
    public void close() throws IOException {
        try {
            if (dsync != null) dsync.close();
        } finally {
            ch.close();
        }
    }
}
