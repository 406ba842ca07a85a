package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lvchange --refresh and vgchange --refresh: quiet as LVM2, reach the daemon for visible LVs, LVM2's refusals. */
class RefreshCommandsTest {
    @TempDir Path dir;
    Harness h;

    static final class Live implements ulvm.ops.Session.LiveHooks {
        final List<String> refreshed = new ArrayList<>();

        @Override public void refresh(String vg, String lv) { refreshed.add(vg + "/" + lv); }
    }

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20), b = h.image("b.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString(), b.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString(), b.toString()));
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "1", "-l", "2", "-n", "r", "vg"));
        Harness.ok(h.run("lvcreate", "-l", "1", "-n", "lin", "vg"));
    }

    @Test
    void withoutAMountNothingIsActiveAndRefreshDoesNothingQuietly() throws Exception {
        Harness.Result r = h.run("lvchange", "--refresh", "vg/r");
        Harness.ok(r);
        assertEquals("", r.out() + r.err());
        r = h.run("vgchange", "--refresh");
        Harness.ok(r);
        assertEquals("", r.out() + r.err());
    }

    @Test
    void theDaemonIsAskedForEachVisibleLv() throws Exception {
        Live live = new Live();
        Harness.Result r = h.runWith(live, null, "lvchange", "--refresh", "vg/r");
        Harness.ok(r);
        assertEquals("", r.out() + r.err());
        assertEquals(List.of("vg/r"), live.refreshed);
        live.refreshed.clear();
        Harness.ok(h.runWith(live, null, "vgchange", "--refresh", "vg"));
        assertEquals(List.of("vg/r", "vg/lin"), live.refreshed);
    }

    @Test
    void aPartialLvIsRefusedUnlessActivationModePartial() throws Exception {
        java.nio.file.Files.delete(dir.resolve("b.img"));
        h.refused(5, "Refusing refresh of partial LV vg/r. Use '--activationmode partial' to override.", "lvchange", "--refresh", "vg/r");
        Live live = new Live();
        Harness.Result r = h.runWith(live, null, "lvchange", "--refresh", "--activationmode", "partial", "vg/r");
        Harness.ok(r);
        assertEquals(List.of("vg/r"), live.refreshed);
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("PARTIAL MODE. Incomplete logical volumes will be processed."), r.toString());
        // vgchange --refresh refreshes the LVs it may and fails for the partial one
        live.refreshed.clear();
        r = h.runWith(live, null, "vgchange", "--refresh", "vg");
        assertEquals(5, r.rc(), r.toString());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("Refusing refresh of partial LV vg/r."), r.toString());
        assertEquals(List.of("vg/lin"), live.refreshed);
    }

    @Test
    void refusals() throws Exception {
        h.refused(5, "Failed to find logical volume \"vg/nope\"", "lvchange", "--refresh", "vg/nope");
        h.refused(5, "Operation not permitted on hidden LV vg/r_rimage_0.", "lvchange", "--refresh", "vg/r_rimage_0");
        h.refused(3, "Command does not accept option: --refresh.", "lvchange", "--refresh", "-p", "r", "vg/r");
        h.refused(3, "Command does not accept option: --refresh.", "lvchange", "--refresh", "--syncaction", "check", "vg/r");
        h.refused(3, "Command does not accept option: --refresh.", "vgchange", "--refresh", "-a", "y", "vg");
        h.refused(5, "Volume group \"nope\" not found", "vgchange", "--refresh", "nope");
    }
}
