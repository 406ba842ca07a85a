package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.e2e.mount.RaidSteps.random;
import static ulvm.e2e.mount.RaidSteps.readAt;
import static ulvm.e2e.mount.RaidSteps.writeSynced;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LVM2's --activationmode with a PV image missing: degraded (the default, also at mount) runs raid1 on its whole
 * image and refuses other partial LVs; complete refuses the raid1 too; partial activates everything, the missing
 * extents failing every I/O. Refusals in LVM2's words (lib/activate/activate.c), exit 5; a bad mode is exit 3.
 */
class ActivationModeTest {
    private static final long MiB = 1L << 20;
    private static final String ONB_REFUSED = "Refusing activation of partial LV vg/onb.  Use '--activationmode partial' to override.";
    private static final String R_REFUSED = "Refusing activation of partial LV vg/r.  Try '--activationmode degraded'.";

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void theModesDecideWhichPartialLvsActivate(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 3, 64 * MiB);
            Path a = rig.images.get(0), b = rig.images.get(1), c = rig.images.get(2);
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "8M", "--nosync", "-n", "r", "vg", a.toString(), b.toString()).ok();
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lin", "vg", c.toString()).ok();
            rig.ulvm("lvcreate", "-L", "4M", "-n", "onb", "vg", b.toString()).ok();
            rig.ulvm("lvcreate", "-L", "4M", "-n", "half", "vg", c.toString()).ok();
            rig.ulvm("lvextend", "-L", "8M", "vg/half", b.toString()).ok(); // 4 MiB on c, then 4 MiB on b
            rig.mount();
            byte[] d = random(1, (int) (4 * MiB));
            writeSynced(rig.lvFile("vg", "r"), 0, d);
            writeSynced(rig.lvFile("vg", "half"), 0, d);
            rig.umount();
            Files.move(b, tmp.resolve("b.gone"));

            // mount: the default mode, degraded
            rig.mount();
            assertTrue(Files.exists(rig.lvFile("vg", "r")) && Files.exists(rig.lvFile("vg", "lin")), "whole LVs and the degraded raid1");
            assertFalse(Files.exists(rig.lvFile("vg", "onb")));
            assertFalse(Files.exists(rig.lvFile("vg", "half")));
            RaidSteps.awaitLog(rig, ONB_REFUSED, 10);
            assertTrue(rig.daemonLog().contains("Refusing activation of partial LV vg/half."), rig.daemonLog());
            assertArrayEquals(d, readAt(rig.lvFile("vg", "r"), 0, d.length), "the raid1 reads from its whole image");

            MountRig.Result one = rig.ulvm("lvchange", "-ay", "vg/onb");
            assertEquals(5, one.rc(), one.toString());
            assertTrue(one.errLines().contains("  " + ONB_REFUSED), one.toString());

            // complete: not even the raid1
            rig.ulvm("lvchange", "-an", "vg/r").ok();
            MountRig.Result complete = rig.ulvm("vgchange", "-ay", "--activationmode", "complete", "vg");
            assertEquals(5, complete.rc(), complete.toString());
            assertTrue(complete.errLines().contains("  " + R_REFUSED), complete.toString());
            assertTrue(complete.errLines().contains("  " + ONB_REFUSED), complete.toString());
            assertTrue(complete.out().contains("1 logical volume(s) in volume group \"vg\" now active"), complete.toString());
            assertFalse(Files.exists(rig.lvFile("vg", "r")));
            MountRig.Result rc = rig.ulvm("lvchange", "-ay", "--activationmode", "complete", "vg/r");
            assertEquals(5, rc.rc(), rc.toString());
            assertTrue(rc.errLines().contains("  " + R_REFUSED), rc.toString());
            rig.ulvm("lvchange", "-ay", "vg/r").ok();
            assertArrayEquals(d, readAt(rig.lvFile("vg", "r"), 0, d.length));

            // partial: every LV; what lies on the missing PV fails every I/O, the rest reads
            MountRig.Result partial = rig.ulvm("lvchange", "-ay", "--activationmode", "partial", "vg/half");
            assertEquals(0, partial.rc(), partial.toString());
            assertTrue(partial.errLines().contains("  PARTIAL MODE. Incomplete logical volumes will be processed."), partial.toString());
            Path half = rig.lvFile("vg", "half");
            assertEquals(8 * MiB, Files.size(half));
            assertArrayEquals(d, readAt(half, 0, d.length), "the part on the present PV");
            assertThrows(IOException.class, () -> readAt(half, 4 * MiB, 4096), "the part on the missing PV");
            assertThrows(IOException.class, () -> writeSynced(half, 4 * MiB + 512, new byte[4096]));
            assertEquals(List.of("half -wi-a---p-"), rig.lvs("vg/half", "lv_name,lv_attr"));

            // deactivation needs no write: it works with the PV missing, as in LVM2
            rig.ulvm("vgchange", "-an", "vg").ok();
            assertFalse(Files.exists(rig.lvFile("vg", "lin")) || Files.exists(rig.lvFile("vg", "r")) || Files.exists(half));
            MountRig.Result change = rig.ulvm("vgchange", "-x", "n", "vg");
            assertEquals(5, change.rc(), "a change still needs every PV: " + change);

            MountRig.Result bad = rig.ulvm("vgchange", "-ay", "--activationmode", "sometimes", "vg");
            assertEquals(3, bad.rc(), bad.toString());
            assertTrue(bad.err().contains("Invalid argument for --activationmode: sometimes"), bad.toString());
        }
    }
}
