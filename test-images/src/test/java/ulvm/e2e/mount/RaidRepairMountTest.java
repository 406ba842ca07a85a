package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.e2e.RealLvm;

/**
 * A raid1 leg's PV image goes away between two mounts: the array runs degraded from the other leg (data readable
 * and writable, lvs shows it partial), {@code lvconvert --repair} while mounted puts a new leg on the spare PV and
 * the daemon syncs it until both images are byte-identical, {@code vgreduce --removemissing} drops the lost PV, and
 * when the old image file comes back its outdated data is never used. Real LVM2 reads the result.
 */
class RaidRepairMountTest {
    private static final long MiB = 1L << 20;
    private static final int SIZE = (int) (16 * MiB);

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void degradedThenRepairedWhileMounted(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 3, 64 * MiB);
            Path pv0 = rig.images.get(0), pv1 = rig.images.get(1), pv2 = rig.images.get(2);
            rig.ulvm("lvcreate", "-y", "--type", "raid1", "-m", "1", "-L", "16M", "-n", "r", "vg", pv0.toString(), pv1.toString()).ok();
            rig.ulvm("lvcreate", "-L", "4M", "-n", "lin", "vg", pv0.toString()).ok();
            byte[] data = new byte[SIZE];
            new Random(7).nextBytes(data);
            byte[] linData = new byte[(int) (4 * MiB)];
            new Random(8).nextBytes(linData);
            rig.mount();
            RaidSteps.writeSynced(rig.lvFile("vg", "r"), 0, data);
            RaidSteps.writeSynced(rig.lvFile("vg", "lin"), 0, linData);
            awaitInSync(rig);
            rig.umount();

            Path gone = tmp.resolve("pv1.img.away");
            Files.move(pv1, gone);
            rig.mount();
            assertEquals(List.of("rwi-a-r-p- partial"), rig.ulvm("lvs", "--noheadings", "-o", "lv_attr,lv_health_status", "vg/r").ok().lines());
            assertArrayEquals(data, read(rig.lvFile("vg", "r"), SIZE), "the degraded array reads from the present leg");
            assertArrayEquals(linData, read(rig.lvFile("vg", "lin"), linData.length), "an LV on present PVs is active");
            byte[] patch = new byte[(int) (2 * MiB)];
            new Random(9).nextBytes(patch);
            RaidSteps.writeSynced(rig.lvFile("vg", "r"), 5 * MiB, patch);
            System.arraycopy(patch, 0, data, (int) (5 * MiB), patch.length);

            MountRig.Result repair = rig.ulvm("lvconvert", "--repair", "-y", "vg/r").ok();
            assertTrue(repair.out().contains("Faulty devices in vg/r successfully replaced."), repair.toString());
            assertEquals(List.of(pv2 + "(1)"), rig.ulvm("lvs", "-a", "--noheadings", "-o", "devices", "vg/r_rimage_1").ok().lines());
            awaitInSync(rig);
            assertEquals(List.of("rwi-a-r---"), rig.ulvm("lvs", "--noheadings", "-o", "lv_attr", "vg/r").ok().lines());
            assertArrayEquals(imageBytes(rig, "r_rimage_0"), imageBytes(rig, "r_rimage_1"), "both images identical once in sync");
            assertArrayEquals(data, imageBytes(rig, "r_rimage_1"), "the new leg holds the LV's data");

            List<Path> present = List.of(pv0, pv2);
            RealLvm.Result partial = RealLvm.run(present, "lvs", "-a", "--noheadings", "-o", "name,devices", "vg");
            assertEquals(0, partial.rc(), partial::toString);
            assertTrue(partial.out().contains(pv2 + "(1)"), partial::toString);
            MountRig.Result reduce = rig.ulvm("vgreduce", "--removemissing", "vg").ok();
            assertEquals("  Wrote out consistent volume group vg.\n", reduce.out());
            RealLvm.Result ck = RealLvm.run(present, "vgck", "vg");
            assertEquals(0, ck.rc(), ck::toString);
            assertEquals("", ck.warnings(), "real vgck finds nothing to say");
            RealLvm.Result real = RealLvm.run(present, "lvs", "-a", "--noheadings", "-o", "name,devices,segtype", "vg");
            assertEquals(rig.ulvm("lvs", "-a", "--noheadings", "-o", "name,devices,segtype", "vg").ok().lines(),
                    real.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList());
            rig.umount();

