package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * raid0, raid0_meta, raid4, raid5, raid6 and raid10 LVs, made by ulvm and judged by real LVM2 after every step
 * ({@code vgck} clean, {@code lvs -a} and lv_attr as ulvm's, the state characters aside), and layouts real LVM2
 * wrote (raid0 by its own lvcreate; the others by vgcfgrestore of text as lib/raid/raid.c writes it, since real
 * LVM2 creates them only through device-mapper) opened by ulvm with the same reports. test/shell/lvcreate-raid.sh,
 * lvcreate-raid10.sh.
 */
class RaidLevelsCheckedByLvm2Test {
    static final String FIELDS = "lv_name,segtype,stripes,data_stripes,stripe_size,region_size,devices,lv_size,seg_size_pe,"
            + "copy_percent,raid_mismatch_count,raid_sync_action,seg_monitor,seg_le_ranges"; // lv_health_status: "unknown" with activation off

    @TempDir Path dir;
    Ulvm u;
    List<Path> all;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void setUp() throws Exception {
        u = Ulvm.inProcess(dir);
        all = new ArrayList<>();
        for (String n : List.of("a", "b", "c", "d", "e")) all.add(u.image(n + ".img", 128 << 20));
    }

    String[] names() { return all.stream().map(Path::toString).toArray(String[]::new); }

    Ulvm.Result ok(String cmd, String... args) {
        Ulvm.Result r = u.on(all, cmd, args);
        assertEquals(0, r.rc(), "ulvm " + cmd + " " + String.join(" ", args) + "\n" + r);
        return r;
    }

    void real(String cmd, String... args) {
        RealLvm.Result r = RealLvm.run(all, cmd, args);
        assertEquals(0, r.rc(), "real " + cmd + " " + String.join(" ", args) + "\n" + r);
    }

    static final String[] LVS = {"lvs", "-a", "--noheadings", "--separator", "|", "-o", FIELDS};
    static final String[] ATTRS = {"lvs", "-a", "--noheadings", "--separator", "|", "-o", "lv_name,lv_attr"};

    /** Real vgck, lvs and lv_attr in one attach of the images; ulvm's reports must read the same. */
    void lvm2Agrees(String what) {
        List<RealLvm.Result> r = RealLvm.runAll(all, List.of(new String[] {"vgck", "vg"}, LVS, ATTRS));
        for (RealLvm.Result x : r) assertEquals(0, x.rc(), what + "\n" + x);
        assertEquals("", r.get(0).warnings(), what + ": real vgck warns");
        assertEquals(r.get(1).out(), u.on(all, LVS[0], Arrays.copyOfRange(LVS, 1, LVS.length)).out(), what + ": lvs (expected: real LVM2)");
        assertEquals(RaidLayoutsCheckedByLvm2Test.stateless(r.get(2).out()),
                RaidLayoutsCheckedByLvm2Test.stateless(u.on(all, ATTRS[0], Arrays.copyOfRange(ATTRS, 1, ATTRS.length)).out()),
                what + ": lv_attr (expected: real LVM2)");
    }

    void step(String cmd, String... args) {
        ok(cmd, args);
        lvm2Agrees("ulvm " + cmd + " " + String.join(" ", args));
    }

    /** Several ulvm commands, then real LVM2's judgement. */
    void steps(String[]... cmds) {
        List<String> what = new ArrayList<>();
        for (String[] c : cmds) {
            ok(c[0], Arrays.copyOfRange(c, 1, c.length));
            what.add("ulvm " + String.join(" ", c));
        }
        lvm2Agrees(String.join("; ", what));
    }

    static String[] c(String... cmd) { return cmd; }

    void ulvmVg() {
        ok("pvcreate", names());
        ok("vgcreate", concat("vg", names()));
    }

    @Test
    void everyLevelMadeByUlvmIsReadByLvm2() {
        ulvmVg();
        String c = all.get(2).toString(), d = all.get(3).toString(), e = all.get(4).toString();
        steps(c("lvcreate", "--type", "raid5", "-L", "10M", "-n", "r5", "vg"),
                c("lvcreate", "--type", "raid6", "-i", "3", "-I", "128k", "-l", "6", "-n", "r6", "vg"),
                c("lvcreate", "-i", "2", "-m", "1", "-l", "3", "-n", "r10", "vg"));
        steps(c("lvcreate", "--type", "raid0_meta", "-i", "3", "-l", "3", "-n", "r0m", "vg"),
                c("lvcreate", "--type", "raid4", "-i", "2", "-R", "1m", "-l", "2", "-n", "r4", "vg", c, d, e),
                c("lvcreate", "--type", "raid5_ra", "-i", "4", "-l", "4", "-n", "ra", "vg"),
                c("lvcreate", "--type", "raid6_n_6", "-l", "3", "-n", "n6", "vg"));
        steps(c("lvextend", "-l", "+1", "vg/r5"), c("lvreduce", "-y", "-l", "-3", "vg/r6"), c("lvextend", "-L", "+8m", "vg/r10"),
                c("lvrename", "vg", "ra", "r5ra"), c("lvremove", "-y", "vg/r0m"));
        RealLvm.Result real = RealLvm.run(all, "lvdisplay", "-a", "-m", "vg");
        assertEquals(0, real.rc(), real.toString());
        assertEquals(real.out(), ok("lvdisplay", "-a", "-m", "vg").out().replaceAll("  LV Status +NOT available\n", ""));
    }

    /** test/shell/lvconvert-striped-raid0.sh, lvconvert-raid-takeover.sh: the data images stay where they were. */
    @Test
    void takeoversReadByLvm2() {
        ulvmVg();
        String a = all.get(0).toString(), b = all.get(1).toString();
        steps(c("lvcreate", "-i", "3", "-l", "6", "-n", "s", "vg"), c("lvconvert", "-y", "--type", "raid0", "vg/s"),
                c("lvcreate", "-i", "2", "-l", "4", "-n", "f", "vg", a, b), c("lvconvert", "-y", "--type", "raid4", "vg/f"));
        steps(c("lvconvert", "-y", "--type", "raid0_meta", "vg/s"), c("lvconvert", "-y", "--type", "raid5_n", "vg/s"),
                c("lvcreate", "--type", "raid1", "-m", "1", "-l", "2", "-n", "m", "vg"), c("lvconvert", "-y", "--type", "raid5", "vg/m"));
        steps(c("lvconvert", "-y", "--type", "raid0", "vg/s"), c("lvconvert", "-y", "--type", "striped", "vg/s"),
                c("lvconvert", "-y", "--type", "striped", "vg/f"), c("lvconvert", "-y", "--type", "raid1", "vg/m"));
    }

    /**
     * test/shell/lvconvert-raid-takeover.sh: raid5 and raid6_ls_6 (the Q image added and removed at the end), raid10
     * from and to striped and raid0 (each data image's mirror beside it), raid6_n_6 to raid5_n to raid4 and back. 3 attaches.
     */
    @Test
    void raid6AndRaid10TakeoversReadByLvm2() {
        ulvmVg();
        String a = all.get(0).toString(), b = all.get(1).toString();
        steps(c("lvcreate", "--type", "raid5", "-i", "3", "-l", "3", "-n", "r5", "vg"), c("lvconvert", "-y", "--type", "raid6", "vg/r5"),
                c("lvcreate", "-i", "2", "-l", "4", "-n", "s", "vg", a, b), c("lvconvert", "-y", "--type", "raid10", "vg/s"),
                c("lvcreate", "--type", "raid6_n_6", "-i", "3", "-l", "3", "-n", "n", "vg"), c("lvconvert", "-y", "--type", "raid5_n", "vg/n"));
        steps(c("lvconvert", "-y", "--type", "raid5", "vg/r5"), c("lvconvert", "-y", "--type", "raid0", "vg/s"),
                c("lvconvert", "-y", "--type", "raid4", "vg/n"));
        steps(c("lvconvert", "-y", "--type", "raid10", "vg/s"), c("lvconvert", "-y", "--type", "striped", "vg/s"),
                c("lvconvert", "-y", "--type", "raid6_ls_6", "vg/r5"), c("lvconvert", "-y", "--type", "raid6_n_6", "vg/n"));
    }

    /** raid0 is the one level real LVM2 creates without device-mapper: on twin images both place it alike. */
    @Test
    void raid0CreatedAsLvm2CreatesIt() throws Exception {
        List<Path> twin = new ArrayList<>();
        for (String n : List.of("a", "b", "c", "d", "e")) twin.add(u.image("t" + n + ".img", 128 << 20));
        String[] tn = twin.stream().map(Path::toString).toArray(String[]::new);
        real("pvcreate", names());
        real("vgcreate", concat("vg", names()));
        ulvmOn(twin, "pvcreate", tn);
        ulvmOn(twin, "vgcreate", concat("vg", tn));
        List<String[]> cmds = List.of(c("-i", "3", "-L", "10M", "-n", "r0"), c("-i", "2", "-I", "256k", "-l", "5", "-n", "s"),
                c("--nosync", "-i", "2", "-l", "2", "-n", "n"), c("-l", "100%FREE", "-i", "3", "-n", "all"));
        for (String[] cmd : cmds) {
            String[] args = concat("-an", concat("-Zn", concat("-Wn", concat("--type", concat("raid0", concat("vg", cmd))))));
            real("lvcreate", args);
            ulvmOn(twin, "lvcreate", args);
        }
        String realLvs = RealLvm.run(all, LVS[0], Arrays.copyOfRange(LVS, 1, LVS.length)).out();
        String ulvmLvs = RealLvm.run(twin, LVS[0], Arrays.copyOfRange(LVS, 1, LVS.length)).out();
        assertEquals(realLvs, ulvmLvs.replace(dir + "/t", dir + "/"), "real LVM2's raid0 LVs (expected) and ulvm's, as real lvs reads them");
        assertEquals(realLvs, u.on(all, LVS[0], Arrays.copyOfRange(LVS, 1, LVS.length)).out(), "ulvm reads real LVM2's raid0 LVs");
    }

    void ulvmOn(List<Path> images, String cmd, String... args) {
        Ulvm.Result r = u.on(images, cmd, args);
        assertEquals(0, r.rc(), "ulvm " + cmd + " " + String.join(" ", args) + "\n" + r);
    }

    /**
     * lvcreate's refusals for the raid levels come before any activation, so real LVM2 gives them here: the same exit
     * code, stdout and refusal (test/shell/lvcreate-raid.sh, lvcreate-raid10.sh). One attach for all of them.
     */
    @Test
    void lvcreateRefusalsAsLvm2() {
        ulvmVg();
        List<String[]> cmds = List.of(c("lvcreate", "--type", "raid5", "-i", "1", "-l", "2", "vg"),
                c("lvcreate", "--type", "raid6", "-i", "2", "-l", "2", "vg"), c("lvcreate", "--type", "raid5", "-m", "1", "-l", "2", "vg"),
                c("lvcreate", "--type", "raid10", "-m", "2", "-l", "2", "vg"), c("lvcreate", "--type", "raid10", "-i", "1", "-l", "2", "vg"),
                c("lvcreate", "--type", "raid6", "--nosync", "-l", "3", "vg"), c("lvcreate", "--type", "raid5", "-I", "2k", "-l", "2", "vg"),
                c("lvcreate", "--type", "raid5", "-m", "0", "-l", "2", "vg"), c("lvcreate", "--type", "raid0", "-i", "7", "-l", "7", "vg"),
                c("lvcreate", "--type", "raid4", "-i", "65", "-l", "2", "vg"), c("lvcreate", "--type", "raid10", "-m", "0", "-l", "2", "vg"));
        List<RealLvm.Result> real = RealLvm.runAll(all, cmds);
        for (int i = 0; i < cmds.size(); i++) {
            String[] cmd = cmds.get(i);
            Ulvm.Result mine = u.on(all, cmd[0], Arrays.copyOfRange(cmd, 1, cmd.length));
            String what = String.join(" ", cmd) + "\nreal: " + real.get(i) + "\nulvm: " + mine;
            assertEquals(real.get(i).rc(), mine.rc(), what);
            assertEquals(real.get(i).out(), mine.out(), what);
            for (String line : mine.err().split("\n")) assertEquals(true, real.get(i).err().contains(line + "\n"), what);
        }
    }

    /**
     * raid0 as real LVM2's own lvcreate makes it, and the other levels as lib/raid/raid.c writes them, put in by real
     * vgcfgrestore: ulvm reports them as real LVM2 does, and what ulvm writes back real LVM2 reads.
     */
    @Test
    void layoutsLvm2WroteOpenInUlvm() throws Exception {
        real("pvcreate", names());
        real("vgcreate", concat("vg", names()));
        real("lvcreate", "-an", "-Zn", "-Wn", "--type", "raid0", "-i", "3", "-L", "10M", "-n", "r0", "vg");
        Path backup = dir.resolve("vg.txt");
        real("vgcfgbackup", "-f", backup.toString(), "vg");
        String text = Files.readString(backup);
        StringBuilder lvs = new StringBuilder();
        lvs.append(raidLv("r4", "raid4", 3, 2, 10, "region_size = 1024\nstripe_size = 128\n"));
        lvs.append(raidLv("r5", "raid5_ls", 3, 2, 13, "region_size = 4096\nstripe_size = 128\n"));
        lvs.append(raidLv("r6", "raid6_zr", 5, 2, 16, "region_size = 4096\nstripe_size = 256\n"));
        lvs.append(raidLv("r10", "raid10", 4, 2, 19, "data_copies = 2\nregion_size = 4096\nstripe_size = 128\n"));
        lvs.append(raidLv("m", "raid0_meta", 2, 2, 22, "stripe_size = 128\n"));
        text = text.replaceFirst("logical_volumes \\{\n", "logical_volumes {\n" + java.util.regex.Matcher.quoteReplacement(lvs.toString()));
        Files.writeString(backup, text);
        real("vgcfgrestore", "-f", backup.toString(), "vg");
        lvm2Agrees("real vgcfgrestore");
        RealLvm.Result real = RealLvm.run(all, "lvdisplay", "-a", "-m", "vg");
        assertEquals(real.out(), ok("lvdisplay", "-a", "-m", "vg").out().replaceAll("  LV Status +NOT available\n", ""));
        ok("vgck", "vg");
        steps(c("lvrename", "vg", "r5", "five"), c("lvextend", "-l", "+3", "vg/r6"));
    }

    /**
     * A raid LV as lib/raid/raid.c writes it: {@code n} images of {@code imageExt} extents, image i's rmeta at PE
     * {@code pe} of pv{@code i} and its rimage right after (raid0 has no rmeta; stripe_count instead of device_count).
     */
    static String raidLv(String name, String type, int n, int imageExt, int pe, String keys) {
        boolean raid0 = type.startsWith("raid0");
        int parity = type.startsWith("raid6") ? 2 : type.startsWith("raid5") || type.equals("raid4") ? 1 : 0;
        long ext = type.equals("raid10") ? (long) imageExt * n / 2 : (long) imageExt * (n - parity);
        StringBuilder t = new StringBuilder(name + " {\nid = \"" + id(name) + "\"\nstatus = [\"READ\", \"WRITE\", \"VISIBLE\"]\nflags = []\n"
                + "segment_count = 1\nsegment1 {\nstart_extent = 0\nextent_count = " + ext + "\ntype = \"" + type + "\"\n"
                + (raid0 ? "stripe_count = " : "device_count = ") + n + "\n" + keys + "raids = [");
        StringBuilder subs = new StringBuilder();
        for (int i = 0; i < n; i++) {
            t.append(i == 0 ? "" : ", ").append("\"" + name + "_rmeta_" + i + "\", \"" + name + "_rimage_" + i + "\"");
            subs.append(subLv(name + "_rmeta_" + i, 1, i, pe)).append(subLv(name + "_rimage_" + i, imageExt, i, pe + 1));
        }
        return t.append("]\n}\n}\n").append(subs).toString();
    }

    static String subLv(String name, int ext, int pv, int pe) {
        return name + " {\nid = \"" + id(name) + "\"\nstatus = [\"READ\", \"WRITE\"]\nflags = []\nsegment_count = 1\nsegment1 {\n"
                + "start_extent = 0\nextent_count = " + ext + "\ntype = \"striped\"\nstripe_count = 1\nstripes = [\"pv" + pv + "\", " + pe + "]\n}\n}\n";
    }

    /** A fixed LVM2-style id from a name. */
    static String id(String name) {
        String base = (name.replaceAll("[^A-Za-z0-9]", "") + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH").substring(0, 32);
        return base.substring(0, 6) + "-" + base.substring(6, 10) + "-" + base.substring(10, 14) + "-" + base.substring(14, 18) + "-"
                + base.substring(18, 22) + "-" + base.substring(22, 26) + "-" + base.substring(26, 32);
    }

    static String[] concat(String first, String... rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
