package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvchange -k y: the mount and vgchange -ay leave the LV out, lvchange -ay quietly too, -K activates it (LVM2's
 * lv_activation_skip, test/shell/activation-skip.sh).
 */
class ActivationSkipTest {
    private static final long MiB = 1L << 20;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void skippedUnlessAskedWithK(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "plain", "vg").ok();
            rig.ulvm("lvcreate", "-L", "8M", "-n", "skipped", "vg").ok();
            rig.ulvm("lvchange", "-k", "y", "vg/skipped").ok();
            rig.mount();
            assertTrue(Files.exists(rig.lvFile("vg", "plain")));
            assertFalse(Files.exists(rig.lvFile("vg", "skipped")), "the mount skips it");
            rig.ulvm("lvchange", "-ay", "vg/skipped").ok();
            assertFalse(Files.exists(rig.lvFile("vg", "skipped")), "lvchange -ay skips it quietly");
            rig.ulvm("vgchange", "-an", "vg").ok();
            rig.ulvm("vgchange", "-ay", "vg").ok();
            assertTrue(Files.exists(rig.lvFile("vg", "plain")));
            assertFalse(Files.exists(rig.lvFile("vg", "skipped")), "vgchange -ay skips it");
            rig.ulvm("lvchange", "-ay", "-K", "vg/skipped").ok();
            assertTrue(Files.exists(rig.lvFile("vg", "skipped")), "-K activates it");
            rig.ulvm("lvchange", "-an", "vg/skipped").ok();
            rig.ulvm("vgchange", "-ay", "-K", "vg").ok();
            assertTrue(Files.exists(rig.lvFile("vg", "skipped")), "vgchange -ay -K activates it");
        }
    }
}
