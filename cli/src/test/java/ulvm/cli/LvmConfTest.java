package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lvm.conf and --config: the settings ulvm honours change what commands do; any other is refused (issue 19 part 4). */
class LvmConfTest {
    @TempDir Path dir;

    @Test
    void settingsAreHonouredOrRefused() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20);
        Files.createDirectories(dir.resolve("sys"));
        Files.writeString(dir.resolve("sys/lvm.conf"), "# a comment\nglobal {\n  units = \"m\"\n  suffix = 0\n}\nbackup {\n  backup = 0\n}\n");
        Harness.ok(h.run("pvcreate", a.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        assertFalse(Files.exists(dir.resolve("sys/backup/vg")), "backup/backup = 0: no backup written");
        assertEquals("  60.00\n", h.run("vgs", "--noheadings", "-o", "vg_size").out(), "global/units and global/suffix");
        assertEquals("  61440.00k\n", h.run("vgs", "--noheadings", "-o", "vg_size", "--config", "global{units=\"k\" suffix=1}").out(), "--config over lvm.conf");
        assertEquals("  0.06g\n", h.run("vgs", "--noheadings", "-o", "vg_size", "--units", "g", "--config", "global{suffix=1}").out(),
                "--units over both");
        assertEquals("  vg:60.00\n", h.run("vgs", "-o", "vg_name,vg_size", "--config", "report{headings=0 separator=\":\"}").out());
        // lvmconfig prints what LVM2's prints for the same lvm.conf (checked by hand with LVM2 2.03.16)
        assertEquals("global {\n\tunits=\"m\"\n\tsuffix=0\n}\nbackup {\n\tbackup=0\n}\n", h.run("lvmconfig").out());
        assertEquals("units=\"m\"\n", h.run("lvmconfig", "global/units").out());
        assertEquals("# units=\"r\"\n# backup=1\n", h.run("lvmconfig", "--type", "default", "global/units", "backup/backup").out());
        assertEquals("units=\"g\"\n", h.run("dumpconfig", "--config", "global{units=\"g\"}", "global/units").out());
        Harness.Result r = h.run("lvmconfig", "nosuch/key");
        assertEquals(5, r.rc());
        assertEquals("  Configuration node nosuch/key not found\n", r.err());
        // a setting ulvm does not honour is refused, never ignored; nothing is changed
        r = h.run("lvcreate", "-L", "8m", "-n", "lv", "vg", "--config", "devices{filter=[\"a|.*|\"]}");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().startsWith("  Configuration setting \"devices/filter\" is not supported by ulvm"), r.err());
        assertEquals("", h.run("lvs", "--noheadings", "-o", "lv_name", "vg").out());
        r = h.run("vgs", "--config", "global{units=");
        assertEquals(3, r.rc(), r.toString());
        assertTrue(r.err().contains("Failed to set overridden configuration entries."), r.err());
        r = h.run("vgs", "--config", "activation{raid_fault_policy=\"bogus\"}");
        assertEquals(5, r.rc(), r.toString());
    }
}
