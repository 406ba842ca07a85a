package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * raid1 LVs built and changed by ulvm on image files; after every step real LVM2 judges them: {@code vgck} is clean
 * and {@code lvs -a} shows the same sub-LVs, devices, segment types and attributes as ulvm (the attribute's state
 * characters aside: real LVM2 runs with activation off here).
 */
class RaidLayoutsCheckedByLvm2Test {
    static final String FIELDS = "lv_name,devices,segtype,stripes,region_size,seg_start_pe,seg_size_pe";

    @TempDir Path dir;
    Ulvm u;
    Path a, b, c, d;
    List<Path> all;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void setUp() throws Exception {
        u = Ulvm.inProcess(dir);
        a = u.image("a.img", 128 << 20);
        b = u.image("b.img", 128 << 20);
        c = u.image("c.img", 128 << 20);
        d = u.image("d.img", 128 << 20);
        all = List.of(a, b, c, d);
        ok("pvcreate", a.toString(), b.toString(), c.toString(), d.toString());
        ok("vgcreate", "my_vg", a.toString(), b.toString(), c.toString());
    }

    Ulvm.Result ok(String... args) {
        Ulvm.Result r = u.on(all, args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        assertEquals(0, r.rc(), "ulvm " + String.join(" ", args) + "\n" + r);
        return r;
    }

    /** Runs a ulvm step, then has real LVM2 check the result. */
    Ulvm.Result step(String... args) {
        Ulvm.Result r = ok(args);
        String what = "ulvm " + String.join(" ", args);
        Checks.realVgckClean(all, "my_vg", what);
        Checks.sameLvs(u, all, FIELDS, what);
        sameAttrs(what);
        return r;
    }

    /** lv_attr without the state characters (5th, 6th and 9th: real LVM2 shows X with activation off). */
    void sameAttrs(String what) {
        String[] args = {"-a", "--noheadings", "--separator", "|", "-o", "lv_name,lv_attr"};
        RealLvm.Result real = RealLvm.run(all, "lvs", args);
        assertEquals(0, real.rc(), what + "\n" + real);
        Ulvm.Result mine = u.on(all, "lvs", args);
        assertEquals(stateless(real.out()), stateless(mine.out()), what + ": lv_attr differs (expected: real LVM2)");
    }

    static String stateless(String lvs) {
        StringBuilder sb = new StringBuilder();
        for (String line : lvs.split("\n")) {
            int bar = line.indexOf('|');
            if (bar < 0) { sb.append(line).append('\n'); continue; }
            char[] attr = line.substring(bar + 1).trim().toCharArray();
            for (int i : new int[] {4, 5, 8}) if (i < attr.length) attr[i] = '.';
            sb.append(line, 0, bar + 1).append(attr).append('\n');
        }
        return sb.toString();
    }

    @Test
    void createRemoveRename() {
        step("lvcreate", "--type", "raid1", "-m", "2", "-L", "64M", "-n", "my_lv", "my_vg");
        step("lvcreate", "-m", "1", "-l", "3", "--nosync", "-R", "1m", "-n", "r2", "my_vg", b.toString(), c.toString());
        step("lvcreate", "--type", "raid1", "-l", "1", "--maxrecoveryrate", "4M", "--minrecoveryrate", "64", "-n", "r3", "my_vg");
        step("lvrename", "my_vg", "r2", "two");
        Checks.sameLvs(u, all, "lv_name,raid_min_recovery_rate,raid_max_recovery_rate,lv_layout,lv_role,data_stripes", "reports");
        step("lvremove", "-y", "my_vg/r3");
    }

    /** Red Hat's three worked examples: split and track, merge back, split and track then split for good. */
    @Test
    void redHatSplitTrackMergeExamples() {
        step("lvcreate", "--nosync", "--type", "raid1", "-m", "2", "-L", "64M", "-n", "my_lv", "my_vg");
        Ulvm.Result r = step("lvconvert", "--splitmirrors", "1", "--trackchanges", "my_vg/my_lv");
        assertEquals("  my_vg/my_lv_rimage_2 split from my_vg/my_lv for read-only purposes.\n"
                + "  Use 'lvconvert --merge my_vg/my_lv_rimage_2' to merge back into my_vg/my_lv.\n", r.out());
        r = step("lvconvert", "--merge", "my_vg/my_lv_rimage_2");
        assertEquals("  my_vg/my_lv_rimage_2 successfully merged back into my_vg/my_lv.\n", r.out());
        step("lvconvert", "--splitmirrors", "1", "--trackchanges", "my_vg/my_lv");
        step("lvconvert", "--splitmirrors", "1", "--name", "new", "my_vg/my_lv");
        step("lvconvert", "-y", "--splitmirrors", "1", "--name", "solo", "my_vg/my_lv");
    }

    /**
     * Offline (never activated) an array has not synced, so adding images is refused as LVM2 refuses it for an
     * initializing or --nosync array; removing a non-primary image and linear conversions work. The mount suite
     * (RaidImageCountsTest) runs the full -m up/down cycle with the daemon syncing in between.
     */
    @Test
    void imageCountsAndLinearConversions() {
        step("lvcreate", "-l", "5", "-n", "lin", "my_vg", a.toString());
        step("lvconvert", "-y", "--type", "raid1", "-m", "1", "my_vg/lin");
        refused("Can't add image to RAID LV that is still initializing.", "lvconvert", "-y", "-m", "+1", "my_vg/lin");
        step("lvconvert", "-y", "-m", "-1", "my_vg/lin", b.toString());
        step("lvconvert", "-y", "-m", "1", "my_vg/lin", c.toString());
        step("lvchange", "--minrecoveryrate", "32", "--maxrecoveryrate", "1M", "my_vg/lin");
        Checks.sameLvs(u, all, "lv_name,raid_min_recovery_rate,raid_max_recovery_rate", "rates");
        step("lvconvert", "-y", "--type", "linear", "my_vg/lin");
        step("vgextend", "my_vg", d.toString());
        step("lvcreate", "--nosync", "--type", "raid1", "-m", "1", "-l", "4", "-n", "r", "my_vg");
        refused("Can't add image to out-of-sync RAID LV: use 'lvchange --resync' first.", "lvconvert", "-y", "-m", "3", "my_vg/r");
        step("lvconvert", "-y", "-m", "0", "my_vg/r", a.toString());
        step("lvremove", "-y", "my_vg/r");
    }

    void refused(String line, String... args) {
        Ulvm.Result r = u.on(all, args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
        assertEquals(5, r.rc(), "ulvm " + String.join(" ", args) + "\n" + r);
        assertEquals("  " + line + "\n", r.err(), "ulvm " + String.join(" ", args));
    }

    @Test
    void resizes() {
        step("lvcreate", "--type", "raid1", "-m", "1", "-l", "4", "-n", "r", "my_vg");
        step("lvcreate", "-l", "2", "-n", "blk", "my_vg", a.toString());
        step("lvextend", "-l", "+3", "my_vg/r");
        step("lvcreate", "-l", "20", "-n", "fill", "my_vg", a.toString());
        step("lvextend", "-L", "+8m", "my_vg/r");
        step("lvreduce", "-y", "-l", "-5", "my_vg/r");
        step("lvcreate", "--type", "raid1", "-m", "2", "-l", "2", "-n", "t", "my_vg");
        step("lvextend", "-m", "2", "-l", "+1", "my_vg/t");
        step("lvresize", "-l", "+50%FREE", "my_vg/r");
        Checks.sameLvs(u, all, "lv_name,seg_pe_ranges,lv_size", "resizes");
    }

    /** Where an image can continue on its own PV, real LVM2's lvextend places the extension as ulvm does. */
    @Test
    void extensionPlacedAsLvm2Places() throws Exception {
        Ulvm.Result r = null;
        for (String img : List.of("r", "u")) {
            List<Path> set = new java.util.ArrayList<>();
            for (String n : List.of("a", "b", "c")) set.add(u.image(img + n + ".img", 128 << 20));
            String[] p = set.stream().map(Path::toString).toArray(String[]::new);
            assertEquals(0, u.on(set, "pvcreate", p).rc());
            assertEquals(0, u.on(set, "vgcreate", "vg", p[0], p[1], p[2]).rc());
            assertEquals(0, u.on(set, "lvcreate", "--type", "raid1", "-m", "1", "-l", "4", "-n", "r", "vg").rc());
            assertEquals(0, u.on(set, "lvcreate", "-l", "2", "-n", "blk", "vg", p[0]).rc());
            String[] ext = {"-l", "+3", "vg/r"};
            if (img.equals("r")) assertEquals(0, RealLvm.run(set, "lvextend", ext).rc());
            else assertEquals(0, u.on(set, "lvextend", ext).rc());
            RealLvm.Result lvs = RealLvm.run(set, "lvs", "-a", "--noheadings", "-o", "lv_name,seg_pe_ranges", "vg");
            String text = lvs.out().replace(dir.toString() + "/" + img, "");
            if (r == null) r = new Ulvm.Result(0, text, "");
            else assertEquals(r.out(), text, "real LVM2 (expected) vs ulvm");
        }
    }

    /** lvdisplay -a -m of a raid1 LV and its sub-LVs as real LVM2 prints it (its "LV Status" aside: no activation there). */
    @Test
    void lvdisplayMapsAsLvm2() {
        ok("lvcreate", "--type", "raid1", "-m", "1", "-l", "3", "-n", "r", "my_vg");
        ok("lvextend", "-l", "+2", "my_vg/r", c.toString(), a.toString());
        RealLvm.Result real = RealLvm.run(all, "lvdisplay", "-a", "-m", "my_vg");
        assertEquals(0, real.rc(), real.toString());
        String mine = u.on(all, "lvdisplay", "-a", "-m", "my_vg").out().replaceAll("  LV Status +NOT available\n", "");
        assertEquals(real.out(), mine);
    }
}
