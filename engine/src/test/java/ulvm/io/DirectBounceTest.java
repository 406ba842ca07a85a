package ulvm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image opened with O_DIRECT ({@code ulvm mount --cache none}) takes requests at any offset and of any length,
 * in heap or direct buffers: odd offsets, sub-sector lengths and ranges spanning blocks are bounced through aligned
 * buffers (read-modify-write of partial blocks), and the file ends up byte for byte as if written buffered.
 */
class DirectBounceTest {
    @TempDir Path dir;

    @Test
    void unalignedWritesAndReadsMatchAModel() throws IOException {
        Path f = image("pv.img", 4 << 20);
        byte[] model = Files.readAllBytes(f);
        Random r = new Random(15);
        try (FileBlockDevice d = FileBlockDevice.open(f, true, CacheMode.NONE)) {
            for (int i = 0; i < 400; i++) {
                int len = switch (i % 5) {
                    case 0 -> 1 + r.nextInt(511); // sub-sector
                    case 1 -> 1 + r.nextInt(4096); // within or across one block boundary
                    case 2 -> 4096 * (1 + r.nextInt(4)); // block-sized, at an odd offset
                    case 3 -> 1 + r.nextInt(3 << 20); // spanning many blocks, past one bounce
                    default -> 512 * (1 + r.nextInt(16)); // whole sectors
                };
                int pos = r.nextInt(model.length - len);
                if (i % 7 == 0) pos = pos / 4096 * 4096; // aligned start, unaligned length
                byte[] b = new byte[len];
                r.nextBytes(b);
                System.arraycopy(b, 0, model, pos, len);
                d.writeFully(pos, buffer(b, i % 2 == 0, i % 3));
                int rp = r.nextInt(model.length - len);
                ByteBuffer got = i % 2 == 0 ? ByteBuffer.allocate(len) : ByteBuffer.allocateDirect(len + 3).position(3).slice();
                d.readFully(rp, got);
                assertArrayEquals(Arrays.copyOfRange(model, rp, rp + len), bytes(got.flip()), "read of " + len + " at " + rp);
            }
            d.flush();
        }
        assertArrayEquals(model, Files.readAllBytes(f));
    }

    @Test
    void neighboursInOneBlockWrittenAtOnceBothSurvive() throws Exception {
        Path f = image("pv.img", 1 << 20);
        byte[] model = new byte[1 << 20];
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (FileBlockDevice d = FileBlockDevice.open(f, true, CacheMode.NONE)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int slot = t;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < 200; k++) { // 8 writers, 100-byte slots interleaved in the same blocks
                        int pos = (k * 8 + slot) * 100;
                        byte[] b = new byte[100];
                        Arrays.fill(b, (byte) (slot + 1));
                        d.writeFully(pos, ByteBuffer.wrap(b));
                    }
                    return null;
                }));
            }
            for (Future<?> x : done) x.get();
            for (int t = 0; t < 8; t++) for (int k = 0; k < 200; k++) Arrays.fill(model, (k * 8 + t) * 100, (k * 8 + t) * 100 + 100, (byte) (t + 1));
        } finally {
            pool.shutdown();
        }
        assertArrayEquals(model, Files.readAllBytes(f));
    }

    @Test
    void anImageOfOddSizeKeepsItsSizeAndItsTail() throws IOException {
        Path f = image("odd.img", 3 * 4096 + 1000);
        try (FileBlockDevice d = FileBlockDevice.open(f, true, CacheMode.NONE)) {
            d.write(3 * 4096 + 900, new byte[] {1, 2, 3});
            d.write(4000, new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
            assertArrayEquals(new byte[] {1, 2, 3, 0}, d.read(3 * 4096 + 900, 4), "read back from the tail");
            assertArrayEquals(new byte[] {0, 0}, d.read(3 * 4096 + 1000, 2), "past the end: zeros");
            d.flush();
        }
        assertEquals(3 * 4096 + 1000, Files.size(f));
        byte[] all = Files.readAllBytes(f);
        assertEquals(9, all[4095]);
        assertEquals(9, all[4099]);
        assertEquals(0, all[4100]);
        assertEquals(3, all[3 * 4096 + 902]);
    }

    @Test
    void durableWritesAndDiscardsWorkDirect() throws IOException {
        Path f = image("pv.img", 1 << 20);
        byte[] data = new byte[1 << 20];
        new Random(16).nextBytes(data);
        Files.write(f, data);
        try (FileBlockDevice d = FileBlockDevice.open(f, true, CacheMode.NONE)) {
            d.writeDurably(513, ByteBuffer.wrap(new byte[] {7, 7, 7}));
            d.discard(3 * 4096 + 100, 10 * 4096);
            d.flush();
        }
        byte[] expected = data.clone();
        Arrays.fill(expected, 513, 516, (byte) 7);
        Arrays.fill(expected, 3 * 4096 + 100, 13 * 4096 + 100, (byte) 0);
        assertArrayEquals(expected, Files.readAllBytes(f));
    }

    private Path image(String name, long size) throws IOException {
        Path f = dir.resolve(name);
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size);
            ch.write(ByteBuffer.allocate(1), size - 1);
        }
        return f;
    }

    /** {@code b} in a heap buffer, or in a direct one whose address is {@code skew} bytes past an aligned one. */
    private static ByteBuffer buffer(byte[] b, boolean heap, int skew) {
        if (heap) return ByteBuffer.wrap(b);
        ByteBuffer d = ByteBuffer.allocateDirect(b.length + 8192).alignedSlice(4096).position(skew).slice();
        d.put(b).flip();
        return d;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
