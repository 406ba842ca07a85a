package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Vg;
import ulvm.ops.Session;
import ulvm.store.Scan;

/**
 * lvchange --resync (LVM2's _lvchange_resync, raid1): NOTSYNCED goes and every image but the first is synced again
 * in full; an active LV is deactivated (after LVM2's question; refused while open) and activated again. LVM2
 * test/shell: lvconvert-raid.sh (a --nosync raid1 takes a new image only after 'lvchange --resync'),
 * lvchange-partial.sh (refused in a VG with a missing PV). Real LVM2's words as 2.03.16 prints them.
 */
class ResyncCommandsTest {
    @TempDir Path dir;
    Harness h;
    Path a, b, c;

    /** A daemon stand-in: which LVs are active or open; records activations. */
    static final class Live implements Session.LiveHooks {
        final Set<String> active = new HashSet<>(), open = new HashSet<>();
        final List<String> calls = new ArrayList<>();
        /** The sub-LVs flagged REBUILD in each commit. */
        final List<List<String>> rebuilding = new ArrayList<>();

        @Override public void committed(Vg vg, ulvm.store.VgCopies before) {
            rebuilding.add(vg.lvs().stream().filter(l -> l.hasStatus("REBUILD")).map(ulvm.model.Lv::name).toList());
        }

        @Override public boolean isActive(String vg, String lv) { return active.contains(lv); }

        @Override public boolean isOpen(String vg, String lv) { return open.contains(lv); }

        @Override public boolean activate(Vg vg, Set<String> lvs, boolean on) {
            calls.add((on ? "+" : "-") + lvs);
            return true;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 64 << 20);
        b = h.image("b.img", 64 << 20);
        c = h.image("c.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString(), b.toString(), c.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString(), b.toString(), c.toString()));
        Harness.ok(h.run("lvcreate", "--nosync", "--type", "raid1", "-m", "1", "-l", "2", "-n", "r", "vg", a.toString(), b.toString()));
        Harness.ok(h.run("lvcreate", "-l", "1", "-n", "lin", "vg"));
    }

    Vg vg() {
        try (Scan s = h.scan(a, b, c)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    /** What the records on disk say of raid LV r (lvs shows nothing of an inactive LV). */
    ulvm.raid.RaidStatus offline() {
        try (Scan s = h.scan(a, b, c)) {
            var vc = s.vg("vg").orElseThrow();
            return ulvm.raid.RaidRecords.offlineStatus(vc.vg(), vc.vg().lv("r").orElseThrow(), id -> vc.device(id).device());
        }
    }

    @Test
    void anInactiveNosyncArrayLosesNotsyncedAndSyncsInFullAtItsNextActivation() throws Exception {
        h.refused(5, "Can't add image to out-of-sync RAID LV: use 'lvchange --resync' first.", "lvconvert", "-y", "-m", "+1", "vg/r");
        assertTrue(vg().lv("r").orElseThrow().hasStatus("NOTSYNCED"));
        Harness.Result r = h.run("lvchange", "--resync", "vg/r");
        Harness.ok(r);
        assertEquals("", r.out() + r.err(), "quiet, as LVM2");
        assertFalse(vg().lv("r").orElseThrow().hasStatus("NOTSYNCED"));
        assertEquals("  rwi---r---\n", h.run("lvs", "--noheadings", "-o", "attr", "vg/r").out());
        assertEquals("Aa", offline().legs(), "only the first image holds the data");
        assertEquals(0, offline().inSyncRegions());
        // the images are not in sync yet: a new image must wait for the sync (lvconvert-raid.sh: aux wait_for_sync)
        h.refused(5, "Can't add image to RAID LV that is still initializing.", "lvconvert", "-y", "-m", "+1", "vg/r");
    }

    @Test
    void anActiveLvIsAskedForThenDeactivatedAndActivatedAgain() throws Exception {
        Live live = new Live();
        live.active.add("r");
        String before = h.fingerprint();
        Harness.Result r = h.runWith(live, "n\n", "lvchange", "--resync", "vg/r");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().contains("Do you really want to deactivate logical volume vg/r to resync it? [y/n]: "), r.toString());
        assertTrue(r.err().contains("  Logical volume vg/r not resynced."), r.toString());
        assertEquals(List.of(), live.calls);
        assertEquals(before, h.fingerprint(), "answered no: nothing written");

        r = h.runWith(live, "y\n", "lvchange", "--resync", "vg/r");
        Harness.ok(r);
        assertEquals(List.of("-[r]", "+[r]"), live.calls);
        assertFalse(vg().lv("r").orElseThrow().hasStatus("NOTSYNCED"));

        live.calls.clear();
        Harness.ok(h.runWith(live, null, "lvchange", "-y", "--resync", "vg/r"));
        assertEquals(List.of("-[r]", "+[r]"), live.calls, "-y answers the question");

        live.open.add("r");
        live.calls.clear();
        before = h.fingerprint();
        r = h.runWith(live, null, "lvchange", "-y", "--resync", "vg/r");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Can't resync open logical volume vg/r.\n", r.err());
        assertEquals(List.of(), live.calls);
        assertEquals(before, h.fingerprint());
    }

    /**
     * lvchange --rebuild PV (LVM2's _lvchange_rebuild, lv_raid_rebuild; test/shell/lvchange-rebuild-raid.sh): the
     * images on the PV are committed with REBUILD (the running array copies them in full, Raid1RebuildTest), then
     * the flag goes. Refusals in real LVM2 2.03.16's words.
     */
    @Test
    void rebuildFlagsTheImagesOnThePvThenClearsTheFlag() throws Exception {
        Live live = new Live();
        h.refused(5, "vg/r must be active to perform this operation.", "lvchange", "-y", "--rebuild", b.toString(), "vg/r");
        live.active.add("r");
        String before = h.fingerprint();
        Harness.Result r = h.runWith(live, "n\n", "lvchange", "--rebuild", b.toString(), "vg/r");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().contains("Do you really want to rebuild 1 PVs of logical volume vg/r [y/n]: "), r.toString());
        assertTrue(r.err().contains("  Logical volume vg/r not rebuild."), r.toString());
        r = h.runWith(live, null, "lvchange", "-y", "--rebuild", c.toString(), "vg/r");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Logical volume vg/r does not contain devices specified to rebuild.\n", r.err());
        r = h.runWith(live, null, "lvchange", "-y", "--rebuild", a.toString(), "--rebuild", b.toString(), "vg/r");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Unable to rebuild all PVs from vg/r at once.\n", r.err());
        r = h.runWith(live, null, "lvchange", "-y", "--rebuild", a.toString(), "vg/lin");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().startsWith("  Command on LV vg/lin does not accept LV type linear."), r.toString());
        assertEquals(before, h.fingerprint(), "refused: nothing written");
        assertEquals(List.of(), live.rebuilding);

