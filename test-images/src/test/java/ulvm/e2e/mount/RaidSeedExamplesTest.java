package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red Hat's three worked examples of "Splitting and Merging a RAID Image", run through {@code ulvm} on image files
 * with the mount up: the messages, the {@code lvs -a -o name,copy_percent,devices} rows, the refusals, the split
 * image's file and its content, and after every step real LVM2's own {@code lvs -a} over the same images.
 */
class RaidSeedExamplesTest {
    private static final long MiB = 1L << 20;
    private static final String VG = "my_vg";

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    /** Example 1: split off a tracked image, refusals while it is split; Example 2: merge it back. */
    @Test
    void splitWithTrackChangesThenMerge(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg(VG, 3, 96 * MiB);
            rig.mount();
            assertEquals(List.of("Logical volume \"my_lv\" created."),
                    trimmed(rig.ulvm("lvcreate", "--type", "raid1", "-m", "2", "-L", "64M", "-n", "my_lv", VG).ok().out()));
            waitInSync(rig, "my_lv");
            List<String> pv = pvPaths(rig);
            assertEquals(List.of(
                    "my_lv 100.00 my_lv_rimage_0(0),my_lv_rimage_1(0),my_lv_rimage_2(0)",
                    "[my_lv_rimage_0] " + pv.get(0) + "(1)",
                    "[my_lv_rimage_1] " + pv.get(1) + "(1)",
                    "[my_lv_rimage_2] " + pv.get(2) + "(1)",
                    "[my_lv_rmeta_0] " + pv.get(0) + "(0)",
                    "[my_lv_rmeta_1] " + pv.get(1) + "(0)",
                    "[my_lv_rmeta_2] " + pv.get(2) + "(0)"), lvsA(rig));
            sameLayoutAsRealLvm(rig);

            Path lv = rig.lvFile(VG, "my_lv");
            byte[] before = pattern(1, 8 * MiB);
            writeAt(lv, 0, before);

            assertEquals(List.of(
                    "my_vg/my_lv_rimage_2 split from my_vg/my_lv for read-only purposes.",
                    "Use 'lvconvert --merge my_vg/my_lv_rimage_2' to merge back into my_vg/my_lv."),
                    trimmed(rig.ulvm("lvconvert", "--splitmirrors", "1", "--trackchanges", "my_vg/my_lv").ok().out()));
            assertEquals(List.of(
                    "my_lv 100.00 my_lv_rimage_0(0),my_lv_rimage_1(0),my_lv_rimage_2(0)",
                    "[my_lv_rimage_0] " + pv.get(0) + "(1)",
                    "[my_lv_rimage_1] " + pv.get(1) + "(1)",
                    "my_lv_rimage_2 " + pv.get(2) + "(1)",
                    "[my_lv_rmeta_0] " + pv.get(0) + "(0)",
                    "[my_lv_rmeta_1] " + pv.get(1) + "(0)",
                    "[my_lv_rmeta_2] " + pv.get(2) + "(0)"), lvsA(rig));
            assertEquals(List.of("Iri-a-r---"), rig.lvs("my_vg/my_lv_rimage_2", "lv_attr"));
            sameLayoutAsRealLvm(rig);

            // the split image is a read-only file holding the array's content at the split
            Path split = rig.lvFile(VG, "my_lv_rimage_2");
            assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(split)));
            assertEquals(64 * MiB, Files.size(split));
            assertThrows(IOException.class, () -> writeAt(split, 0, new byte[4096]), "write to the split image");
            byte[] after = pattern(2, 4 * MiB);
            writeAt(lv, 2 * MiB, after);
            assertArrayEquals(slice(before, 0, 8 * MiB), readAt(split, 0, (int) (8 * MiB)), "split image keeps the content at the split");
            assertArrayEquals(after, readAt(lv, 2 * MiB, (int) (4 * MiB)));

            // refusals while tracking, each one line, nothing changed
            refused(rig, "Cannot track more than one split image at a time.",
                    "lvconvert", "--splitmirrors", "1", "--trackchanges", "my_vg/my_lv");
            refused(rig, 3, List.of("Please name the new logical volume using '--name'", "Run `lvconvert --help' for more information."),
                    "lvconvert", "--splitmirrors", "1", "my_vg/my_lv");
            refused(rig, "Unable to split additional image from my_vg/my_lv while tracking changes for my_vg/my_lv_rimage_2.",
                    "lvconvert", "--splitmirrors", "1", "--name", "other", "my_vg/my_lv", pv.get(0));
            refused(rig, "Cannot resize a RAID image directly", "lvextend", "-L", "+4M", "my_vg/my_lv_rimage_2");
            refused(rig, "Cannot rename a RAID image directly", "lvrename", VG, "my_lv_rimage_2", "other");
            refused(rig, "Cannot resize logical volume my_vg/my_lv while it is tracking a split image.",
                    "lvextend", "-L", "+4M", "my_vg/my_lv");
            refused(rig, "Cannot rename my_lv while it is tracking a split image", "lvrename", VG, "my_lv", "other");
            assertEquals(List.of("100.00"), rig.lvs("my_vg/my_lv", "copy_percent"));

            // each can be (de)activated on its own
            rig.ulvm("lvchange", "-an", "my_vg/my_lv").ok();
            assertFalse(Files.exists(lv));
            assertArrayEquals(slice(before, 0, 4096), readAt(split, 0, 4096), "the split image stays active");
            rig.ulvm("lvchange", "-an", "my_vg/my_lv_rimage_2").ok();
            assertFalse(Files.exists(split));
            rig.ulvm("lvchange", "-ay", "my_vg/my_lv").ok();
            rig.ulvm("lvchange", "-ay", "my_vg/my_lv_rimage_2").ok();
            assertArrayEquals(after, readAt(lv, 2 * MiB, (int) (4 * MiB)));
            assertArrayEquals(slice(before, 0, 8 * MiB), readAt(split, 0, (int) (8 * MiB)));

            // Example 2: merge back; the image catches up with what was written during the split
            assertEquals(List.of("my_vg/my_lv_rimage_2 successfully merged back into my_vg/my_lv."),
                    trimmed(rig.ulvm("lvconvert", "--merge", "my_vg/my_lv_rimage_2").ok().out()));
            assertFalse(Files.exists(split), "the merged image's file is gone");
            waitInSync(rig, "my_lv");
            assertEquals(List.of(
                    "my_lv 100.00 my_lv_rimage_0(0),my_lv_rimage_1(0),my_lv_rimage_2(0)",
                    "[my_lv_rimage_0] " + pv.get(0) + "(1)",
                    "[my_lv_rimage_1] " + pv.get(1) + "(1)",
                    "[my_lv_rimage_2] " + pv.get(2) + "(1)",
                    "[my_lv_rmeta_0] " + pv.get(0) + "(0)",
                    "[my_lv_rmeta_1] " + pv.get(1) + "(0)",
                    "[my_lv_rmeta_2] " + pv.get(2) + "(0)"), lvsA(rig));
            sameLayoutAsRealLvm(rig);
            rig.umount(); // flushes the array
            assertImagesIdentical(rig, "my_lv", 3, 64 * MiB);
        }
    }

    /** Example 3: a tracked split made permanent with --splitmirrors 1 --name. */
    @Test
    void trackedSplitMadePermanent(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg(VG, 3, 96 * MiB);
            rig.mount();
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "2", "-L", "64M", "-n", "my_lv", VG).ok();
            waitInSync(rig, "my_lv");
            List<String> pv = pvPaths(rig);
            byte[] before = pattern(3, 4 * MiB);
            writeAt(rig.lvFile(VG, "my_lv"), 0, before);
            rig.ulvm("lvconvert", "--splitmirrors", "1", "--trackchanges", "my_vg/my_lv").ok();
            writeAt(rig.lvFile(VG, "my_lv"), 0, pattern(4, 4 * MiB));

            rig.ulvm("lvconvert", "--splitmirrors", "1", "--name", "new", "my_vg/my_lv").ok();
            assertEquals(List.of(
                    "my_lv 100.00 my_lv_rimage_0(0),my_lv_rimage_1(0)",
                    "[my_lv_rimage_0] " + pv.get(0) + "(1)",
                    "[my_lv_rimage_1] " + pv.get(1) + "(1)",
                    "[my_lv_rmeta_0] " + pv.get(0) + "(0)",
                    "[my_lv_rmeta_1] " + pv.get(1) + "(0)",
                    "new " + pv.get(2) + "(1)"), lvsA(rig));
            sameLayoutAsRealLvm(rig);
            assertFalse(Files.exists(rig.lvFile(VG, "my_lv_rimage_2")));
            Path made = rig.lvFile(VG, "new");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
            assertArrayEquals(before, readAt(made, 0, (int) (4 * MiB)), "the new LV holds the content at the split");
            byte[] own = pattern(5, 4096);
            writeAt(made, 0, own); // an ordinary LV now
            assertArrayEquals(own, readAt(made, 0, 4096));
            assertArrayEquals(pattern(4, 4 * MiB), readAt(rig.lvFile(VG, "my_lv"), 0, (int) (4 * MiB)));
        }
    }

    // ---- helpers ----

    private static void refused(MountRig rig, String line, String... args) {
        refused(rig, 5, List.of(line), args);
    }

    private static void refused(MountRig rig, int rc, List<String> lines, String... args) {
        List<String> before = lvsA(rig);
        MountRig.Result r = rig.ulvm(args);
        assertEquals(rc, r.rc(), () -> String.join(" ", args) + ": " + r);
        assertEquals(lines, trimmed(r.err()), () -> String.join(" ", args) + ": " + r);
        assertEquals(before, lvsA(rig), "nothing changed by " + String.join(" ", args));
    }

    private static List<String> lvsA(MountRig rig) {
        return rig.ulvm("lvs", "-a", "--noheadings", "-o", "name,copy_percent,devices", VG).ok().out().lines()
                .map(l -> l.trim().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
    }

    private static void sameLayoutAsRealLvm(MountRig rig) { RaidSteps.sameLayoutAsRealLvm(rig, VG, "name,devices"); }

    private static void waitInSync(MountRig rig, String lv) { RaidSteps.awaitInSync(rig, VG + "/" + lv); }

    private static List<String> pvPaths(MountRig rig) {
        List<String> out = new ArrayList<>();
        for (Path p : rig.images) out.add(p.toString());
        return out;
    }

    /** Every rimage of the array holds the same bytes, read from the PV image files at the image's extents. */
    static void assertImagesIdentical(MountRig rig, String lv, int images, long bytes) throws IOException {
        Map<String, Long> peStart = new TreeMap<>();
        for (String l : rig.ulvm("pvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "pv_name,pe_start").ok().out().lines().toList()) {
            String[] f = l.trim().split("\\s+");
            if (f.length == 2) peStart.put(f[0], Long.parseLong(f[1]));
        }
        long extent = Long.parseLong(rig.ulvm("vgs", "--noheadings", "--units", "b", "--nosuffix", "-o", "vg_extent_size", VG)
                .ok().out().trim());
        byte[] first = null;
        for (int k = 0; k < images; k++) {
            String dev = rig.ulvm("lvs", "-a", "--noheadings", "-o", "devices", VG + "/" + lv + "_rimage_" + k).ok().out().trim();
            String path = dev.substring(0, dev.indexOf('('));
            long pe = Long.parseLong(dev.substring(dev.indexOf('(') + 1, dev.indexOf(')')));
            byte[] got = readAt(Path.of(path), peStart.get(path) + pe * extent, (int) bytes);
            if (first == null) first = got;
            else assertArrayEquals(first, got, lv + "_rimage_" + k + " differs from " + lv + "_rimage_0");
        }
    }

    static List<String> trimmed(String text) {
        return text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    static byte[] pattern(long seed, long n) { return RaidSteps.random(seed, (int) n); }

    static byte[] slice(byte[] b, int from, long n) {
        byte[] out = new byte[(int) n];
        System.arraycopy(b, from, out, 0, (int) n);
        return out;
    }

    static void writeAt(Path file, long pos, byte[] data) throws IOException { RaidSteps.writeSynced(file, pos, data); }

    static byte[] readAt(Path file, long pos, int n) throws IOException { return RaidSteps.readAt(file, pos, n); }
}
