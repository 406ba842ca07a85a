package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvchange --writemostly PV[:y|n|t] and --writebehind on a running raid1 (LVM2's test/shell/lvchange-raid1-writemostly.sh):
 * the image on that PV is flagged (attr 'w', real LVM2 reads it back) and reads go to the other image. The legs are
 * told apart by giving one image different bytes on its PV file.
 */
class WriteMostlyTest {
    private static final long MiB = 1L << 20;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void readsAvoidTheWriteMostlyImage(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "8M", "-n", "r", "vg").ok();
            rig.mount();
            RaidSteps.awaitLog(rig, "initial sync of", 60);
            byte[] data = new byte[4096];
            Arrays.fill(data, (byte) 0x11);
            RaidSteps.writeSynced(rig.lvFile("vg", "r"), 0, data);
            RaidSteps.Extent e1 = RaidSteps.extentOf(rig, "vg", "r_rimage_1");
            byte[] other = new byte[4096];
            Arrays.fill(other, (byte) 0x22);
            try (FileChannel ch = FileChannel.open(e1.image(), StandardOpenOption.WRITE)) { // image 1 now differs
                ch.write(ByteBuffer.wrap(other), e1.offset());
                ch.force(true);
            }
            String pv1 = e1.image().toString();
            rig.ulvm("lvchange", "--writemostly", pv1, "vg/r").ok();
            assertEquals("iwi-aor-w-", rig.lvs("vg/r_rimage_1", "lv_attr").get(0).trim());
            assertArrayEquals(data, readDirect(rig.lvFile("vg", "r")), "image 0 read");
            rig.ulvm("lvchange", "--writemostly", pv1 + ":t", "--writemostly", RaidSteps.extentOf(rig, "vg", "r_rimage_0").image() + ":y", "vg/r").ok();
            assertArrayEquals(other, readDirect(rig.lvFile("vg", "r")), "image 1 read once image 0 is write-mostly");
            MountRig.Result all = rig.ulvm("lvchange", "--writemostly", pv1, "vg/r");
            assertEquals(5, all.rc());
            assertEquals("  Can't set all images of raid1 LV vg/r to writemostly.", all.err().lines().findFirst().orElse(""));
            rig.ulvm("lvchange", "--writebehind", "512", "vg/r").ok();
            assertEquals("512", rig.lvs("vg/r", "raid_write_behind").get(0).trim());
            assertEquals(java.util.List.of("512"), rig.realLvs("vg/r", "raid_write_behind"), "real LVM2 reads writebehind");
            Path backup = tmp.resolve("real-backup");
            ulvm.e2e.RealLvm.Result r = ulvm.e2e.RealLvm.run(rig.images, "vgcfgbackup", "-f", backup.toString(), "vg");
            assertEquals(0, r.rc(), r.toString());
            String text = java.nio.file.Files.readString(backup); // real LVM2 read the flag and wrote it back
            String image0 = text.substring(text.indexOf("r_rimage_0 {"));
            assertEquals(true, image0.substring(0, image0.indexOf("}")).contains("\"WRITEMOSTLY\""), image0);
        }
    }

    private static byte[] readDirect(Path lv) throws Exception {
        MountRig.dropCaches();
        byte[] out = new byte[4096];
        try (FileChannel ch = FileChannel.open(lv, StandardOpenOption.READ)) {
            ch.read(ByteBuffer.wrap(out), 0);
        }
        return out;
    }
}