        Harness.ok(h.runWith(live, null, "lvchange", "-y", "--rebuild", b.toString(), "vg/r"));
        assertEquals(List.of(List.of("r_rimage_1", "r_rmeta_1"), List.of()), live.rebuilding);
        assertTrue(vg().lvs().stream().noneMatch(l -> l.hasStatus("REBUILD")));
    }

    @Test
    void activationMayComeAlongWithAWarning() throws Exception {
        Live live = new Live();
        Harness.Result r = h.runWith(live, null, "lvchange", "--resync", "-aey", "vg/r");
        Harness.ok(r);
        assertEquals("  WARNING: Combining activation change with other commands is not advised.\n", r.err());
        assertEquals(List.of("+[r]"), live.calls);
    }

    @Test
    void otherLvsAreRefusedInLvm2Words() throws Exception {
        Harness.ok(h.run("lvcreate", "-s", "-l", "1", "-n", "snap", "vg/lin"));
        h.refused(5, "Command on LV vg/lin does not accept LV type linear.\n  Command not permitted on LV vg/lin.", "lvchange", "--resync", "vg/lin");
        h.refused(5, "Command on LV vg/snap does not accept LV type snapshot.\n  Command not permitted on LV vg/snap.", "lvchange", "--resync", "vg/snap");
        h.refused(5, "Command on LV vg/r_rimage_0 does not accept LV type linear.\n  Command not permitted on LV vg/r_rimage_0.",
                "lvchange", "--resync", "vg/r_rimage_0");
        h.refused(5, "Failed to find logical volume \"vg/nope\"", "lvchange", "--resync", "vg/nope");
        h.refused(5, "Volume group \"nope\" not found", "lvchange", "--resync", "nope");
        for (String[] other : List.of(new String[] {"-p", "r"}, new String[] {"--alloc", "normal"}, new String[] {"--maxrecoveryrate", "1M"}))
            h.refused(3, "Command does not accept option: --resync.", "lvchange", "--resync", other[0], other[1], "vg/r");
        h.refused(3, "Command does not accept option: --refresh.", "lvchange", "--resync", "--refresh", "vg/r");
        h.refused(3, "Command does not accept option: --syncaction check.", "lvchange", "--resync", "--syncaction", "check", "vg/r");
        h.refused(3, "Command does not accept option: --activationmode partial.", "lvchange", "--resync", "--activationmode", "partial", "vg/r");
        // through the VG: the other LVs are only warned of
        Harness.Result r = h.run("lvchange", "--resync", "vg");
        Harness.ok(r);
        assertEquals("  Command on LV vg/lin does not accept LV type linear.\n  Command on LV vg/snap does not accept LV type snapshot.\n", r.err());
        assertFalse(vg().lv("r").orElseThrow().hasStatus("NOTSYNCED"));
    }

    @Test
    void refusedWhileAnImageIsTrackedOrAPvIsMissing() throws Exception {
        Harness.ok(h.run("lvconvert", "-y", "--splitmirrors", "1", "--trackchanges", "vg/r"));
        h.refused(5, "Unable to resync vg/r while it is tracking a split image.", "lvchange", "--resync", "vg/r");
        Harness.ok(h.run("lvconvert", "--merge", "vg/r_rimage_1"));
        java.nio.file.Files.move(b, dir.resolve("away.img"));
        h.refused(5, "Cannot change VG vg while PVs are missing.", "lvchange", "--resync", "vg/r");
    }
}
