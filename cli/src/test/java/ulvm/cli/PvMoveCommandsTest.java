package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.ops.Wiring;
import ulvm.testing.MoveSteps;

/** pvmove's command line: refusals (one line, exit code, nothing written), progress output, resume, abort. */
class PvMoveCommandsTest {
    @TempDir Path dir;
    Harness h;
    String a, b, c;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 64 << 20).toString();
        b = h.image("b.img", 64 << 20).toString();
        c = h.image("c.img", 64 << 20).toString();
        Harness.ok(h.run("pvcreate", a, b, c));
        Harness.ok(h.run("vgcreate", "vg", a, b));
        Harness.ok(h.run("lvcreate", "-l", "2", "-n", "lv1", "vg", a));
        Harness.ok(h.run("lvcreate", "-l", "3", "-n", "lv2", "vg", a));
        Harness.ok(h.run("lvextend", "-l", "+3", "vg/lv1", a));
    }

    /** The commands run from now on stop their pvmove after its commit {@code step}. */
    void stopAfter(String step) {
        h.wiring = Wiring.PLAIN.withPacing(MoveSteps.told((s, vg) -> {
            if (s.equals(step)) throw new java.io.IOException("stopped by the test");
        }));
    }

    void refused(int rc, String line, String... args) throws Exception { h.refused(rc, line, args); }

    @Test
    void refusals() throws Exception {
        refused(3, "Cannot use " + dir.resolve("nope.img") + ": device not found", "pvmove", dir.resolve("nope.img").toString());
        refused(3, "Failed to find physical volume \"" + dir.resolve("x.img") + "\".", "pvmove", h.image("x.img", 8 << 20).toString());
        refused(5, "No extents available for allocation.", "pvmove", c);
        refused(3, "Command does not accept option: --name lv1.", "pvmove", "-n", "lv1");
        refused(3, "Command does not accept option: --atomic.", "pvmove", "--atomic");
        refused(3, "Option -n/--name may not be repeated.", "pvmove", "-n", "lv1", "-n", "lv2", a);
        refused(3, "Unrecognised allocation policy foo", "pvmove", "--alloc", "foo", a);
        refused(3, "Invalid argument for --interval: -1", "pvmove", "-i", "-1", a);
        refused(3, "Named LV and old PV must be in the same VG.", "pvmove", "-n", "vgy/lv1", a);
        refused(3, "Incomplete LV name supplied with --name.", "pvmove", "-n", "vg/", a);
        refused(5, "Logical volume lvX not found.", "pvmove", "-n", "lvX", a);
        refused(5, "Physical extent parsing error at x.", "pvmove", a + ":x");
        refused(5, "PE range error: start extent 3 to end extent 1.", "pvmove", a + ":3-1");
        refused(5, "Overlapping PE ranges specified (1-1, 1-1) on " + a + ".", "pvmove", a + ":1:1");
        refused(5, "Physical Volume \"" + c + "\" not found in Volume Group \"vg\".", "pvmove", a, c);
        refused(5, "No extents available for allocation.", "pvmove", a, a);
        refused(5, "No data to move for vg.", "pvmove", a + ":10-12");
        refused(5, "No data to move for vg.", "pvmove", b);
        Harness.ok(h.run("pvchange", "-x", "n", b));
        refused(5, "Insufficient free space: 8 extents needed, but only 0 available", "pvmove", a);
        refused(5, "No specified PVs have space available.", "pvmove", a, b);
    }

    @Test
    void moveWithProgressThenVgreduce() throws Exception {
        Harness.Result r = h.run("pvmove", a);
        Harness.ok(r);
        assertEquals("  " + a + ": Moved: 0.00%\n  " + a + ": Moved: 100.00%\n", r.out(), r.toString());
        assertEquals("", r.err());
        Harness.Result lvs = h.run("lvs", "-a", "--noheadings", "-o", "lv_name,devices");
        assertEquals("  lv1  " + b + "(0)\n  lv2  " + b + "(5)\n", lvs.out().replaceAll(" +", "  ").replaceAll("\\s+\n", "\n"), lvs.toString());
        Harness.ok(h.run("vgreduce", "vg", a));
        Harness.Result none = h.run("pvmove");
        Harness.ok(none);
        assertEquals("", none.out() + none.err());
    }

    @Test
    void interruptedMoveResumesAndLocksRefuse() throws Exception {
        stopAfter("checkpoint");
        Harness.Result r = h.run("pvmove", "-i", "0", a);
        assertEquals(5, r.rc(), r.toString());
        h.wiring = Wiring.PLAIN;
        refused(5, "Can't remove locked logical volume vg/lv1.", "lvremove", "-y", "vg/lv1");
        refused(5, "Can't resize locked logical volume vg/lv1.", "lvextend", "-l", "+1", "vg/lv1");
        refused(5, "Physical volume \"" + a + "\" still in use", "vgreduce", "vg", a);
        Harness.Result lvs = h.run("lvs", "-a", "--noheadings", "-o", "lv_name,lv_attr,devices,move_pv");
        assertTrue(lvs.out().contains("[pvmove0] p-C-"), lvs.toString());
        assertTrue(lvs.out().contains("lv1       -wI-"), lvs.toString());
        Harness.Result again = h.run("pvmove", "-i", "0", a, b);
        Harness.ok(again);
        assertEquals("  Detected pvmove in progress for " + a + ".\n", again.out());
        assertEquals("  WARNING: Ignoring remaining command line arguments.\n", again.err());
        Harness.Result lv = h.run("lvs", "-a", "--noheadings", "-o", "lv_name");
        assertEquals("  lv1\n  lv2\n", lv.out().replaceAll(" +\n", "\n"));
        Harness.ok(h.run("vgreduce", "vg", a));
    }

    @Test
    void abortReturnsToTheSource() throws Exception {
        Harness.Result n = h.run("pvmove", "--abort", a);
        Harness.ok(n);
        assertEquals("  " + a + ": No pvmove in progress - already finished or aborted.\n", n.out());
        stopAfter("setup");
        assertEquals(5, h.run("pvmove", "--atomic", a).rc());
        h.wiring = Wiring.PLAIN;
        Harness.Result ab = h.run("pvmove", "--abort");
        Harness.ok(ab);
        assertEquals("", ab.out() + ab.err());
        Harness.Result lvs = h.run("lvs", "-a", "--noheadings", "-o", "lv_name,devices");
        assertEquals("  lv1  " + a + "(0)\n  lv1  " + a + "(5)\n  lv2  " + a + "(2)\n", lvs.out().replaceAll(" +", "  ").replaceAll("\\s+\n", "\n"), lvs.toString());
    }
}
