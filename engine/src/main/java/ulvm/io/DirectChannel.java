package ulvm.io;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Positional I/O on an image opened with O_DIRECT ({@link CacheMode#NONE}). The kernel takes only positions,
 * lengths and buffer addresses that are multiples of the file system's block size ({@link #align}, at least 4 KiB),
 * so a request that is not goes through an aligned direct buffer: a read reads the aligned blocks around it, a write
 * reads the partial first and last blocks, puts its bytes in and writes the blocks back (read-modify-write). Two
 * writes to different bytes of one block must both survive, so a write holds the locks of its first and last blocks
 * while it runs (a block in the middle of a write is wholly its own: a write touching it overlaps it).
 */
final class DirectChannel {
    private static final int MIN_ALIGN = 4096;
    private static final int LOCKS = 64;
    /** Bounce buffers up to this size are kept per thread; larger requests go through in pieces. */
    private static final int BOUNCE = 1 << 20;

    private final FileChannel ch;
    final int align;
    private final ReentrantLock[] locks = new ReentrantLock[LOCKS];
    /** Each thread's bounce buffer, shared by all images, grown up to {@link #BOUNCE} as needed. */
    private static final ThreadLocal<ByteBuffer> BUFFERS = new ThreadLocal<>();

    /**
     * Where the last, partial block of an image whose size is not a multiple of {@link #align} starts (else never
     * reached): a direct write there would grow the file, so writes reaching it go through {@link #buffered}.
     */
    private final long tailFrom;
    private final Path path;
    /** The options without O_DIRECT (WRITE, perhaps DSYNC): what the tail is opened with. */
    private final OpenOption[] bufferedOptions;
    private volatile FileChannel buffered;

    private DirectChannel(Path path, OpenOption[] bufferedOptions, FileChannel ch, int align) throws IOException {
        this.path = path;
        this.bufferedOptions = bufferedOptions;
        this.ch = ch;
        this.align = align;
        long size = ch.size();
        this.tailFrom = size % align == 0 ? Long.MAX_VALUE : size / align * align;
        for (int i = 0; i < LOCKS; i++) locks[i] = new ReentrantLock();
    }

    /** This thread's aligned buffer of {@code len} bytes (position 0, limit {@code len}). */
    private ByteBuffer bounce(int len) {
        ByteBuffer b = BUFFERS.get();
        if (b == null || b.capacity() < len || b.alignmentOffset(0, align) != 0) {
            int cap = Math.max(len, 64 << 10);
            b = ByteBuffer.allocateDirect(cap + align).alignedSlice(align);
            BUFFERS.set(b);
        }
        return b.clear().limit(len);
    }

    /** Opens {@code path} with O_DIRECT and {@code options} (READ, WRITE, DSYNC). */
    static DirectChannel open(Path path, OpenOption... options) throws IOException {
        List<OpenOption> o = new ArrayList<>(List.of(options));
        o.add(ExtendedOpenOption.DIRECT);
        long bs = Files.getFileStore(path).getBlockSize();
        int align = (int) Math.max(MIN_ALIGN, bs);
        FileChannel ch = FileChannel.open(path, o.toArray(new OpenOption[0]));
        try {
            return new DirectChannel(path, options, ch, align);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    FileChannel channel() { return ch; }

    /** Reads up to {@code dst.remaining()} bytes at {@code pos}; returns the count, -1 at the end of the file. */
    int read(ByteBuffer dst, long pos) throws IOException {
        if (aligned(pos, dst)) return ch.read(dst, pos);
        long from = floor(pos);
        int len = (int) Math.min(ceil(pos + dst.remaining()) - from, BOUNCE);
        ByteBuffer b = bounce(len);
        int n = readBlocks(b, from);
        int skip = (int) (pos - from);
        if (n <= skip) return -1;
        int take = Math.min(n - skip, dst.remaining());
        dst.put(b.limit(skip + take).position(skip));
        return take;
    }

    /** Writes some of {@code src} at {@code pos} (at least one byte); returns the count. */
    int write(ByteBuffer src, long pos) throws IOException {
        if (pos + src.remaining() > tailFrom) return tail().write(src, pos);
        if (aligned(pos, src)) return ch.write(src, pos);
        long from = floor(pos);
        long to = Math.min(ceil(pos + src.remaining()), from + BOUNCE);
        int take = (int) (Math.min(to, pos + src.remaining()) - pos);
        ReentrantLock first = lock(from), last = lock(to - align);
        first.lock();
        if (last != first) last.lock();
        try {
            ByteBuffer b = bounce((int) (to - from));
            if (pos != from) fill(b, 0, from);
            if (pos + take != to && (to - align != from || pos == from)) fill(b, (int) (to - from - align), to - align);
            int at = (int) (pos - from);
            ByteBuffer part = src.slice().limit(take);
            b.position(at).put(part);
            b.position(0);
            while (b.hasRemaining()) ch.write(b, from + b.position());
            src.position(src.position() + take);
            return take;
        } finally {
            if (last != first) last.unlock();
            first.unlock();
        }
    }

    private boolean aligned(long pos, ByteBuffer b) {
        if (pos % align != 0 || b.remaining() % align != 0) return false;
        // a heap buffer is copied here too: JDK 17's own aligned temporary buffers fail when released (Util.free)
        return b.isDirect() && b.alignmentOffset(b.position(), align) == 0;
    }

    /** Reads the block at {@code blockPos} into {@code b[at, at + align)}; zeros where the file ends. */
    private void fill(ByteBuffer b, int at, long blockPos) throws IOException {
        ByteBuffer block = b.duplicate().position(at).limit(at + align);
        int n = readBlocks(block, blockPos);
        for (int i = Math.max(n, 0); i < align; i++) b.put(at + i, (byte) 0);
    }

    /** Reads aligned blocks into all of {@code b} (its position is kept); returns the bytes read before the end, or -1. */
    private int readBlocks(ByteBuffer b, long pos) throws IOException {
        ByteBuffer d = b.duplicate();
        int start = d.position();
        while (d.hasRemaining()) {
            int n = ch.read(d, pos + d.position() - start);
            if (n <= 0 || (d.position() - start) % align != 0) break; // a short read: the end of the file
        }
        int got = d.position() - start;
        return got == 0 && b.hasRemaining() ? -1 : got;
    }

    private ReentrantLock lock(long blockPos) { return locks[(int) Long.remainderUnsigned(blockPos / align * 0x9E3779B97F4A7C15L >>> 32, LOCKS)]; }

    private long floor(long p) { return p / align * align; }

    private long ceil(long p) { return (p + align - 1) / align * align; }

    /** The image's tail, written through the page cache (an fdatasync of any descriptor of the file forces it; DSYNC if the direct channel has it). */
    private FileChannel tail() throws IOException {
        FileChannel t = buffered;
        if (t == null) {
            synchronized (this) {
                if (buffered == null) buffered = FileChannel.open(path, bufferedOptions);
                t = buffered;
            }
        }
        return t;
    }

    void close() throws IOException {
        try {
            if (buffered != null) buffered.close();
        } finally {
            ch.close();
        }
    }
}
