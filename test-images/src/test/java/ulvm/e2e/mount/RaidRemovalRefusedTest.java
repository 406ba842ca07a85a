package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13.1: a raid1 down-conversion must never drop the last image that holds the data. Refused in LVM2's words
 * (raid_manip.c _raid_allow_extraction), exit 5, the data unchanged: the in-sync images while a new one still
 * recovers (mounted), the primary image during the initial resync, and a linear LV's own image of the array made
 * from it offline. LVM2's test/shell/lvconvert-raid.sh removes images of arrays in sync; this is its not-in-sync
 * counterpart.
 */
class RaidRemovalRefusedTest {
    private static final long MiB = 1L << 20;
    private static final int DATA = (int) (8 * MiB);

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void theInSyncImagesStayWhileANewOneRecovers(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 3, 64 * MiB);
            rig.mount();
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "40M", "-n", "lv1", "vg", pv(rig, 0), pv(rig, 1)).ok();
            RaidSteps.awaitInSync(rig, "vg/lv1");
            byte[] data = RaidSteps.random(13, DATA);
            RaidSteps.writeSynced(rig.lvFile("vg", "lv1"), 0, data);
            rig.ulvm("lvchange", "--maxrecoveryrate", "1M", "vg/lv1").ok();
            rig.ulvm("lvconvert", "--yes", "-m", "+1", "vg/lv1", pv(rig, 2)).ok();
            assertTrue(RaidSteps.copyPercent(rig, "vg", "lv1") < 100, "the third image recovers");
            refused(rig, "Unable to remove all primary source devices", "lvconvert", "--yes", "-m", "0", "vg/lv1", pv(rig, 0), pv(rig, 1));
            rig.ulvm("lvconvert", "--yes", "-m", "-1", "vg/lv1", pv(rig, 0)).ok(); // allowed, as in LVM2: one in-sync image stays
            refused(rig, "Unable to remove all primary source devices", "lvconvert", "--yes", "-m", "-1", "vg/lv1", pv(rig, 1));
            assertEquals(List.of("lv1_rimage_0(0),lv1_rimage_1(0)"), rig.lvs("vg/lv1", "devices"));
            assertArrayEquals(data, RaidSteps.readAt(rig.lvFile("vg", "lv1"), 0, DATA));
            rig.ulvm("lvchange", "--maxrecoveryrate", "0", "vg/lv1").ok();
            RaidSteps.awaitInSync(rig, "vg/lv1");
            rig.ulvm("lvconvert", "--yes", "-m", "-1", "vg/lv1", pv(rig, 1)).ok(); // in sync now: b3's image holds it all
            assertArrayEquals(data, RaidSteps.readAt(rig.lvFile("vg", "lv1"), 0, DATA));
        }
    }

    @Test
    void thePrimaryImageStaysDuringTheInitialResync(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            rig.mount();
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "40M", "--maxrecoveryrate", "1M", "-n", "lv1", "vg").ok();
            assertEquals(List.of("resync"), rig.lvs("vg/lv1", "raid_sync_action"));
            refused(rig, "Unable to remove primary RAID image while array resyncing.", "lvconvert", "--yes", "-m", "0", "vg/lv1", pv(rig, 0));
            refused(rig, "Unable to remove primary RAID image while array resyncing.", "lvconvert", "--yes", "-m", "0", "vg/lv1");
            rig.ulvm("lvconvert", "--yes", "-m", "0", "vg/lv1", pv(rig, 1)).ok(); // the image being written may go
            assertEquals(List.of("linear"), rig.lvs("vg/lv1", "segtype"));
        }
    }

    @Test
    void offlineTheLinearLvsOwnImageStays(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            rig.ulvm("lvcreate", "-L", "16M", "-n", "lv1", "vg", pv(rig, 0)).ok();
            byte[] data = RaidSteps.random(7, DATA);
            rig.mount();
            RaidSteps.writeSynced(rig.lvFile("vg", "lv1"), 0, data);
            rig.umount();
            rig.ulvm("lvconvert", "-y", "-m", "1", "vg/lv1", pv(rig, 1)).ok();
            refused(rig, "Unable to remove all primary source devices", "lvconvert", "--yes", "-m", "0", "vg/lv1", pv(rig, 0));
            rig.mount();
            assertArrayEquals(data, RaidSteps.readAt(rig.lvFile("vg", "lv1"), 0, DATA));
        }
    }

    /** Exit 5, the one line, and the metadata unchanged. */
    private static void refused(MountRig rig, String line, String... args) {
        String before = rig.ulvm("lvs", "-a", "--noheadings", "-o", "name,devices,seg_size_pe", "vg").ok().out();
        MountRig.Result r = rig.ulvm(args);
        assertEquals(5, r.rc(), () -> String.join(" ", args) + ": " + r);
        assertEquals(List.of("  " + line), r.errLines(), () -> String.join(" ", args) + ": " + r); // LVM2 indents its errors
        assertEquals(before, rig.ulvm("lvs", "-a", "--noheadings", "-o", "name,devices,seg_size_pe", "vg").ok().out());
    }

    private static String pv(MountRig rig, int i) { return rig.images.get(i).toString(); }
}
