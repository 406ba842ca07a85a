package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.e2e.mount.RaidSteps.random;
import static ulvm.e2e.mount.RaidSteps.readAt;
import static ulvm.e2e.mount.RaidSteps.writeSynced;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvchange --resync of a --nosync raid1 whose images differ (issue 13; LVM2 test/shell lvconvert-raid.sh): on the
 * mount the LV is deactivated and activated again and Cpy%Sync falls below 100 and climbs back while the second
 * image is rewritten from the first; refused while the LV file is open (a loop device); offline it takes effect at
 * the next activation.
 */
class ResyncMountTest {
    private static final long MiB = 1L << 20;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    /** Makes the second image differ from the first in 3 places, behind the array's back (what --nosync allows). */
    private static void spoilSecondImage(MountRig rig) throws Exception {
        RaidSteps.Extent e = RaidSteps.extentOf(rig, "vg", "r_rimage_1");
        for (long at : new long[] {0, 5 * MiB + 4096, 31 * MiB}) writeSynced(e.image(), e.offset() + at, random(at + 7, 4096));
        assertNotNull(RaidSteps.firstDifference(rig, "vg", "r_rimage_0", "r_rimage_1", 32 * MiB));
    }

    @Test
    void onTheMountCpySyncFallsAndRisesBackAndTheImagesAgree(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            rig.mount();
            // 32 MiB at 16 MiB/s: about two seconds of sync
            rig.ulvm("lvcreate", "--nosync", "--type", "raid1", "-m", "1", "-L", "32M", "-R", "512k", "--maxrecoveryrate", "16M", "-n", "r", "vg").ok();
            assertEquals(List.of("Rwi-a-r--- 100.00"), rig.lvs("vg/r", "attr,copy_percent"));
            Path r = rig.lvFile("vg", "r");
            byte[] data = random(3, (int) (2 * MiB));
            writeSynced(r, 4 * MiB, data);
            spoilSecondImage(rig);

            String loop = rig.losetup(r);
            MountRig.Result open = rig.ulvm("lvchange", "-y", "--resync", "vg/r");
            assertEquals(5, open.rc(), open.toString());
            assertEquals(List.of("  Can't resync open logical volume vg/r."), open.errLines());
            rig.detach(loop);

            rig.ulvm("lvchange", "-y", "--resync", "vg/r").ok();
            double during = RaidSteps.copyPercent(rig, "vg", "r");
            assertTrue(during < 100, "Cpy%Sync right after lvchange --resync: " + during);
            assertTrue(rig.lvs("vg/r", "attr").get(0).startsWith("rwi-a-r"), "NOTSYNCED is gone, the LV is active: " + rig.lvs("vg/r", "attr"));
            RaidSteps.awaitLog(rig, "vg/r: recovery of r_rimage_1 done: 64 regions copied", 60);
            assertEquals(100.0, RaidSteps.copyPercent(rig, "vg", "r"));
            assertNull(RaidSteps.firstDifference(rig, "vg", "r_rimage_0", "r_rimage_1", 32 * MiB), "the second image was rewritten from the first");
            assertArrayEquals(data, readAt(r, 4 * MiB, data.length));
            RaidSteps.sameLayoutAsRealLvm(rig, "vg", "name,devices,segtype");
            ulvm.e2e.RealLvm.Result real = ulvm.e2e.RealLvm.run(rig.images, "lvs", "--noheadings", "-o", "attr", "vg/r");
            assertTrue(real.out().trim().startsWith("rwi"), "real LVM2 sees NOTSYNCED gone: " + real);
        }
    }

    @Test
    void offlineItTakesEffectAtTheNextActivation(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 3, 64 * MiB);
            // 4 MiB/s: 8 s of sync, so Cpy%Sync is caught below 100 after the mount even on a loaded machine (the sync
            // copies runs of regions now, no longer crawling a region per force)
            rig.ulvm("lvcreate", "--nosync", "--type", "raid1", "-m", "1", "-L", "32M", "-R", "512k", "--maxrecoveryrate", "4M", "-n", "r", "vg",
                    rig.images.get(0).toString(), rig.images.get(1).toString()).ok();
            spoilSecondImage(rig);
            MountRig.Result res = rig.ulvm("lvchange", "--resync", "vg/r").ok();
            assertEquals("", res.out() + res.err());
            assertNotNull(RaidSteps.firstDifference(rig, "vg", "r_rimage_0", "r_rimage_1", 32 * MiB), "nothing is copied without a mount");
            rig.mount();
            double first = RaidSteps.copyPercent(rig, "vg", "r");
            assertTrue(first < 100, "Cpy%Sync right after the activation: " + first);
            RaidSteps.awaitLog(rig, "vg/r: recovery of r_rimage_1 done: 64 regions copied", 60);
            assertEquals(100.0, RaidSteps.copyPercent(rig, "vg", "r"));
            assertNull(RaidSteps.firstDifference(rig, "vg", "r_rimage_0", "r_rimage_1", 32 * MiB));
            // an ordinary in-sync raid1 now: it takes a new image (lvconvert-raid.sh)
            rig.ulvm("lvconvert", "-y", "-m", "+1", "vg/r").ok();
        }
    }
}
