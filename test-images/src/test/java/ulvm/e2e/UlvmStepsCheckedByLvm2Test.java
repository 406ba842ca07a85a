package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After every ulvm command, real LVM2 judges the images: {@code vgck} is clean, {@code pvck --dump headers} finds
 * nothing, and {@code lvs}/{@code pvs}/{@code vgs} print exactly what ulvm prints.
 */
class UlvmStepsCheckedByLvm2Test {
    @TempDir Path dir;
    Ulvm u;
    Path a, b, c;
    List<Path> all;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void setUp() throws Exception {
        u = Ulvm.inProcess(dir);
        a = u.image("a.img", 128 << 20);
        b = u.image("b.img", 128 << 20);
        c = u.image("c.img", 128 << 20);
        all = List.of(a, b, c);
    }

    void step(String vg, String... args) {
        Ulvm.Result r = u.on(all, args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        String what = "ulvm " + String.join(" ", args);
        assertEquals(0, r.rc(), what + "\n" + r);
        if (vg == null) {
            Checks.realHeadersClean(all, what);
            Checks.samePvs(u, all, what);
        } else {
            Checks.lvm2Agrees(u, all, vg, what);
        }
    }

    @Test
    void pvAndVgCommands() throws Exception {
        step(null, "pvcreate", a.toString(), b.toString(), c.toString());
        // an orphan's size is its PV header's: set, then taken back from the file (pvs shows PSize 64m, then 128m)
        step(null, "pvresize", "-y", "--setphysicalvolumesize", "64m", c.toString());
        step(null, "pvresize", c.toString());
        step("vg", "vgcreate", "vg", a.toString(), b.toString());
        step("vg", "vgextend", "vg", c.toString());
        step("vg", "lvcreate", "-l", "5", "-n", "lv", "vg", b.toString());
        step("vg", "vgreduce", "vg", c.toString());
        step("vg", "vgextend", "vg", c.toString());
        step("vg2", "vgrename", "vg", "vg2");
        step("vg2", "pvchange", "-x", "n", a.toString());
        step("vg2", "pvchange", "-x", "y", a.toString());
        u.image("c.img", 192 << 20);
        step("vg2", "pvresize", c.toString());
        step("vg2", "lvcreate", "-l", "40", "-n", "big", "vg2", c.toString());
        step("vg2", "lvremove", "-y", "vg2/big");
        u.image("c.img", 128 << 20); // shrink back: pvresize takes the PV down with the file
        step("vg2", "pvresize", c.toString());
    }

    /** vgmerge (LVM2's test/shell/vgmerge-operation.sh): refusals as real LVM2's, then a merge real LVM2 reads back. */
    @Test
    void vgMerge() throws Exception {
        step(null, "pvcreate", a.toString(), b.toString(), c.toString());
        step("vg", "vgcreate", "vg", a.toString());
        step("vg2", "vgcreate", "vg2", b.toString(), c.toString());
        step("vg", "lvcreate", "-l", "3", "-n", "lin", "vg");
        step("vg2", "lvcreate", "-l", "2", "-n", "lin", "vg2");
        refusedAsLvm2("vgmerge", "vg", "vg2"); // duplicate LV name
        refusedAsLvm2("vgmerge", "vg", "vg");
        refusedAsLvm2("vgmerge", "vg", "nosuch");
        step("vg2", "lvrename", "vg2", "lin", "other");
        step("vg2", "lvcreate", "--type", "raid1", "-m", "1", "-l", "2", "-n", "r", "vg2");
        step("vg2", "lvcreate", "-s", "-l", "1", "-n", "snap", "vg2/other");
        Checks.same(u, all, "a hidden LV named", "lvs", "--noheadings", "-o", "lv_name,lv_size", "vg2/r_rimage_1", "vg2/other");
        step("vg", "vgmerge", "vg", "vg2");
        Ulvm.Result gone = u.on(all, "vgs", "vg2");
        assertEquals(5, gone.rc(), gone.toString());
    }

    /** vgsplit (LVM2's test/shell/vgsplit-operation.sh, vgsplit-raid.sh): refusals as real LVM2's, then splits real LVM2 reads back. */
    @Test
    void vgSplit() throws Exception {
        step(null, "pvcreate", a.toString(), b.toString(), c.toString());
        step("vg", "vgcreate", "vg", a.toString(), b.toString(), c.toString());
        step("vg", "lvcreate", "-l", "2", "-n", "x", "vg", a.toString());
        step("vg", "lvcreate", "-l", "2", "-n", "y", "vg", b.toString());
        step("vg", "lvcreate", "--type", "raid1", "-m", "1", "-l", "2", "-n", "r", "vg", b.toString(), c.toString());
        step("vg", "lvcreate", "-s", "-l", "1", "-n", "sx", "vg/x", c.toString());
        step("vg", "lvcreate", "-l", "3", "-n", "span", "vg", a.toString() + ":10-11", b.toString() + ":20");
        refusedAsLvm2("vgsplit", "vg", "vg2", c.toString()); // raid1 and snapshot across
        refusedAsLvm2("vgsplit", "vg", "vg2", b.toString(), c.toString()); // snapshot across
        refusedAsLvm2("vgsplit", "vg", "vg");
        refusedAsLvm2("vgsplit", "vg", "vg2");
        refusedAsLvm2("vgsplit", "-n", "x", "vg", "vg2", a.toString());
        step("vg", "lvremove", "-y", "vg/sx");
        refusedAsLvm2("vgsplit", "vg", "vg2", b.toString(), c.toString()); // span is on a and b
        step("vg", "lvremove", "-y", "vg/span");
        step("vg2", "vgsplit", "vg", "vg2", b.toString(), c.toString());
        Checks.lvm2Agrees(u, all, "vg", "vgsplit");
        step("vg2", "vgsplit", "-n", "x", "vg", "vg2"); // into the existing VG: vg goes, its last PV moved
        Ulvm.Result gone = u.on(all, "vgs", "vg");
        assertEquals(5, gone.rc(), gone.toString());
    }

    /** vgimportclone (LVM2's test/shell/vgimportclone.sh): a cp of a VG's images lives beside the original, real LVM2 reads both. */
    @Test
    void vgImportClone() throws Exception {
        step(null, "pvcreate", a.toString(), b.toString(), c.toString());
        step("vg", "vgcreate", "vg", a.toString(), b.toString());
        step("vg", "lvcreate", "-l", "3", "-n", "lin", "vg");
        step("vg", "lvcreate", "-i", "2", "-l", "4", "-n", "str", "vg");
        Path ca = dir.resolve("ca.img"), cb = dir.resolve("cb.img");
        java.nio.file.Files.copy(a, ca);
        java.nio.file.Files.copy(b, cb);
        List<Path> four = List.of(a, b, ca, cb);
        Ulvm.Result r = u.on(four, "vgimportclone", ca.toString());
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  All PVs in the VG must be imported together.", r.err().lines().reduce((x, y) -> y).orElse(""));
        r = u.on(four, "vgimportclone", ca.toString(), cb.toString());
        assertEquals(0, r.rc(), r.toString());
        Checks.realVgckClean(four, "vg", "vgimportclone");
        Checks.realVgckClean(four, "vg1", "vgimportclone");
        Checks.realHeadersClean(four, "vgimportclone");
        Checks.sameReports(u, four, "vgimportclone");
        r = u.on(List.of(ca, cb), "vgimportclone", "-n", "copy", ca.toString(), cb.toString()); // again, with a base name
        assertEquals(0, r.rc(), r.toString());
        Checks.sameReports(u, four, "vgimportclone -n copy");
    }

    /** vgchange -l, -p and -u: refusals as real LVM2's, then changes real LVM2 reads back (vg_max_lv, vg_max_pv, vg_uuid). */
    @Test
    void vgchangeLimitsAndUuid() throws Exception {
        step(null, "pvcreate", a.toString(), b.toString(), c.toString());
        step("vg", "vgcreate", "vg", a.toString(), b.toString());
        step("vg", "lvcreate", "-l", "2", "-n", "one", "vg");
        step("vg", "lvcreate", "-l", "2", "-n", "two", "vg");
        refusedAsLvm2("vgchange", "-l", "1", "vg");
        refusedAsLvm2("vgchange", "-p", "1", "vg");
        step("vg", "vgchange", "-l", "5", "-p", "3", "vg");
        Checks.same(u, all, "vgchange -l -p", "vgs", "--noheadings", "-o", "vg_name,max_lv,max_pv");
        String before = u.on(all, "vgs", "--noheadings", "-o", "vg_uuid", "vg").out();
        step("vg", "vgchange", "-u", "vg");
        Checks.same(u, all, "vgchange -u", "vgs", "--noheadings", "-o", "vg_uuid");
        org.junit.jupiter.api.Assertions.assertNotEquals(before, u.on(all, "vgs", "--noheadings", "-o", "vg_uuid", "vg").out());
        step("vg", "vgchange", "-x", "n", "vg");
        refusedAsLvm2("vgchange", "-l", "8", "vg");
        step("vg", "vgchange", "-x", "y", "-l", "0", "vg");
    }

    /** lvchange -k, -r, -M/--minor, -C and the thin-only options (LVM2's test/shell/lvchange-*.sh): as real LVM2's. */
    @Test
    void lvchangeProperties() throws Exception {
        step(null, "pvcreate", a.toString(), b.toString(), c.toString());
        step("vg", "vgcreate", "vg", a.toString(), b.toString());
        step("vg", "lvcreate", "-l", "2", "-n", "lv", "vg");
        String fields = "lv_name,lv_read_ahead,lv_major,lv_minor,lv_allocation_policy,lv_skip_activation,lv_fixed_minor";
        refusedAsLvm2("lvchange", "-r", "auto", "vg/lv");
        refusedAsLvm2("lvchange", "-r", "1x", "vg/lv");
        refusedAsLvm2("lvchange", "-k", "maybe", "vg/lv");
        refusedAsLvm2("lvchange", "-M", "n", "vg/lv");
        refusedAsLvm2("lvchange", "-M", "y", "vg/lv");
        refusedAsLvm2("lvchange", "--minor", "3", "vg/lv");
        refusedAsLvm2("lvchange", "--zero", "y", "vg/lv");
        refusedAsLvm2("lvchange", "--discards", "ignore", "vg/lv");
        refusedAsLvm2("lvchange", "-C", "n", "vg/lv");
        for (String[] change : List.of(new String[] {"-k", "y"}, new String[] {"-r", "100"}, new String[] {"-r", "none"}, new String[] {"-r", "256"},
                new String[] {"-C", "y"}, new String[] {"-M", "y", "--minor", "200"}, new String[] {"-k", "n"}, new String[] {"-M", "n"},
                new String[] {"-r", "auto"}, new String[] {"-C", "n"})) {
            List<String> args = new java.util.ArrayList<>(List.of("lvchange"));
            args.addAll(List.of(change));
            args.add("vg/lv");
            step("vg", args.toArray(new String[0]));
            Checks.same(u, all, String.join(" ", args), "lvs", "--noheadings", "-o", fields);
        }
        refusedAsLvm2("lvchange", "-M", "y", "--major", "7", "--minor", "5", "vg/lv"); // not a refusal: the same warning, then success
        Checks.same(u, all, "lvchange --major", "lvs", "--noheadings", "-o", fields);
    }

    /**
     * pvcreate --metadatacopies/--bootloaderareasize/--metadatasize/--dataalignment (LVM2's test/shell/pv-min-size.sh,
     * metadata-balance.sh, pvcreate-bootloaderarea.sh): ulvm's labels and area headers are real LVM2's, field for
     * field, on files of the same size (pvck --dump headers, UUIDs and checksums aside).
     */
    @Test
    void pvcreateLayoutsAreLvm2s() throws Exception {
        List<List<String>> options = List.of(List.of("--metadatacopies", "2", "--bootloaderareasize", "1m"), List.of("--metadatacopies", "0"),
                List.of("--pvmetadatacopies", "2", "--metadatasize", "60k", "--dataalignment", "64k"));
        for (int i = 0; i < options.size(); i++) {
            Path mine = all.get(i), twin = u.image("twin" + i + ".img", 128 << 20);
            List<String> args = new java.util.ArrayList<>(options.get(i));
            args.add(mine.toString());
            Ulvm.Result r = u.on(List.of(mine), "pvcreate", args.toArray(new String[0]));
            assertEquals(0, r.rc(), r.toString());
            args.set(args.size() - 1, twin.toString());
            RealLvm.Result real = RealLvm.run(List.of(twin), "pvcreate", args.toArray(new String[0]));
            assertEquals(0, real.rc(), real.toString());
            assertEquals(headers(twin), headers(mine), "pvcreate " + options.get(i));
        }
    }

    /** pvck --dump headers without what differs between two PVs (UUIDs and the checksums over them). */
    private static String headers(Path p) {
        RealLvm.Result r = RealLvm.pvckHeaders(p);
        assertEquals(0, r.rc(), r.toString());
        return String.join("\n", r.out().lines().filter(l -> !l.contains("uuid") && !l.contains("crc") && !l.contains("checksum")).toList());
    }

    /**
     * Metadata areas in a VG (LVM2's test/shell/metadata-balance.sh, pvchange-basic.sh, vgchange-usage.sh,
     * lvcreate-usage.sh): --vgmetadatacopies, pvchange --metadataignore and -u, lvcreate -k/-r/-M, vgchange -s, a
     * pvresize that moves the area at the end; real LVM2 reads every step back as ulvm does.
     */
    @Test
    void metadataAreasExtentSizeAndNewLvProperties() throws Exception {
        Ulvm.Result r = u.on(all, "pvcreate", "--metadatacopies", "2", a.toString(), b.toString(), c.toString());
        assertEquals(0, r.rc(), r.toString());
        String mdas = "vg_mda_count,vg_mda_used_count,vg_mda_copies,vg_mda_free,vg_mda_size";
        r = u.on(all, "vgcreate", "--vgmetadatacopies", "3", "vg", a.toString(), b.toString(), c.toString());
        assertEquals(0, r.rc(), r.toString());
        Checks.same(u, all, "vgcreate --vgmetadatacopies 3", "vgs", "--noheadings", "-o", mdas);
        r = u.on(all, "lvcreate", "-k", "y", "-r", "13", "-M", "y", "--minor", "9", "--major", "7", "-l", "4", "-n", "lv", "vg");
        assertEquals(0, r.rc(), r.toString());
        assertEquals("  WARNING: Overriding readahead to 8 sectors, a multiple of 4K page size.\n"
                + "  WARNING: Ignoring supplied major number 7 - kernel assigns major numbers dynamically. Using major number 0 instead.\n", r.err());
        r = u.on(all, "vgchange", "--vgmetadatacopies", "unmanaged", "vg");
        assertEquals(0, r.rc(), r.toString());
        r = u.on(all, "pvchange", "--metadataignore", "y", a.toString());
        assertEquals(0, r.rc(), r.toString());
        refusedAsLvm2("pvchange", "--metadataignore", "y", a.toString());
        r = u.on(all, "pvchange", "-u", b.toString());
        assertEquals(0, r.rc(), r.toString());
        refusedAsLvm2("vgchange", "-s", "16m", "vg");
        r = u.on(all, "vgchange", "-s", "1m", "vg");
        assertEquals(0, r.rc(), r.toString());
        u.image("a.img", 160 << 20);
        r = u.on(all, "pvresize", a.toString());
        assertEquals(0, r.rc(), r.toString());
        Checks.lvm2Agrees(u, all, "vg", "pvresize");
        Checks.same(u, all, "metadata areas", "pvs", "--noheadings", "-o", "pv_mda_count,pv_mda_used_count,pv_mda_free,pe_start,pv_pe_count," + mdas);
        Checks.same(u, all, "lvcreate -k -r -M", "lvs", "--noheadings", "-o", "lv_read_ahead,lv_major,lv_minor,lv_skip_activation,lv_fixed_minor,seg_size_pe");
    }

    /**
     * fullreport (LVM2's test/shell/report-fields.sh lists its sub-reports): every VG's VG, PV, LV, PV segment and
     * segment reports and the orphans' as real LVM2 prints them, with --configreport choosing columns; left out are
     * the fields real LVM2 without device-mapper cannot know (lv_active*, lv_attr's state) or ulvm has no value for
     * (pv_major, pv_minor: image files).
     */
    @Test
    void fullReportIsLvm2s() throws Exception {
        Ulvm.Result r = u.on(all, "pvcreate", a.toString(), b.toString(), c.toString());
        assertEquals(0, r.rc(), r.toString());
        for (String[] cmd : List.of(new String[] {"vgcreate", "vg", a.toString(), b.toString()}, new String[] {"lvcreate", "-l", "3", "-n", "lin", "vg"},
                new String[] {"lvcreate", "-i", "2", "-l", "4", "-n", "str", "vg"})) {
            r = u.on(all, cmd[0], java.util.Arrays.copyOfRange(cmd, 1, cmd.length));
            assertEquals(0, r.rc(), r.toString());
        }
        String[] args = {"--separator", "|", "--configreport", "vg", "-o", "vg_all", "--configreport", "pv", "-O", "pv_uuid", "-o",
                "pv_fmt,pv_uuid,dev_size,pv_name,pv_mda_free,pv_mda_size,pv_ext_vsn,pe_start,pv_size,pv_free,pv_used,pv_attr,pv_pe_count,"
                        + "pv_pe_alloc_count,pv_mda_count,pv_mda_used_count,pv_ba_start,pv_ba_size,pv_in_use",
                "--configreport", "lv", "-o", "lv_uuid,lv_name,lv_full_name,lv_path,lv_layout,lv_role,lv_initial_image_sync,lv_permissions,"
                        + "lv_suspended,lv_live_table,lv_kernel_read_ahead,lv_device_open,lv_check_needed,lv_merge_failed,lv_snapshot_invalid,"
                        + "lv_full_ancestors,cache_total_blocks,vdo_operating_mode,writecache_block_size,raidintegrityblocksize",
                "--configreport", "pvseg", "-o", "pvseg_all,pv_uuid,lv_uuid", "--configreport", "seg", "-o", "seg_all,lv_uuid"};
        RealLvm.Result real = RealLvm.run(all, "lvm fullreport", args);
        assertEquals(0, real.rc(), real.toString());
        Ulvm.Result mine = u.on(all, "fullreport", args);
        assertEquals(0, mine.rc(), mine.toString());
        assertEquals(real.out(), mine.out(), "fullreport (expected: real LVM2, actual: ulvm)");
    }

    /** A refusal: the same first stderr line and exit code as real LVM2's on the same images, and nothing written. */
    private void refusedAsLvm2(String cmd, String... args) {
        RealLvm.Result real = RealLvm.run(all, cmd, args);
        Ulvm.Result mine = u.on(all, cmd, args);
        assertEquals(real.rc(), mine.rc(), cmd + " " + String.join(" ", args) + "\n" + real + "\n" + mine);
        assertEquals(real.warnings().lines().findFirst().orElse(""), mine.err().lines().findFirst().orElse(""));
    }

    @Test
    void lvCommands() throws Exception {
        step(null, "pvcreate", a.toString(), b.toString(), c.toString());
        step("vg", "vgcreate", "vg", a.toString(), b.toString(), c.toString());
        step("vg", "lvcreate", "-L", "12m", "-n", "lin", "vg");
        step("vg", "lvcreate", "-i", "2", "-I", "64k", "-L", "16m", "-n", "str2", "vg");
        step("vg", "lvcreate", "-i", "3", "-I", "128k", "-l", "6", "-n", "str3", "vg");
        step("vg", "lvcreate", "-l", "3", "-n", "ranged", "vg", b + ":20-22");
        step("vg", "lvcreate", "-l", "4", "-n", "two", "vg", a + ":25-26", c + ":10-11");
        step("vg", "lvextend", "-l", "+2", "vg/lin", a.toString());
        step("vg", "lvextend", "-L", "+8m", "vg/lin", c.toString());
        step("vg", "lvextend", "-l", "+2", "vg/str2");
        step("vg", "lvreduce", "-y", "-l", "-3", "vg/lin");
        step("vg", "lvreduce", "-y", "-L", "8m", "vg/str2");
        step("vg", "lvremove", "-y", "vg/ranged");
        step("vg", "lvrename", "vg", "lin", "linear");
        step("vg", "lvrename", "vg/two", "vg/second");
        step("vg", "lvcreate", "-l", "100%FREE", "-n", "rest", "vg");
        step("vg", "lvremove", "-y", "vg/rest", "vg/str3");
    }
}
