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
        r = h.run("lvcreate", "-L", "8m", "-n", "lv", "vg", "--config", "devices{scan=[\"/dev\"]}");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().startsWith("  Configuration setting \"devices/scan\" is not supported by ulvm"), r.err());
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
        Harness.Result r = h.run("lvs", "--config", "report{two_word_unknown_device=1}");
        assertEquals(5, r.rc(), r.toString());
        // report/mark_hidden_devices = 0: hidden LVs without brackets (report.c _lvname_disp), as real LVM2 2.03.16 prints them
        Harness.ok(h.run("lvcreate", "-an", "-L", "8m", "-T", "vg/pool"));
        String[] cols = {"lvs", "-a", "--noheadings", "-o", "lv_name,seg_le_ranges,data_lv,metadata_lv", "-S", "lv_name=~pool", "vg", "--config", "report{mark_hidden_devices=0}"};
        String w = "%-" + (a + ":3-4").length() + "s";
        assertEquals("  pool       " + String.format(w, "pool_tdata:0-1") + " pool_tdata pool_tmeta\n  pool_tdata " + a + ":3-4                      \n"
                + "  pool_tmeta " + a + ":5-5                      \n", h.run(cols).out());
    }

    /**
     * --rows, --nameprefixes, --unquoted, --binary and -o help (reporter.c's _config_report, libdm's _output_as_rows and
     * _display_fields): expected lines as real LVM2 2.03.16 printed them for the same VG (lvm2-check on twin images).
     */
    @Test
    void reportLayoutOptions() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-L", "8m", "-n", "lv1", "vg"));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-L", "4m", "-n", "lv2", "--addtag", "t1", "--addtag", "t2", "vg"));
        String f = "lv_name,lv_size,lv_tags,seg_count,lv_allocation_locked";
        assertEquals("  LV lv1 lv2\n  LSize 8.00m 4.00m\n  LV Tags  t1,t2\n  #Seg 1 1\n  AllocLock  \n", h.run("lvs", "-o", f, "--rows", "vg").out());
        assertEquals("  lv1,lv2\n  8.00m,4.00m\n  ,t1,t2\n  1,1\n  ,\n", h.run("lvs", "-o", f, "--rows", "--noheadings", "--separator", ",", "vg").out());
        assertEquals("  LV LSize LV Tags #Seg AllocLock\n"
                + "  LVM2_LV_NAME='lv1' LVM2_LV_SIZE='8.00m' LVM2_LV_TAGS='' LVM2_SEG_COUNT='1' LVM2_LV_ALLOCATION_LOCKED=''\n"
                + "  LVM2_LV_NAME='lv2' LVM2_LV_SIZE='4.00m' LVM2_LV_TAGS='t1,t2' LVM2_SEG_COUNT='1' LVM2_LV_ALLOCATION_LOCKED=''\n",
                h.run("lvs", "-o", f, "--nameprefixes", "vg").out());
        assertEquals("  LVM2_LV_NAME=lv1 LVM2_LV_SIZE=8.00m LVM2_LV_TAGS= LVM2_SEG_COUNT=1 LVM2_LV_ALLOCATION_LOCKED=0\n"
                + "  LVM2_LV_NAME=lv2 LVM2_LV_SIZE=4.00m LVM2_LV_TAGS=t1,t2 LVM2_SEG_COUNT=1 LVM2_LV_ALLOCATION_LOCKED=0\n",
                h.run("lvs", "-o", f, "--nameprefixes", "--unquoted", "--binary", "--noheadings", "vg").out());
        assertEquals("  LV LVM2_LV_NAME='lv1' LVM2_LV_NAME='lv2'\n  LSize LVM2_LV_SIZE='8.00m' LVM2_LV_SIZE='4.00m'\n"
                + "  LV Tags LVM2_LV_TAGS='' LVM2_LV_TAGS='t1,t2'\n  #Seg LVM2_SEG_COUNT='1' LVM2_SEG_COUNT='1'\n"
                + "  AllocLock LVM2_LV_ALLOCATION_LOCKED='' LVM2_LV_ALLOCATION_LOCKED=''\n", h.run("lvs", "-o", f, "--nameprefixes", "--rows", "vg").out());
        assertTrue(h.run("lvs", "-o", f, "--binary", "--reportformat", "json", "vg").out().contains(
                "{\"lv_name\":\"lv1\", \"lv_size\":\"8.00m\", \"lv_tags\":\"\", \"seg_count\":\"1\", \"lv_allocation_locked\":\"0\"},"));
        // the same from lvm.conf: report/prefixes keeps the alignment (only --nameprefixes drops it), quoted=0, columns_as_rows=1
        assertEquals("  LVM2_LV_NAME='lv1 ' LVM2_LV_SIZE='8.00m'\n  LVM2_LV_NAME='lv2 ' LVM2_LV_SIZE='4.00m'\n",
                h.run("lvs", "-o", "lv_name,lv_size", "--noheadings", "--config", "report{prefixes=1}", "vg").out());
        assertEquals("  LV LVM2_LV_NAME=lv1 LVM2_LV_NAME=lv2\n", h.run("lvs", "-o", "lv_name", "--config", "report{prefixes=1 quoted=0 columns_as_rows=1}", "vg").out());
        // report/list_item_separator joins the items, a selection's list still takes commas (real LVM2 2.03.16 alike)
        assertEquals("  LV   LV Tags\n  lv2  t1;t2  \n", h.run("lvs", "-S", "lv_tags=[t1,t2]", "-o", "lv_name,lv_tags", "--config", "report{list_item_separator=\";\"}", "vg").out());
        // report/time_format: strftime (TimeFormatTest), refused as LVM2 2.03.16 refuses it (exit 4), "" ignored with its warning
        assertTrue(h.run("lvs", "-o", "lv_time", "--noheadings", "--config", "report{time_format=\"%s\"}", "vg/lv1").out().matches("  \\d{10} *\n"));
        Harness.Result r = h.run("lvs", "-o", "lv_time", "--config", "report{time_format=\"%Q\"}", "vg");
        assertEquals(4, r.rc(), r.toString());
        assertEquals("  Invalid time format \"%Q\" supplied.\n", r.err());
        r = h.run("lvs", "-o", "lv_name", "--config", "report{time_format=\"\"}", "vg/lv1");
        assertEquals("  LV  \n  lv1 \n", r.out());
        assertEquals("  Configuration setting \"report/time_format\" invalid. It cannot be set to an empty value.\n"
                + "  WARNING: Ignoring unsupported value for report/time_format.\n", r.err());
        r = h.run("vgs", "-o", "help,lv_name", "vg");
        assertEquals(0, r.rc(), r.toString());
        assertEquals("", r.out());
        java.util.List<String> help = r.err().lines().toList();
        assertEquals(ulvm.report.FieldHelp.lines(), help); // as LVM2 2.03.16's lvs, vgs and pvs print it (test/shell/report-fields.sh lists them too)
        assertEquals("  Logical Volume Fields", help.get(0));
        assertEquals("    lv_name                     - Name.  LVs created for internal use are enclosed in brackets.", help.get(4));
        assertEquals(3, h.run("lvs", "--reportformat", "json_std", "vg").rc(), "2.03.16 has no json_std");
    }

    /**
     * Command profiles (--commandprofile, a report's --profile): over lvm.conf, under --config; a missing or invalid one
     * refused in LVM2 2.03.16's words (checked with real LVM2 and LVM_SYSTEM_DIR/profile files alike).
     */
    @Test
    void commandProfiles() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-L", "8m", "-n", "lv1", "vg"));
        Files.createDirectories(dir.resolve("sys/profile"));
        Files.writeString(dir.resolve("sys/profile/p1.profile"), "report {\nseparator=\":\"\n}\n");
        Files.writeString(dir.resolve("sys/profile/p2.profile"), "devices {\nscan=\"/dev\"\n}\n");
        Files.writeString(dir.resolve("sys/profile/p3.profile"), "global {\nsystem_id_source=\"uname\"\n}\n");
        assertEquals("  LV  :LSize\n  lv1 :8.00m\n", h.run("lvs", "--commandprofile", "p1", "-o", "lv_name,lv_size", "vg").out());
        assertEquals("  LV  :LSize\n  lv1 :8.00m\n", h.run("lvs", "--profile", "p1", "-o", "lv_name,lv_size", "vg").out());
        assertEquals("  lv1 |8.00m\n", h.run("lvs", "--profile", "p1", "--config", "report{separator=\"|\" headings=0}", "-o", "lv_name,lv_size", "vg").out());
        Harness.Result r = h.run("lvs", "--commandprofile", "nosuch", "vg");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  " + dir.resolve("sys/profile/nosuch.profile") + ": stat failed: No such file or directory\n  Failed to apply command profile nosuch.\n", r.err());
        r = h.run("lvs", "--commandprofile", "p2", "vg");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Configuration section \"devices\" is not customizable by a profile.\n  Ignoring invalid command profile p2.\n"
                + "  Failed to apply command profile p2.\n", r.err());
        r = h.run("vgs", "--commandprofile", "p3", "vg");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Configuration option \"global/system_id_source\" is not customizable by a profile.\n  Ignoring invalid command profile p3.\n"
                + "  Failed to apply command profile p3.\n", r.err());
        // config/profile_dir moves them
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("other/p1.profile"), "report {\nheadings=0\n}\n");
        assertEquals("  lv1 \n", h.run("lvs", "--profile", "p1", "--config", "config{profile_dir=\"" + dir.resolve("other") + "\"}", "-o", "lv_name", "vg").out());
    }

    /** backup/retain_min and retain_days: archives beyond the newest retain_min that are old enough go (archive.c _remove_expired). */
    @Test
    void archivesAreKeptAsConfigured() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        for (int i = 0; i < 3; i++) Harness.ok(h.run("lvcreate", "-an", "-Zn", "-L", "4m", "vg"));
        assertEquals(3, ulvm.store.MetadataArchive.archives(dir.resolve("sys/archive"), "vg").size());
        Files.writeString(dir.resolve("sys/lvm.conf"), "backup {\n\tretain_min = 2\n\tretain_days = 0\n}\n");
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-L", "4m", "vg"));
        var left = ulvm.store.MetadataArchive.archives(dir.resolve("sys/archive"), "vg");
        assertEquals(java.util.List.of(2L, 3L), left.stream().map(ulvm.store.MetadataArchive.Archive::index).toList(), "the newest two");
    }

    /** backup/backup_dir and archive_dir move the backups and archives (made when missing, as LVM2 makes them); vgcfgrestore reads them there. */
    @Test
    void backupAndArchiveDirsAsConfigured() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString()));
        Files.createDirectories(dir.resolve("sys"));
        Files.writeString(dir.resolve("sys/lvm.conf"), "backup {\n\tbackup_dir = \"" + dir.resolve("b") + "\"\n\tarchive_dir = \"" + dir.resolve("ar") + "\"\n}\n");
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-L", "4m", "-n", "lv1", "vg"));
        assertTrue(Files.readString(dir.resolve("b/vg")).contains("lv1 {"), "the backup after lvcreate");
        assertEquals(1, ulvm.store.MetadataArchive.archives(dir.resolve("ar"), "vg").size(), "the archive before it");
        assertFalse(Files.exists(dir.resolve("sys/backup/vg")));
        Harness.Result r = h.run("vgcfgrestore", "--list", "vg");
        Harness.ok(r);
        assertTrue(r.out().contains(dir.resolve("ar").toString()), r.out());
        Harness.ok(h.run("vgcfgrestore", "vg")); // from b/vg
    }
}
