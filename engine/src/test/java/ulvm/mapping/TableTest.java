package ulvm.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.io.BlockDevice;
import ulvm.io.FileBlockDevice;

/** Striped and linear tables put each byte where LVM2's mapping puts it, for several stripe sizes. */
class TableTest {
    @TempDir Path dir;

    @Test
    void stripedMappingMatchesTheFormula() throws Exception {
        for (long stripe : new long[] {4096, 65536, 1 << 20}) {
            int n = 3;
            long extent = 4L << 20;
            BlockDevice[] devs = new BlockDevice[n];
            long[] bases = new long[n];
            for (int i = 0; i < n; i++) {
                Path f = dir.resolve("s" + stripe + "_" + i);
                Files.write(f, new byte[0]);
                devs[i] = FileBlockDevice.open(f, true);
                bases[i] = (1 << 20) + i * extent;
            }
            long segBytes = 2 * n * extent;
            LvTable t = new LvTable(new long[] {0}, new Target[] {new StripedTarget(devs, bases, stripe)}, segBytes);
            Random r = new Random(stripe);
            byte[] all = new byte[(int) segBytes];
            r.nextBytes(all);
            // write in odd-sized pieces that cross stripe boundaries; the large ones go to the images at once (Fanout)
            for (int off = 0, i = 0; off < all.length; i++) {
                int len = Math.min(all.length - off, 1 + r.nextInt(i % 2 == 0 ? 300_000 : 4 << 20));
                t.write(off, ByteBuffer.wrap(all, off, len));
                off += len;
            }
            for (long probe : List.of(0L, stripe - 1, stripe, 5 * stripe + 17, segBytes - 1)) {
                long chunk = probe / stripe;
                int s = (int) (chunk % n);
                long pos = bases[s] + (chunk / n) * stripe + probe % stripe;
                assertEquals(all[(int) probe], devs[s].read(pos, 1)[0], "stripe " + stripe + " offset " + probe);
            }
            byte[] back = new byte[all.length];
            assertEquals(all.length, t.read(0, ByteBuffer.wrap(back)));
            assertArrayEquals(all, back);
            for (BlockDevice d : devs) d.close();
        }
    }

    /** A discard zeroes exactly its range, through the stripes (partial chunks, whole rows, across a segment boundary). */
    @Test
    void discardZeroesExactlyItsRangeOnEveryStripe() throws Exception {
        int n = 3;
        long stripe = 65536, extent = 1 << 20;
        BlockDevice[] devs = new BlockDevice[n];
        long[] bases = new long[n];
        for (int i = 0; i < n; i++) {
            Path f = dir.resolve("d" + i);
            Files.write(f, new byte[0]);
            devs[i] = FileBlockDevice.open(f, true);
            bases[i] = 4096 + i * 8 * extent;
        }
        Path lin = dir.resolve("lin");
        Files.write(lin, new byte[0]);
        BlockDevice linear = FileBlockDevice.open(lin, true);
        long seg0 = 2 * n * extent, size = seg0 + 2 * extent;
        LvTable t = new LvTable(new long[] {0, seg0},
                new Target[] {new StripedTarget(devs, bases, stripe), new StripedTarget(new BlockDevice[] {linear}, new long[] {512}, 0)}, size);
        byte[] all = new byte[(int) size];
        new Random(11).nextBytes(all);
        t.write(0, ByteBuffer.wrap(all));
        long[][] ranges = {{100, 5000}, {stripe - 10, 3 * stripe * n + 20}, {seg0 - 70_000, 300_000}, {size - 4096, 4096}};
        for (long[] r : ranges) {
            t.discard(r[0], r[1]);
            java.util.Arrays.fill(all, (int) r[0], (int) (r[0] + r[1]), (byte) 0);
        }
        byte[] back = new byte[all.length];
        t.read(0, ByteBuffer.wrap(back));
        assertArrayEquals(all, back);
        for (BlockDevice d : devs) d.close();
        linear.close();
    }
}
