package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's incremental backup: split a raid1 image with --trackchanges, copy the split image once with nbdcopy, let
 * the array be written, read `nbdinfo --map=qemu:dirty-bitmap:track` on the array, copy just those extents into the
 * backup, merge: the backup equals the array. The bitmap is the set of regions the merge copies back (the tracked
 * write-intent bits; LVM2's test/shell/lvconvert-raid.sh and lvconvert-raid1-split-trackchanges.sh split with
 * --trackchanges).
 */
class NbdBackupTest {
    private static final long MiB = 1L << 20;
    private static final int SIZE = (int) (32 * MiB);

    @BeforeAll
    static void needs() {
        MountRig.assumeRootWithFuse();
        NbdSteps.needTools();
    }

    @Test
    void theTrackedSplitIsAnIncrementalBackup(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            NbdSteps.mount(rig);
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "32M", "-n", "r1", "vg").ok();
            RaidSteps.awaitInSync(rig, "vg/r1");
            Path array = rig.lvFile("vg", "r1");
            RaidSteps.writeSynced(array, 0, RaidSteps.random(1, 20 * (int) MiB));
            RaidSteps.splitTracked(rig, "vg", "r1_rimage_1");
            assertEquals(List.of("vg/r1", "vg/r1_rimage_1"), NbdSteps.listed(rig));
            assertTrue(NbdSteps.tool("nbdinfo", "--json", NbdSteps.uri(rig, "vg/r1_rimage_1")).ok().out().contains("\"is_read_only\": true"),
                    "the split image is exported read-only");
            assertTrue(NbdSteps.tool("nbdinfo", "--list", NbdSteps.uri(rig, "vg/r1")).ok().out().contains("qemu:dirty-bitmap:track"));
            assertEquals(List.of(new NbdSteps.Extent(0, SIZE, 0, "clean")), NbdSteps.map(NbdSteps.uri(rig, "vg/r1"), "qemu:dirty-bitmap:track"),
                    "nothing written since the split");

            Path backup = tmp.resolve("backup.raw");
            NbdSteps.tool("nbdcopy", NbdSteps.uri(rig, "vg/r1_rimage_1"), backup.toString()).ok(); // the full backup, once
            long[][] writes = {{MiB + 512, 5000}, {9 * MiB, 2 * MiB}, {31 * MiB + 100, 300}};
            for (long[] w : writes) RaidSteps.writeSynced(array, w[0], RaidSteps.random(w[0], (int) w[1]));

            List<NbdSteps.Extent> dirty = NbdSteps.map(NbdSteps.uri(rig, "vg/r1"), "qemu:dirty-bitmap:track").stream()
                    .filter(e -> e.type() == 1).toList();
            for (long[] w : writes)
                assertTrue(dirty.stream().anyMatch(e -> e.offset() <= w[0] && w[0] + w[1] <= e.offset() + e.length()), () -> "written " + w[0] + ": " + dirty);
            // just the regions written (2 MiB, LVM2's default region size): 0, 4 and 5, 15
            assertEquals(List.of(new NbdSteps.Extent(0, 2 * MiB, 1, "dirty"), new NbdSteps.Extent(8 * MiB, 4 * MiB, 1, "dirty"),
                    new NbdSteps.Extent(30 * MiB, 2 * MiB, 1, "dirty")), dirty);
            assertEquals(List.of("2.00m"), rig.lvs("vg/r1", "region_size"));
            copyExtents(rig, dirty, backup); // the incremental step, over NBD
            assertEquals(-1, Files.mismatch(backup, array), "the backup equals the array");

            RaidSteps.merge(rig, "vg", "r1_rimage_1", 0);
            RaidSteps.awaitInSync(rig, "vg/r1");
            assertEquals(List.of("vg/r1"), NbdSteps.listed(rig));
            assertTrue(!NbdSteps.tool("nbdinfo", "--list", NbdSteps.uri(rig, "vg/r1")).ok().out().contains("qemu:dirty-bitmap:track"), "merged: no bitmap");
            assertArrayEquals(Files.readAllBytes(backup), Files.readAllBytes(array), "after the merge too");
        }
    }

    /** nbdsh reads each extent from the array and writes it into the backup at its offset. */
    private static void copyExtents(MountRig rig, List<NbdSteps.Extent> extents, Path backup) throws Exception {
        StringBuilder py = new StringBuilder("f = open('" + backup + "', 'r+b')\n");
        for (NbdSteps.Extent e : extents) {
            for (long off = e.offset(); off < e.offset() + e.length(); off += 4 * MiB) {
                long n = Math.min(4 * MiB, e.offset() + e.length() - off);
                py.append("f.seek(").append(off).append("); f.write(h.pread(").append(n).append(", ").append(off).append("))\n");
            }
        }
        py.append("f.close()\n");
        NbdSteps.tool("nbdsh", "-u", NbdSteps.uri(rig, "vg/r1"), "-c", py.toString()).ok();
        try (RandomAccessFile f = new RandomAccessFile(backup.toFile(), "r")) {
            assertEquals(SIZE, f.length());
        }
    }
}
