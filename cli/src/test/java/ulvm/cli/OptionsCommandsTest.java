package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Vg;
import ulvm.ops.Session;
import ulvm.store.Scan;

/**
 * Options found missing by translating LVM2's test/shell scripts (issue 13): abbreviated long options, lvconvert
 * --mergesnapshot, lvextend/lvresize --type, lvchange on a VG. Messages and exit codes are real LVM2 2.03.16's (seen
 * on images of the same layout; test-images OptionsCheckedByLvm2Test compares them side by side).
 */
class OptionsCommandsTest {
    @TempDir Path dir;
    Harness h;
    Path a, b;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 64 << 20);
        b = h.image("b.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString(), b.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString(), b.toString()));
        Harness.ok(h.run("lvcreate", "-l", "2", "-n", "lin", "vg"));
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "1", "-l", "2", "-n", "r", "vg"));
    }

    Vg vg() {
        try (Scan s = h.scan(a, b)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    /** A daemon stand-in that records activations and refreshes. */
    static final class Live implements Session.LiveHooks {
        final List<String> calls = new ArrayList<>();

        @Override public boolean activate(Vg vg, java.util.Set<String> lvs, boolean on) {
            calls.add((on ? "+" : "-") + lvs);
            return true;
        }

        @Override public void refresh(String vg, String lv) { calls.add("refresh " + lv); }
    }

    // ---- abbreviations (getopt_long) ----

    @Test
    void anUnambiguousPrefixOfALongOptionIsThatOption() throws Exception {
        // LVM2 test/shell scripts write e.g. `lvcreate --ty raid1`, `vgcfgrestore --restore`
        Harness.ok(h.run("lvcreate", "--ty", "linear", "--ext", "1", "--na", "abbr", "vg"));
        assertEquals(1, vg().lv("abbr").orElseThrow().extents());
        Harness.ok(h.run("lvextend", "--exte=+1", "vg/abbr"));
        assertEquals(2, vg().lv("abbr").orElseThrow().extents());
        // an exact name wins over the longer ones it starts (--merge, --mergesnapshot)
        h.refused(5, "vg/lin cannot be merged because --trackchanges was not used.", "lvconvert", "--merge", "vg/lin");
    }

    /** As real LVM2 (OptionsCheckedByLvm2Test): getopt's words for an option given last without its value. */
    @Test
    void anOptionWithoutItsValueIsRefusedInGetoptWords() throws Exception {
        h.refused(3, "lvchange: option '--activate' requires an argument\n  Error during parsing of command line.", "lvchange", "vg/lin", "--activate");
        h.refused(3, "lvcreate: option requires an argument -- 'L'\n  Error during parsing of command line.", "lvcreate", "vg", "-L");
        assertEquals(2, h.run("lvcreate", "vg", "--size").err().split("\n").length);
    }

    @Test
    void anAmbiguousPrefixIsRefusedInGetoptWords() throws Exception {
        String before = h.fingerprint();
        Harness.Result r = h.run("lvchange", "--m", "1M", "vg/r");
        assertEquals(3, r.rc(), r.toString());
        String[] lines = r.err().split("\n");
        assertTrue(lines[0].startsWith("lvchange: option '--m' is ambiguous; possibilities: '--"), r.toString());
        for (String o : List.of("'--maxrecoveryrate'", "'--minrecoveryrate'")) assertTrue(lines[0].contains(o), r.toString());
        assertFalse(lines[0].contains(","), r.toString());
        assertEquals("  Error during parsing of command line.", lines[1]);
        assertEquals(2, lines.length, r.toString());
        assertEquals(before, h.fingerprint());
    }

    // ---- lvconvert --mergesnapshot ----

    @Test
    void mergesnapshotIsMergeOfASnapshot() throws Exception {
        Harness.ok(h.run("lvcreate", "-s", "-l", "1", "-n", "snap", "vg/lin"));
        Harness.Result r = h.run("lvconvert", "--mergesnapshot", "vg/snap");
        Harness.ok(r);
        assertTrue(r.out().contains("Merging of volume vg/snap started."), r.toString());
        assertFalse(vg().lv("snap").isPresent(), "merged at once: the origin is not active");
    }

    @Test
    void mergesnapshotTakesOnlySnapshots() throws Exception {
        h.refused(5, "Command on LV vg/lin does not accept LV type linear.\n  Command not permitted on LV vg/lin.", "lvconvert", "--mergesnapshot", "vg/lin");
        h.refused(5, "Command on LV vg/r does not accept LV type raid.\n  Command not permitted on LV vg/r.", "lvconvert", "--mergesnapshot", "vg/r");
        h.refused(5, "Command on LV vg/r_rimage_0 does not accept LV type linear.", "lvconvert", "--mergesnapshot", "vg/r_rimage_0");
        h.refused(5, "Failed to find logical volume \"vg/nope\"", "lvconvert", "--mergesnapshot", "vg/nope");
        h.refused(3, "Command does not accept option: --mergesnapshot.", "lvconvert", "--mergesnapshot", "-m", "1", "vg/lin");
    }

    // ---- lvextend/lvresize --type ----

    @Test
    void typeOfAResizeMustMatchTheLastSegment() throws Exception {
        Harness.ok(h.run("lvextend", "--type", "striped", "-l", "+1", "vg/lin"));
        Harness.ok(h.run("lvextend", "--type", "linear", "-l", "+1", "vg/lin"));
        Harness.ok(h.run("lvresize", "--type", "striped", "-y", "-l", "-1", "vg/lin"));
        Harness.ok(h.run("lvresize", "--type", "linear", "-l", "+1", "vg/lin"));
        assertEquals(4, vg().lv("lin").orElseThrow().extents());
        Harness.ok(h.run("lvextend", "--type", "raid1", "-l", "+2", "vg/r"));
        h.refused(5, "VolumeType does not match (raid1).", "lvextend", "--type", "raid1", "-l", "+1", "vg/lin");
        h.refused(5, "VolumeType does not match (raid1).", "lvresize", "--type", "raid1", "-y", "-l", "-1", "vg/lin");
        h.refused(5, "VolumeType does not match (mirror).", "lvextend", "--type", "mirror", "-l", "+1", "vg/lin");
        h.refused(5, "VolumeType does not match (striped).", "lvextend", "--type", "striped", "-l", "+2", "vg/r");
        h.refused(5, "VolumeType does not match (striped).", "lvextend", "--type", "linear", "-l", "+2", "vg/r");
        h.refused(5, "Logical volume nope not found in volume group vg.", "lvextend", "--type", "striped", "-l", "+1", "vg/nope");
        h.refused(3, "  WARNING: Unrecognised segment type foo\n  Invalid argument for --type: foo\n  Error during parsing of command line.",
                "lvextend", "--type", "foo", "-l", "+1", "vg/lin");
        h.refused(3, "Invalid argument for --type: Striped", "lvresize", "--type", "Striped", "-l", "+1", "vg/lin");
        h.refused(3, "Cannot use stripes with linear type.", "lvextend", "--type", "linear", "-i", "2", "-l", "+2", "vg/lin");
        h.refused(3, "lvreduce: unrecognized option '--type'\n  Error during parsing of command line.", "lvreduce", "--type", "striped", "-y", "-l", "-1", "vg/lin");
    }

    // ---- lvchange on a VG ----

    @Test
    void lvchangeOfAVgChangesEachVisibleLv() throws Exception {
        Harness.Result r = h.run("lvchange", "-p", "r", "vg");
        Harness.ok(r);
        assertEquals("  Logical volume vg/lin changed.\n  Logical volume vg/r changed.\n", r.out());
        assertFalse(vg().lv("lin").orElseThrow().writable());
        assertFalse(vg().lv("r").orElseThrow().writable());
        Harness.ok(h.run("lvchange", "-p", "rw", "vg/lin"));
        // a refusal of one LV is told, the others still change, the exit code is the worst
        r = h.run("lvchange", "-p", "rw", "vg");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Logical volume vg/lin is already writable.\n", r.err());
        assertEquals("  Logical volume vg/r changed.\n", r.out());
        r = h.run("lvchange", "--alloc", "anywhere", "vg");
        Harness.ok(r);
        assertEquals("  Logical volume vg/lin changed.\n  Logical volume vg/r changed.\n", r.out());
        h.refused(5, "Volume group \"nope\" not found\n  Cannot process volume group nope", "lvchange", "-p", "r", "nope");
    }

    @Test
    void activationOfAVgArgumentIsQuietAndReachesTheMountForEachLv() throws Exception {
        Live live = new Live();
        Harness.Result r = h.runWith(live, null, "lvchange", "-an", "vg");
        Harness.ok(r);
        assertEquals("", r.out() + r.err());
        assertEquals(List.of("-[lin]", "-[r]"), live.calls);
        live.calls.clear();
        Harness.ok(h.runWith(live, null, "lvchange", "-ay", "vg/lin", "vg"));
        assertEquals(List.of("+[lin]", "+[r]"), live.calls, "each LV once");
        live.calls.clear();
        Harness.ok(h.runWith(live, null, "lvchange", "--refresh", "vg"));
        assertEquals(List.of("refresh lin", "refresh r"), live.calls);
        // without a mount: nothing to deactivate; activation is told once, not for every LV, and succeeds
        r = h.run("lvchange", "-an", "vg");
        Harness.ok(r);
        assertEquals("", r.out() + r.err());
        r = h.run("lvchange", "-ay", "vg");
        Harness.ok(r);
        assertEquals("  WARNING: No ulvm mount is running: the LVs are shown when one starts (ulvm mount MOUNTPOINT).\n", r.err());
    }

    @Test
    void raidOnlyOptionsOnAVgWarnOfTheOtherLvs() throws Exception {
        Harness.Result r = h.run("lvchange", "--maxrecoveryrate", "1M", "vg");
        Harness.ok(r);
        assertEquals("  Command on LV vg/lin uses options that require LV types raid .\n", r.err());
        assertEquals("  Logical volume vg/r changed.\n", r.out());
        h.refused(5, "Command on LV vg/lin uses options that require LV types raid .\n  Command not permitted on LV vg/lin.",
                "lvchange", "--maxrecoveryrate", "1M", "vg/lin");
        r = h.run("lvchange", "--syncaction", "check", "vg");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Command on LV vg/lin does not accept LV type linear.\n  Unable to send message to an inactive logical volume.\n", r.err());
    }
}
