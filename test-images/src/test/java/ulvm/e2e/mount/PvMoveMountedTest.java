package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pvmove run through a live mount: an LV the daemon serves moves with its file open to I/O and keeps its bytes;
 * deactivated, it moves back in the daemon, and comes back with the same bytes.
 */
class PvMoveMountedTest {
    private static final long MiB = 1L << 20;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void activeLvMovedThenInactiveLvMovedBack(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            String src = rig.images.get(0).toString();
            String dst = rig.images.get(1).toString();
            rig.ulvm("lvcreate", "-L", "16M", "-n", "lv", "vg", src).ok();
            rig.mount();
            Path file = rig.lvFile("vg", "lv");
            byte[] data = RaidSeedExamplesTest.pattern(9, 16 * MiB);
            RaidSeedExamplesTest.writeAt(file, 0, data);

            MountRig.Result live = rig.ulvm("pvmove", "-i", "1", src).ok();
            assertTrue(live.out().contains(src + ": Moved: 100.00%"), live::toString);
            assertEquals(List.of("lv " + dst + "(0)"), rig.lvs("vg", "lv_name,devices"));
            assertArrayEquals(data, RaidSeedExamplesTest.readAt(file, 0, (int) (16 * MiB)), "the mounted LV's bytes after the move");

            rig.ulvm("lvchange", "-an", "vg/lv").ok();
            assertFalse(Files.exists(file));
            MountRig.Result moved = rig.ulvm("pvmove", "-i", "1", dst, src).ok();
            assertTrue(moved.out().contains(dst + ": Moved: 100.00%"), moved::toString);
            assertEquals(List.of("lv " + src + "(0)"), rig.lvs("vg", "lv_name,devices"));
            rig.ulvm("lvchange", "-ay", "vg/lv").ok();
            assertArrayEquals(data, RaidSeedExamplesTest.readAt(file, 0, (int) (16 * MiB)), "the LV's bytes after the move");
            rig.ulvm("vgreduce", "vg", dst).ok();
        }
    }
}
