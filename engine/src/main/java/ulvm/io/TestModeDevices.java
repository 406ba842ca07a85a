package ulvm.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * LVM2's --test: images open read-only underneath, and what the command writes stays in memory (4 KiB blocks,
 * shared by every open of the same image in this command), so the command runs through as it would and the images
 * are left as they were. A discard is dropped.
 */
public final class TestModeDevices implements Devices.Opener {
    private static final int BLOCK = 4096;
    private final Devices.Opener under;
    private final Map<Path, TreeMap<Long, byte[]>> written = new HashMap<>();

    public TestModeDevices(Devices.Opener under) { this.under = under; }

    @Override
    public BlockDevice open(Path path, boolean writable) throws IOException {
        BlockDevice d = under.open(path, false);
        return new Overlay(d, written.computeIfAbsent(path.toAbsolutePath().normalize(), p -> new TreeMap<>()));
    }

    private record Overlay(BlockDevice d, TreeMap<Long, byte[]> blocks) implements BlockDevice {
        @Override public String name() { return d.name(); }

        @Override public long size() throws IOException { return d.size(); }

        @Override
        public void readFully(long pos, ByteBuffer dst) throws IOException {
            while (dst.hasRemaining()) {
                long b = pos / BLOCK;
                int off = (int) (pos % BLOCK), n = Math.min(dst.remaining(), BLOCK - off);
                byte[] mine = blocks.get(b);
                ByteBuffer part = dst.slice().limit(n);
                if (mine != null) part.put(mine, off, n); else d.readFully(pos, part);
                dst.position(dst.position() + n);
                pos += n;
            }
        }

        @Override
        public void writeFully(long pos, ByteBuffer src) throws IOException {
            while (src.hasRemaining()) {
                long b = pos / BLOCK;
                int off = (int) (pos % BLOCK), n = Math.min(src.remaining(), BLOCK - off);
                byte[] mine = blocks.get(b);
                if (mine == null) {
                    mine = new byte[BLOCK];
                    d.readFully(b * BLOCK, ByteBuffer.wrap(mine));
                    blocks.put(b, mine);
                }
                src.get(mine, off, n);
                pos += n;
            }
        }

        @Override public void flush() { }

        @Override public void discard(long pos, long len) { }

        @Override
        public Allocation allocation(long pos, long len) throws IOException {
            return blocks.isEmpty() ? d.allocation(pos, len) : Allocation.data(len);
        }

        @Override public void close() throws IOException { d.close(); }
    }
}
