package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.raid.RaidStatus;
import ulvm.store.Scan;

/** lvconvert and lvchange on raid1 LVs: metadata results, LVM2's messages, prompts and refusals. */
class RaidConvertTest {
    @TempDir Path dir;
    Harness h;
    Path a, b, c;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 128 << 20);
        b = h.image("b.img", 128 << 20);
        c = h.image("c.img", 128 << 20);
        Harness.ok(h.run("pvcreate", a.toString(), b.toString(), c.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString(), b.toString(), c.toString()));
    }

    Vg vg() {
        try (Scan s = h.scan(a, b, c)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    @Test
    void trackedSplitAndMerge() throws Exception {
        Harness.ok(h.run("lvcreate", "--nosync", "--type", "raid1", "-m", "1", "-l", "4", "-n", "r", "vg"));
        h.refused(5, "Logical volume vg/r NOT split.", "lvconvert", "--splitmirrors", "1", "--trackchanges", "vg/r");
        Harness.Result r = h.runWithInput("y\n", "lvconvert", "--splitmirrors", "1", "--trackchanges", "vg/r");
        Harness.ok(r);
        assertTrue(r.err().contains("Are you sure you want to split and track raid1 LV vg/r losing resilience for any newly written data? [y/n]: "), r.toString());
        assertTrue(r.err().contains("  WARNING: Any newly written data will be non-resilient on LV vg/r during the split!"), r.toString());
        assertEquals(List.of("READ", "VISIBLE"), vg().lv("r_rimage_1").orElseThrow().status());
        h.refused(5, "Cannot track more than one split image at a time.", "lvconvert", "-y", "--splitmirrors", "1", "--trackchanges", "vg/r");
        h.refused(5, "Conversion of tracking raid1 LV vg/r is not supported.", "lvconvert", "-y", "-m", "2", "vg/r");
        h.refused(5, "Conversion of tracked raid1 subvolume vg/r_rimage_1 is not supported.", "lvconvert", "-y", "-m", "1", "vg/r_rimage_1");
        h.refused(5, "vg/r_rimage_0 cannot be merged because --trackchanges was not used.", "lvconvert", "--merge", "vg/r_rimage_0");
        h.refused(5, "Unable to split additional image from vg/r while tracking changes for vg/r_rimage_1.",
                "lvconvert", "-y", "--splitmirrors", "1", "--name", "x", "vg/r", a.toString());
        h.refused(5, "Can't remove logical volume vg/r_rimage_1 used as RAID device.", "lvremove", "-y", "vg/r_rimage_1");
        h.refused(5, "Cannot resize a RAID image directly", "lvextend", "-l", "+1", "vg/r_rimage_1");
        h.refused(5, "Cannot resize logical volume vg/r while it is tracking a split image.", "lvextend", "-l", "+1", "vg/r");
        h.refused(5, "Cannot rename a RAID image directly", "lvrename", "vg/r_rimage_1", "vg/other");
        h.refused(5, "Cannot rename r while it is tracking a split image", "lvrename", "vg/r", "vg/other");
        Harness.ok(h.run("lvconvert", "--merge", "vg/r_rimage_1"));
        assertEquals(List.of("READ", "WRITE"), vg().lv("r_rimage_1").orElseThrow().status());
    }

    /** Offline, an array that was never activated has not synced yet: split refused as LVM2 refuses an array not in sync. */
    @Test
    void neverSyncedArrayIsNotSplitOffline() throws Exception {
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "1", "-l", "2", "-n", "r", "vg"));
        h.refused(5, "Unable to split image from vg/r while not in-sync.", "lvconvert", "-y", "--splitmirrors", "1", "--trackchanges", "vg/r");
        h.refused(5, "Unable to split vg/r while it is not in-sync.", "lvconvert", "-y", "--splitmirrors", "1", "--name", "x", "vg/r");
    }

    @Test
    void splitRefusals() throws Exception {
        Harness.ok(h.run("lvcreate", "-l", "2", "-n", "lin", "vg"));
        Harness.ok(h.run("lvcreate", "--nosync", "--type", "raid1", "-m", "2", "-l", "2", "-n", "r", "vg"));
        h.refused(3, "Please name the new logical volume using '--name'", "lvconvert", "--splitmirrors", "1", "vg/r");
        h.refused(5, "Command on LV vg/lin does not accept LV type linear.", "lvconvert", "--splitmirrors", "1", "--trackchanges", "vg/lin");
        h.refused(5, "Exactly one image must be split off from vg/r when tracking changes.", "lvconvert", "--splitmirrors", "2", "--trackchanges", "vg/r");
        h.refused(5, "Unable to split more than one image from vg/r.", "lvconvert", "--splitmirrors", "2", "--name", "x", "vg/r");
        h.refused(5, "Logical Volume \"lin\" already exists in vg.", "lvconvert", "--splitmirrors", "1", "--name", "lin", "vg/r");
        h.refused(5, "Failed to find logical volume \"vg/nope\"", "lvconvert", "--splitmirrors", "1", "--name", "x", "vg/nope");
        h.refused(3, "--mirrors/--type mirror/--type raid* and --splitmirrors are mutually exclusive.", "lvconvert", "--splitmirrors", "1", "-m", "1", "--name", "x", "vg/r");
        // permanent split of the middle image by PV: the last leg is renumbered
        Harness.ok(h.run("lvconvert", "--splitmirrors", "1", "--name", "x", "vg/r", b.toString()));
        Vg vg = vg();
        RaidSegment seg = (RaidSegment) vg.lv("r").orElseThrow().segments().get(0);
        assertEquals(List.of("r_rimage_0", "r_rimage_1"), seg.imageLvs());
        assertEquals(List.of("READ", "WRITE", "VISIBLE"), vg.lv("x").orElseThrow().status());
        assertTrue(vg.lv("r_rmeta_2").isEmpty() && vg.lv("r_rimage_2").isEmpty());
    }

    @Test
    void imageCountChangesAndPrompts() throws Exception {
        Harness.ok(h.run("lvcreate", "-l", "3", "-n", "lin", "vg", a.toString()));
        h.refused(5, "Logical volume vg/lin NOT converted.", "lvconvert", "-m", "1", "vg/lin");
        Harness.Result r = h.runWithInput("y\n", "lvconvert", "-m", "1", "vg/lin");
        Harness.ok(r);
        assertTrue(r.err().contains("Are you sure you want to convert linear LV vg/lin to raid1 with 2 images enhancing resilience? [y/n]: "), r.toString());
        assertEquals("  Logical volume vg/lin successfully converted.\n", r.out());
        Vg vg = vg();
        Lv img0 = vg.lv("lin_rimage_0").orElseThrow();
        assertEquals(3, img0.extents());
        assertEquals(1, vg.lv("lin_rmeta_0").orElseThrow().extents());
        h.refused(5, "Unable to reduce images by specified amount.", "lvconvert", "-y", "-m", "-2", "vg/lin");
        // never activated: image 0 (the linear LV's data) is the only one holding it; the new image may go, it may not
        h.refused(5, "Unable to remove all primary source devices", "lvconvert", "-y", "-m", "0", "vg/lin", a.toString());
        String newLeg = pvOf(vg(), "lin_rimage_1");
        h.refused(5, "Logical volume vg/lin NOT converted to \"linear\".", "lvconvert", "-m", "0", "vg/lin", newLeg);
        r = h.run("lvconvert", "-y", "-m", "1", "vg/lin");
        Harness.ok(r);
        assertEquals("  WARNING: vg/lin already has image count of 2.\n", r.err());
        Harness.ok(h.run("lvconvert", "-y", "--type", "linear", "vg/lin"));
        assertEquals(1, vg().lvs().size());
        h.refused(5, "Cannot specify mirrors with linear type.", "lvconvert", "-y", "--type", "linear", "-m", "1", "vg/lin");
        Harness.ok(h.run("lvcreate", "--nosync", "-m", "1", "-l", "1", "-n", "ns", "vg"));
        h.refused(5, "Can't add image to out-of-sync RAID LV: use 'lvchange --resync' first.", "lvconvert", "-y", "-m", "2", "vg/ns");
    }

    /** The device of the PV the (linear) LV's first segment lies on. */
    private static String pvOf(Vg vg, String lv) {
        var area = (ulvm.model.Area.OnPv) vg.lv(lv).orElseThrow().segments().get(0).areas().get(0);
        return vg.pv(area.pvId()).orElseThrow().device();
    }

    @Test
    void notInSyncRefusalsUseTheLiveState() throws Exception {
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "2", "-l", "2", "-n", "r", "vg"));
        RaidReportsTest.Live live = new RaidReportsTest.Live();
        live.active.add("r");
        live.raid.put("r", new RaidStatus(10, 4, "resync", 0, "aaa"));
        String before = h.fingerprint();
        Harness.Result r = h.runWith(live, null, "lvconvert", "--splitmirrors", "1", "--trackchanges", "vg/r");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Unable to split image from vg/r while not in-sync.\n", r.err());
        r = h.runWith(live, null, "lvconvert", "--splitmirrors", "1", "--name", "x", "vg/r");
        assertEquals("  Unable to split vg/r while it is not in-sync.\n", r.err());
        r = h.runWith(live, null, "lvconvert", "-y", "-m", "+1", "vg/r");
        assertEquals("  Can't add image to RAID LV that is still initializing.\n", r.err());
        assertEquals(before, h.fingerprint());
    }

    @Test
    void lvchangeSyncActionAndRates() throws Exception {
        Harness.ok(h.run("lvcreate", "--nosync", "--type", "raid1", "-m", "1", "-l", "2", "-n", "r", "vg"));
        Harness.ok(h.run("lvcreate", "-l", "1", "-n", "lin", "vg"));
        h.refused(5, "Unable to send message to an inactive logical volume.", "lvchange", "--syncaction", "check", "vg/r");
        // real LVM2 2.03.16: the command definition (VG|LV_raid) refuses it before lv_raid_message
        h.refused(5, "Command on LV vg/lin does not accept LV type linear.\n  Command not permitted on LV vg/lin.", "lvchange", "--syncaction", "check", "vg/lin");
        h.refused(3, "Invalid argument for --syncaction: fix", "lvchange", "--syncaction", "fix", "vg/r");
        RaidReportsTest.Live live = new RaidReportsTest.Live();
        live.active.add("r");
        Harness.Result r = h.runWith(live, null, "lvchange", "--syncaction", "repair", "vg/r");
        Harness.ok(r);
        assertEquals(List.of("r:repair"), live.actions);
        r = h.run("lvchange", "--maxrecoveryrate", "2M", "--minrecoveryrate", "512", "vg/r");
        Harness.ok(r);
        assertEquals("  Logical volume vg/r changed.\n", r.out());
        RaidSegment seg = (RaidSegment) vg().lv("r").orElseThrow().segments().get(0);
        assertEquals("min_recovery_rate=512,max_recovery_rate=2048", seg.extras().get(0).key() + "=" + seg.extras().get(0).value() + ","
                + seg.extras().get(1).key() + "=" + seg.extras().get(1).value());
        h.refused(5, "Minimum recovery rate cannot be higher than maximum.", "lvchange", "--minrecoveryrate", "4M", "vg/r");
    }

    /** raid5 (and raid4/6/10) take --syncaction as raid1 does: real LVM2 2.03.16 refuses it alike on an inactive LV. */
    @Test
    void lvchangeSyncActionOnRaid5() throws Exception {
        Harness.ok(h.run("lvcreate", "-y", "--type", "raid5", "-i", "2", "-l", "2", "-n", "r5", "vg"));
        h.refused(5, "Unable to send message to an inactive logical volume.", "lvchange", "--syncaction", "check", "vg/r5");
        RaidReportsTest.Live live = new RaidReportsTest.Live();
        live.active.add("r5");
        Harness.ok(h.runWith(live, null, "lvchange", "--syncaction", "check", "vg/r5"));
        assertEquals(List.of("r5:check"), live.actions);
        Harness.ok(h.run("lvchange", "--maxrecoveryrate", "2M", "vg/r5"));
        RaidSegment seg = (RaidSegment) vg().lv("r5").orElseThrow().segments().get(0);
        assertEquals(2048L, ulvm.segtype.RaidType.number(seg, "max_recovery_rate"));
    }
}