            // the old image comes back with its outdated metadata and data: hidden, never used
            Files.move(gone, pv1);
            MountRig.Result pvs = rig.ulvm("pvs", "--noheadings", "-o", "pv_name").ok();
            assertFalse(pvs.out().contains(pv1.toString()), pvs.toString());
            assertTrue(pvs.err().contains("WARNING: outdated PV " + pv1), pvs.toString());
            rig.mount();
            assertArrayEquals(data, read(rig.lvFile("vg", "r"), SIZE), "after remount with the old image back");
            rig.umount();
        }
    }

    /**
     * A write while a PV is missing (the repair of another LV) leaves it flagged MISSING: when it comes back, the LV on
     * it stays inactive and partial (its data may be outdated) until {@code vgextend --restoremissing}; then it
     * activates with its data.
     */
    @Test
    void restoreMissingWhileMounted(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 3, 64 * MiB);
            Path pv0 = rig.images.get(0), pv1 = rig.images.get(1);
            rig.ulvm("lvcreate", "-y", "--type", "raid1", "-m", "1", "-L", "8M", "-n", "r", "vg", pv0.toString(), pv1.toString()).ok();
            rig.ulvm("lvcreate", "-L", "4M", "-n", "lin", "vg", pv1.toString()).ok();
            byte[] linData = new byte[(int) (4 * MiB)];
            new Random(10).nextBytes(linData);
            rig.mount();
            RaidSteps.writeSynced(rig.lvFile("vg", "lin"), 0, linData);
            rig.umount();
            Path gone = tmp.resolve("pv1.img.away");
            Files.move(pv1, gone);
            rig.mount();
            assertFalse(Files.exists(rig.lvFile("vg", "lin")), "an LV on the missing PV is not active");
            rig.ulvm("lvconvert", "--repair", "-y", "vg/r").ok();
            rig.umount();
            Files.move(gone, pv1);
            rig.mount();
            MountRig.Result lvs = rig.ulvm("lvs", "--noheadings", "-o", "lv_name,lv_attr", "vg/lin").ok();
            assertEquals(List.of("lin -wi-----p-"), lvs.lines());
            assertTrue(lvs.err().contains("WARNING: VG vg was previously updated while PV " + pv1 + " was missing."), lvs.toString());
            assertFalse(Files.exists(rig.lvFile("vg", "lin")), "the reappeared PV is not used");
            MountRig.Result refused = rig.ulvm("lvcreate", "-L", "4M", "-n", "x", "vg");
            assertEquals(5, refused.rc(), refused.toString());
            assertTrue(refused.err().contains("Cannot change VG vg while PVs are missing."), refused.toString());
            rig.ulvm("vgextend", "--restoremissing", "vg", pv1.toString()).ok();
            assertEquals(List.of("lin -wi-------"), rig.ulvm("lvs", "--noheadings", "-o", "lv_name,lv_attr", "vg/lin").ok().lines());
            rig.ulvm("lvchange", "-ay", "vg/lin").ok();
            assertArrayEquals(linData, read(rig.lvFile("vg", "lin"), linData.length));
            rig.umount();
            RealLvm.Result ck = RealLvm.run(rig.images, "vgck", "vg");
            assertEquals(0, ck.rc(), ck::toString);
            assertEquals("", ck.warnings(), "real vgck finds every copy current");
        }
    }

    private static void awaitInSync(MountRig rig) {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!rig.ulvm("lvs", "--noheadings", "-o", "copy_percent", "vg/r").ok().lines().equals(List.of("100.00"))) {
            assertTrue(System.nanoTime() < end, "no 100.00 Cpy%Sync within 60 s");
            MountRig.sleep(100);
        }
    }

    /** The bytes of a linear rimage LV, read from its PV image file. */
    private static byte[] imageBytes(MountRig rig, String lv) throws IOException {
        String dev = rig.ulvm("lvs", "-a", "--noheadings", "-o", "devices", "vg/" + lv).ok().out().trim();
        Path img = Path.of(dev.substring(0, dev.indexOf('(')));
        long pe = Long.parseLong(dev.substring(dev.indexOf('(') + 1, dev.indexOf(')')));
        long extent = Long.parseLong(rig.ulvm("vgs", "--noheadings", "--units", "b", "--nosuffix", "-o", "vg_extent_size", "vg").ok().out().trim());
        long peStart = -1;
        for (String l : rig.ulvm("pvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "pv_name,pe_start").ok().lines()) {
            String[] f = l.split(" ");
            if (Path.of(f[0]).equals(img)) peStart = Long.parseLong(f[1]);
        }
        assertTrue(peStart >= 0, "no pe_start for " + img);
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(SIZE);
            while (b.hasRemaining() && ch.read(b, peStart + pe * extent + b.position()) > 0) { }
            return b.array();
        }
    }

    private static byte[] read(Path file, int len) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(len);
            while (b.hasRemaining() && ch.read(b, b.position()) > 0) { }
            return b.array();
        }
    }
}
