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

    /**
     * report/ settings (LVM2's report.c and libdm's compact and binary output): expected lines as real LVM2 2.03.16
     * printed them for the same VG with the same settings.
     */
    @Test
    void reportSettingsChangeReports() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        Harness.ok(h.run("lvcreate", "-l", "2", "-n", "lv", "vg"));
        String[] lvs = {"lvs", "-o", "+lv_skip_activation", "--config", null};
        lvs[4] = "report{compact_output=1}";
        assertEquals("  LV   VG Attr       LSize\n  lv   vg -wi------- 8.00m\n", h.run(lvs).out());
        lvs[4] = "report{compact_output_cols=\"origin,pool_lv,lv_size\"}";
        assertEquals("  LV   VG Attr       LSize Data%  Meta%  Move Log Cpy%Sync Convert SkipAct        \n"
                + "  lv   vg -wi------- 8.00m                                                        \n", h.run(lvs).out());
        lvs[4] = "report{binary_values_as_numeric=1}";
        assertEquals("  lv   vg -wi------- 8.00m                                                                   0\n", h.run(lvs).out().lines().skip(1).findFirst().orElse("") + "\n");
        lvs[4] = "report{separator=\"|\"}"; // a configured separator stays aligned unless report/aligned = 0
        assertEquals("  lv  |vg|-wi-------|8.00m|    |      |      |      |    |   |        |       |               \n", h.run(lvs).out().lines().skip(1).findFirst().orElse("") + "\n");
        lvs[4] = "report{separator=\"|\" aligned=0}";
        assertEquals("  lv|vg|-wi-------|8.00m|||||||||\n", h.run(lvs).out().lines().skip(1).findFirst().orElse("") + "\n");
        assertEquals("  VG VSize \n  vg 60.00m\n", h.run("vgs", "--config", "report{vgs_cols=\"vg_name,vg_size\"}").out());
        assertEquals("  VG VSize  VFree \n  vg 60.00m 52.00m\n", h.run("vgs", "-o", "+vg_free", "--config", "report{vgs_cols=\"vg_name,vg_size\"}").out());
        assertEquals("  VG Attr  \n  vg wz--n-\n", h.run("vgs", "-v", "--config", "report{vgs_cols_verbose=\"vg_name,vg_attr\"}").out());
        assertTrue(h.run("lvs", "--config", "report{output_format=\"json\"}").out().contains("\"report\": ["));
        assertEquals("  VG\n  vg\n  Fmt \n  lvm2\n  LV  \n  lv  \n  Start\n      0\n      2\n  Type  \n  linear\n",
                h.run("fullreport", "--config", "report{vgs_cols_full=\"vg_name\" pvs_cols_full=\"pv_fmt\" lvs_cols_full=\"lv_name\" "
                        + "pvsegs_cols_full=\"pvseg_start\" segs_cols_full=\"segtype\"}").out());
        Harness.Result r = h.run("lvs", "--config", "report{list_item_separator=\";\"}");
        assertEquals(5, r.rc(), r.toString());
    }
}
