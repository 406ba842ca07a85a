package ulvm.nbd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import ulvm.io.Volume;

/**
 * Test exports over plain files: base:allocation reports 4 KiB blocks of zeros as holes, and the bitmap "track"
 * marks the 64 KiB regions written since {@link #track}.
 */
final class FileExports implements Exports {
    static final int BLOCK = 4096, REGION = 64 << 10;

    /** One file as a volume; discard writes zeros. Counts flushes. */
    static final class FileVolume implements Volume {
        final FileChannel file;
        final boolean readOnly;
        final AtomicInteger flushes = new AtomicInteger(), discards = new AtomicInteger();
        final BitSet dirty = new BitSet();
        final boolean canDiscard;
        /** Bytes the volume claims past the end of its file (reads there come back short, as after a shrink). */
        volatile long extra;
        /** Each write sleeps this long; what happened, in order ("write" when a write ends, "flush"). */
        volatile int writeDelayMillis;
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger writing = new AtomicInteger(), mostWriting = new AtomicInteger();

        FileVolume(Path path, boolean readOnly, boolean canDiscard) throws IOException {
            this.file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            this.readOnly = readOnly;
            this.canDiscard = canDiscard;
        }

        @Override public long size() {
            try {
                return file.size() + extra;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override public boolean readOnly() { return readOnly; }

        @Override public int read(long offset, ByteBuffer dst) throws IOException {
            int n = 0;
            while (dst.hasRemaining() && offset + n < file.size()) {
                int r = file.read(dst, offset + n);
                if (r <= 0) break;
                n += r;
            }
            return n;
        }

        @Override public void write(long offset, ByteBuffer src) throws IOException {
            if (offset + src.remaining() > size()) throw new NoSpaceException("past the end");
            mostWriting.accumulateAndGet(writing.incrementAndGet(), Math::max);
            try {
                if (writeDelayMillis > 0) Thread.sleep(writeDelayMillis);
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            } finally {
                writing.decrementAndGet();
            }
            long start = offset, end = offset + src.remaining();
            while (src.hasRemaining()) offset += file.write(src, offset);
            synchronized (dirty) {
                if (end > start) dirty.set((int) (start / REGION), (int) ((end - 1) / REGION) + 1);
            }
            events.add("write");
        }

        @Override public void flush() throws IOException {
            flushes.incrementAndGet();
            events.add("flush");
            file.force(false);
        }

        @Override public void discard(long offset, long len) throws IOException {
            if (!canDiscard) throw new NotSupportedException("no discard");
            discards.incrementAndGet();
            zero(offset, len);
        }
    }

    final Map<String, FileVolume> volumes = new LinkedHashMap<>();
    final AtomicInteger open = new AtomicInteger();

    FileExports add(String name, Path file, boolean readOnly) throws IOException {
        volumes.put(name, new FileVolume(file, readOnly, true));
        return this;
    }

    FileExports add(String name, FileVolume volume) {
        volumes.put(name, volume);
        return this;
    }

    @Override public List<String> names() { return List.copyOf(volumes.keySet()); }

    @Override public String description(String name) { return "test export " + name; }

    @Override public Export open(String name) {
        FileVolume v = volumes.get(name);
        if (v == null) return null;
        open.incrementAndGet();
        return new Export() {
            @Override public Volume volume() { return v; }

            @Override public boolean readOnly() { return v.readOnly; }

            @Override public List<Extent> allocation(long offset, long length) throws IOException {
                List<Extent> out = new ArrayList<>();
                long end = Math.min(offset + length, v.size());
                ByteBuffer b = ByteBuffer.allocate(BLOCK);
                for (long off = offset; off < end; ) {
                    long next = Math.min(end, (off / BLOCK + 1) * BLOCK);
                    b.clear().limit((int) (next - off));
                    v.read(off, b);
                    boolean zero = true;
                    for (int i = 0; i < b.position() && zero; i++) zero = b.get(i) == 0;
                    Extents.append(out, next - off, zero ? HOLE | ZERO : 0);
                    off = next;
                }
                return out;
            }

            @Override public List<String> dirtyBitmaps() { return List.of("track"); }

            @Override public List<Extent> dirtyBitmap(String name, long offset, long length) {
                List<Extent> out = new ArrayList<>();
                long end = Math.min(offset + length, v.size());
                for (long off = offset; off < end; ) {
                    long next = Math.min(end, (off / REGION + 1) * REGION);
                    boolean d;
                    synchronized (v.dirty) {
                        d = v.dirty.get((int) (off / REGION));
                    }
                    Extents.append(out, next - off, d ? DIRTY : 0);
                    off = next;
                }
                return out;
            }

            @Override public void close() { open.decrementAndGet(); }
        };
    }
}
