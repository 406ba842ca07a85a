package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * linear → raid1 → three images → two → linear → raid1 → linear on a mounted LV while a writer keeps rewriting it:
 * the daemon syncs each new image before the next step, every block ends up holding the last thing written to it,
 * the images of each array are byte-identical once in sync, and real LVM2 reads the same layout after every step.
 */
class RaidImageCountsTest {
    private static final long MiB = 1L << 20;
    private static final int BLOCK = 4096;
    private static final long SIZE = 16 * MiB;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void imageCountsChangeUnderAWriter(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 4, 64 * MiB);
            List<Path> pv = rig.images;
            rig.ulvm("lvcreate", "-L", "16M", "-n", "lv", "vg", pv.get(0).toString()).ok();
            rig.mount();
            Path file = rig.lvFile("vg", "lv");
            int blocks = (int) (SIZE / BLOCK);
            AtomicLongArray lastGen = new AtomicLongArray(blocks);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong writes = new AtomicLong();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                Thread writer = new Thread(() -> {
                    Random rnd = new Random(11);
                    try {
                        for (long gen = 1; !stop.get(); gen++) {
                            int b = rnd.nextInt(blocks);
                            ch.write(ByteBuffer.wrap(block(b, gen)), (long) b * BLOCK);
                            lastGen.set(b, gen);
                            writes.incrementAndGet();
                            if (gen % 64 == 0) MountRig.sleep(1);
                        }
                    } catch (Throwable t) {
                        failed.set(t);
                    }
                }, "lv-writer");
                writer.start();
                try {
                    step(rig, writes, "lvconvert", "-y", "--type", "raid1", "-m", "1", "vg/lv", pv.get(1).toString());
                    awaitInSync(rig);
                    step(rig, writes, "lvconvert", "-y", "-m", "+1", "vg/lv", pv.get(2).toString());
                    assertEquals(List.of("lv_rimage_0(0),lv_rimage_1(0),lv_rimage_2(0)"), rig.lvs("vg/lv", "devices"));
                    awaitInSync(rig);
                    step(rig, writes, "lvconvert", "-y", "-m", "-1", "vg/lv", pv.get(1).toString());
                    step(rig, writes, "lvconvert", "-y", "-m", "0", "vg/lv", pv.get(0).toString());
                    assertEquals(List.of(pv.get(2) + "(1)"), rig.lvs("vg/lv", "devices"), "the remaining image's extents, after its rmeta");
                    step(rig, writes, "lvconvert", "-y", "-m", "1", "vg/lv", pv.get(3).toString());
                    awaitInSync(rig);
                } finally {
                    stop.set(true);
                    writer.join(30_000);
                }
                assertNull(failed.get(), () -> "the writer failed: " + failed.get());
                ch.force(true);
            }
            assertNull(RaidSteps.firstDifference(rig, "vg", "lv_rimage_0", "lv_rimage_1", SIZE), "images identical once in sync");
            rig.ulvm("lvconvert", "-y", "--type", "linear", "vg/lv").ok();
            sameLayoutAsRealLvm(rig);
            for (int b = 0; b < blocks; b++) {
                long gen = lastGen.get(b);
                if (gen == 0) continue;
                assertArrayEquals(block(b, gen), RaidSteps.readAt(file, (long) b * BLOCK, BLOCK), "block " + b + " generation " + gen);
            }
            rig.umount();
            rig.mount();
            for (int b = 0; b < blocks; b += 97) {
                long gen = lastGen.get(b);
                if (gen != 0) assertArrayEquals(block(b, gen), RaidSteps.readAt(rig.lvFile("vg", "lv"), (long) b * BLOCK, BLOCK), "after remount, block " + b);
            }
        }
    }

    /** A conversion while the writer runs; the writer must go on afterwards; real LVM2 agrees on the layout. */
    private static void step(MountRig rig, AtomicLong writes, String... args) {
        rig.ulvm(args).ok();
        long before = writes.get();
        long end = System.nanoTime() + 30_000_000_000L;
        while (writes.get() < before + 100) {
            assertTrue(System.nanoTime() < end, "the writer stalled after " + String.join(" ", args));
            MountRig.sleep(10);
        }
        sameLayoutAsRealLvm(rig);
    }

    private static void awaitInSync(MountRig rig) { RaidSteps.awaitInSync(rig, "vg/lv"); }

    private static void sameLayoutAsRealLvm(MountRig rig) { RaidSteps.sameLayoutAsRealLvm(rig, "vg", "name,devices,segtype"); }

    private static byte[] block(int b, long gen) {
        byte[] out = new byte[BLOCK];
        ByteBuffer bb = ByteBuffer.wrap(out);
        while (bb.remaining() >= 16) bb.putLong(b).putLong(gen);
        return out;
    }
}
