package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Area;
import ulvm.model.Pv;
import ulvm.model.Vg;
import ulvm.store.Scan;

/**
 * The commands for a VG with a missing PV (an image file gone): which writes LVM2 allows (lvconvert --repair,
 * vgreduce --removemissing, vgextend --restoremissing), what they write, and LVM2's messages and refusals.
 */
class MissingPvCommandsTest {
    @TempDir Path dir;
    Harness h;
    Path a, b, c, away;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 64 << 20);
        b = h.image("b.img", 64 << 20);
        c = h.image("c.img", 64 << 20);
        away = Files.createDirectories(dir.resolve("away")).resolve("b.img");
        Harness.ok(h.run("pvcreate", a.toString(), b.toString(), c.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString(), b.toString(), c.toString()));
        Harness.ok(h.run("lvcreate", "--nosync", "-y", "--type", "raid1", "-m", "1", "-l", "2", "-n", "r", "vg", a.toString(), b.toString()));
        Harness.ok(h.run("lvcreate", "-l", "2", "-n", "lin", "vg", b.toString()));
    }

    Vg vg(Path... pvs) {
        try (Scan s = h.scan(pvs)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    String pvOf(Vg vg, String lv) {
        return ((Area.OnPv) vg.lv(lv).orElseThrow().segments().get(0).areas().get(0)).pvId();
    }

    String id(Path pv) {
        try (Scan s = h.scan(pv)) {
            return s.pvs().get(0).uuid();
        }
    }

    @Test
    void repairThenRemoveMissing() throws Exception {
        String bId = id(b), cId = id(c);
        Files.move(b, away);
        h.refused(5, "See vgreduce --removemissing and vgextend --restoremissing.", "lvcreate", "-l", "1", "-n", "x", "vg");
        h.refused(5, "Command on LV vg/lin does not accept LV type linear.", "lvconvert", "-y", "--repair", "vg/lin");
        String before = h.fingerprint();
        Harness.Result no = h.runWithInput("n\n", "lvconvert", "--repair", "vg/r");
        assertEquals(0, no.rc(), no.toString());
        assertTrue(no.err().contains("Attempt to replace failed RAID images (requires full device resync)? [y/n]: "), no.toString());
        assertEquals(before, h.fingerprint(), "a \"no\" writes nothing");

        Harness.Result r = h.run("lvconvert", "-y", "--repair", "vg/r");
        Harness.ok(r);
        assertEquals("  Faulty devices in vg/r successfully replaced.\n", r.out());
        Vg vg = vg(a, c);
        assertEquals(cId, pvOf(vg, "r_rimage_1"), "the new leg is on the spare PV");
        assertEquals(cId, pvOf(vg, "r_rmeta_1"));
        Pv missing = vg.pv(bId).orElseThrow();
        assertEquals(List.of("MISSING"), missing.flags(), "written as LVM2 writes a missing PV");
        assertEquals("[unknown]", missing.device());
        assertTrue(h.run("lvs", "--noheadings", "-o", "lv_attr", "vg/r").out().trim().matches("[rR]wi---r---"), "r is whole again");

        h.refused(5, "Logical volume vg/r does not contain devices specified to replace.", "lvconvert", "-y", "--repair", "vg/r");
        Harness.Result keep = h.run("vgreduce", "--removemissing", "vg");
        assertEquals(5, keep.rc(), keep.toString());
        assertTrue(keep.err().contains("  WARNING: Partial LV lin needs to be repaired or removed. \n  There are still partial LVs in VG vg.\n"
                + "  To remove them unconditionally use: vgreduce --removemissing --force.\n"), keep.toString());
        assertTrue(vg(a, c).pv(bId).isPresent(), "still in the VG");

        Harness.Result force = h.run("vgreduce", "--removemissing", "--force", "vg");
        Harness.ok(force);
        assertEquals("  Logical volume \"lin\" successfully removed.\n  Wrote out consistent volume group vg.\n", force.out());
        assertTrue(force.err().contains("  WARNING: Removing partial LV vg/lin.\n"), force.toString());
        assertFalse(vg(a, c).pv(bId).isPresent(), "the missing PV is gone from the VG");
        assertEquals("  Volume group \"vg\" is already consistent.\n", h.run("vgreduce", "--removemissing", "vg").out());

        // the old image comes back: LVM2 hides it and warns until vgck --updatemetadata wipes its old metadata
        Files.move(away, b);
        Harness.Result pvs = h.run("pvs", "--noheadings", "-o", "pv_name");
        assertFalse(pvs.out().contains(b.toString()), pvs.toString());
        assertTrue(pvs.err().contains("  WARNING: outdated PV " + b + " seqno 3 has been removed in current VG vg seqno 6.\n"), pvs.toString());
        Harness.ok(h.run("vgck", "--updatemetadata", "vg"));
        assertTrue(h.run("pvs", "--noheadings", "-o", "pv_name,vg_name").out().contains(b.toString()), "an orphan now");
        h.refused(3, "Command does not accept argument: " + a + ".", "vgreduce", "--removemissing", "vg", a.toString());
    }

    @Test
    void restoreMissingAfterAWriteWithoutIt() throws Exception {
        String bId = id(b);
        Files.move(b, away);
        Harness.ok(h.run("lvconvert", "-y", "--repair", "vg/r"));
        Files.move(away, b);
        Harness.Result lvs = h.run("lvs", "--noheadings", "-o", "lv_name,lv_attr,devices", "vg/lin");
        assertTrue(lvs.err().contains("  WARNING: VG vg was previously updated while PV " + b + " was missing.\n"
                + "  WARNING: VG vg was missing PV " + b + " " + ulvm.format.Uuid.withDashes(bId) + ".\n"), lvs.toString());
        assertEquals("lin -wi-----p- " + b + "(3)", lvs.out().trim().replaceAll("\\s+", " "), "still partial, shown by its path");
        h.refused(5, "Cannot change VG vg while PVs are missing.", "lvcreate", "-l", "1", "-n", "x", "vg");
        h.refused(5, "No PV has been restored.", "vgextend", "--restoremissing", "vg", c.toString());
        Harness.Result back = h.run("vgextend", "--restoremissing", "vg", b.toString());
        Harness.ok(back);
        assertTrue(back.err().contains("  WARNING: updating old metadata to 5 on " + b + " for VG vg.\n"), back.toString());
        Vg vg = vg(a, b, c);
        assertEquals(List.of(), vg.pv(bId).orElseThrow().flags());
        Harness.Result clean = h.run("lvs", "--noheadings", "-o", "lv_attr", "vg/lin");
        assertEquals("", clean.err(), clean.toString());
        assertEquals("-wi-------", clean.out().trim());
        Harness.ok(h.run("lvcreate", "-l", "1", "-n", "x", "vg"));
        h.refused(5, "WARNING: PV " + b + " was not missing in VG vg", "vgextend", "--restoremissing", "vg", b.toString());
    }

    @Test
    void anUnusedPvThatWasMissingJustComesBack() throws Exception {
        String bId = id(b);
        Harness.ok(h.run("lvremove", "-y", "vg/lin"));
        Files.move(b, away);
        Harness.ok(h.run("lvconvert", "-y", "--repair", "vg/r")); // b keeps no extent, yet is written as MISSING
        assertEquals(List.of("MISSING"), vg(a, c).pv(bId).orElseThrow().flags());
        Files.move(away, b);
        Harness.Result vgs = h.run("vgs", "--noheadings", "-o", "vg_attr", "vg");
        assertTrue(vgs.err().contains("  WARNING: VG vg has unused reappeared PV " + b + " " + ulvm.format.Uuid.withDashes(bId) + ".\n"), vgs.toString());
        assertEquals("wz--n-", vgs.out().trim(), "not partial");
        Harness.Result restore = h.run("vgextend", "--restoremissing", "vg", b.toString()); // LVM2's unused_missing_cleared
        Harness.ok(restore);
        assertEquals("  Volume group \"vg\" successfully extended\n", restore.out());
        assertEquals(List.of(), vg(a, b, c).pv(bId).orElseThrow().flags(), "the write drops the flag");
        Harness.ok(h.run("lvcreate", "-l", "1", "-n", "x", "vg"));
    }

    @Test
    void aLegTheRunningArrayReportsFailedIsReplacedToo() throws Exception {
        String cId = id(c);
        Harness.ok(h.run("lvremove", "-y", "vg/lin"));
        String before = h.fingerprint();
        Harness.Result none = h.run("lvconvert", "-y", "--repair", "vg/r");
        Harness.ok(none);
        assertEquals("  vg/r does not contain devices specified to replace.\n  Faulty devices in vg/r successfully replaced.\n", none.out());
        assertEquals(before, h.fingerprint(), "nothing to replace: nothing written");
        ulvm.ops.Session.LiveHooks failedLeg = new ulvm.ops.Session.LiveHooks() {
            @Override public boolean isActive(String vg, String lv) { return true; }

            @Override public ulvm.raid.RaidStatus raidStatus(String vg, String lv) {
                return lv.equals("r") ? new ulvm.raid.RaidStatus(2, 2, "idle", 0, "AD") : null;
            }
        };
        Harness.ok(h.runWith(failedLeg, null, "lvconvert", "-y", "--repair", "vg/r"));
        assertEquals(cId, pvOf(vg(a, b, c), "r_rimage_1"), "the failed leg's PV holds a leg of r: the new one goes to c");
        ulvm.ops.Session.LiveHooks bothFailed = new ulvm.ops.Session.LiveHooks() {
            @Override public ulvm.raid.RaidStatus raidStatus(String vg, String lv) { return new ulvm.raid.RaidStatus(2, 2, "idle", 0, "DD"); }
        };
        before = h.fingerprint();
        Harness.Result all = h.runWith(bothFailed, null, "lvconvert", "-y", "--repair", "vg/r");
        assertEquals(5, all.rc(), all.toString());
        assertTrue(all.err().contains("  Unable to replace all PVs from vg/r at once.\n  Failed to replace faulty devices in vg/r.\n"), all.toString());
        assertEquals(before, h.fingerprint());
        ulvm.ops.Session.LiveHooks syncing = new ulvm.ops.Session.LiveHooks() {
            @Override public ulvm.raid.RaidStatus raidStatus(String vg, String lv) { return new ulvm.raid.RaidStatus(2, 1, "recover", 0, "Aa"); }
        };
        Harness.Result busy = h.runWith(syncing, null, "lvconvert", "-y", "--repair", "vg/r");
        assertEquals(5, busy.rc(), busy.toString());
        assertTrue(busy.err().contains("  Unable to replace devices in vg/r while it is not in-sync.\n"), busy.toString());
    }

    @Test
    void errorLegsLeftByRemoveMissingForceAreRepairedLater() throws Exception {
        String cId = id(c);
        Files.move(b, away);
        Harness.Result policy = h.run("lvconvert", "--repair", "--usepolicies", "vg/r");
        Harness.ok(policy);
        assertTrue(policy.err().contains("  Use 'lvconvert --repair vg/r' to replace failed device.\n"), policy.toString());
        Harness.ok(h.run("vgreduce", "--removemissing", "--force", "vg"));
        Vg vg = vg(a, c);
        assertEquals("error", vg.lv("r_rimage_1").orElseThrow().segments().get(0).type(), "LVM2 leaves the error target in place of the lost image");
        assertEquals("error", vg.lv("r_rmeta_1").orElseThrow().segments().get(0).type());
        assertEquals(2, vg.pvs().size());
        Harness.ok(h.run("lvconvert", "-y", "--repair", "vg/r"));
        vg = vg(a, c);
        assertEquals(cId, pvOf(vg, "r_rimage_1"));
        assertEquals(cId, pvOf(vg, "r_rmeta_1"));
    }
}
