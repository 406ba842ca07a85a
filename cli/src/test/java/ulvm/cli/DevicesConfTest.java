package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvm.conf's devices/ settings. devices/filter and devices/global_filter as LVM2 2.03.16 takes them with a devices file
 * (lib/filters/filter-regex.c _accept_p): ignored with its warning, silently with --devices; a bad pattern fails the
 * command with the lines real LVM2 2.03.16 printed for it (exit 5). devices/dev_links is ulvm's own (mount).
 */
class DevicesConfTest {
    @TempDir Path dir;

    @Test
    void filtersAreIgnoredWithTheDevicesFileAsInLvm2() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        Files.writeString(dir.resolve("sys/lvm.conf"), "devices {\n\tfilter = [ \"r|.*|\" ]\n\tglobal_filter = [ \"a|x|\", \"r|.*|\" ]\n}\n");
        Harness.Result r = h.run("vgs", "--noheadings", "-o", "vg_name");
        assertEquals("  vg\n", r.out());
        assertEquals("  Please remove the lvm.conf global_filter, it is ignored with the devices file.\n"
                + "  Please remove the lvm.conf filter, it is ignored with the devices file.\n", r.err());
        r = h.run("vgs", "--noheadings", "-o", "vg_name", "--devices", a.toString());
        assertEquals("  vg\n", r.out());
        assertEquals("", r.err(), "--devices: LVM2's devices list takes no filter, and says nothing");
        assertEquals("devices {\n\tfilter=\"r|.*|\"\n\tglobal_filter=[\"a|x|\",\"r|.*|\"]\n}\n", h.run("lvmconfig", "devices").out());
        assertEquals("# filter=[\"a|.*|\"]\n# dev_links=0\n", h.run("lvmconfig", "--type", "default", "devices/filter", "devices/dev_links").out());
        Files.delete(dir.resolve("sys/lvm.conf"));
        String before = h.fingerprint();
        for (String[] bad : new String[][] {
                {"devices{filter=[\"x|a|\"]}", "  Pattern must begin with 'a' or 'r'.\n  Invalid filter pattern \"x|a|\".\n  Failed to create regex device filter\n"},
                {"devices{filter=[\"a|abc\"]}", "  Invalid separator at end of regex.\n  Invalid filter pattern \"a|abc\".\n  Failed to create regex device filter\n"},
                {"devices{global_filter=[\"x|a|\"]}", "  Pattern must begin with 'a' or 'r'.\n  Invalid filter pattern \"x|a|\".\n  Failed to create global regex device filter\n"},
                {"devices{filter=[123]}", "  Filter patterns must be enclosed in quotes.\n  Failed to create regex device filter\n"}}) {
            r = h.run("lvcreate", "-an", "-Zn", "-L", "4m", "-n", "lv", "vg", "--config", bad[0]);
            assertEquals(5, r.rc(), r.toString());
            assertEquals(bad[1], r.err());
        }
        assertEquals(before, h.fingerprint(), "nothing written");
    }
}
