package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes (issue 13): percentages, rounding to stripes, stripe sizes and bad size arguments. Every step runs with real
 * LVM2 on one set of images and with ulvm on an identical set; both give the same exit code, the same messages and
 * afterwards the same LVs on the same extents. The steps come from LVM2's test/shell scripts named on each test.
 */
class SizesCheckedByLvm2Test {
    @TempDir Path dir;
    Ulvm u;
    final List<Path> real = new ArrayList<>(), mine = new ArrayList<>();

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    /** {@code n} PVs of {@code mib} MiB on each side, in VG vg made with {@code vgcreateOptions}. */
    void vg(int n, int mib, String... vgcreateOptions) throws Exception {
        u = Ulvm.inProcess(dir);
        for (int i = 0; i < n; i++) {
            real.add(u.image("real-" + i + ".img", (long) mib << 20));
            mine.add(u.image("ulvm-" + i + ".img", (long) mib << 20));
        }
        List<String> pvs = new ArrayList<>();
        for (int i = 0; i < n; i++) pvs.add("{" + i + "}");
        same(0, concat(new String[] {"pvcreate"}, pvs.toArray(new String[0])));
        List<String> vgc = new ArrayList<>(List.of("vgcreate"));
        vgc.addAll(List.of(vgcreateOptions));
        vgc.add("vg");
        vgc.addAll(pvs);
        same(0, vgc.toArray(new String[0]));
    }

    /**
     * Runs a step on both sides ({N} is image N of each side; lvcreate gets -an -Zn -Wn on LVM2's, which has no
     * device-mapper here) and expects exit code {@code rc} from both, the same stdout and the same stderr.
     */
    void same(int rc, String... step) {
        String[] r = SameAllocationTest.fill(step, real), m = SameAllocationTest.fill(step, mine);
        String[] rArgs = Arrays.copyOfRange(r, 1, r.length);
        if (r[0].equals("lvcreate") && !List.of(rArgs).contains("-s")) rArgs = concat(new String[] {"-an", "-Zn", "-Wn"}, rArgs);
        RealLvm.Result want = RealLvm.run(real, r[0], rArgs);
        Ulvm.Result got = u.on(mine, m[0], Arrays.copyOfRange(m, 1, m.length));
        String what = String.join(" ", step) + "\nreal: " + want + "\nulvm: " + got;
        assertEquals(rc, want.rc(), what);
        assertEquals(rc, got.rc(), what);
        if (step[0].equals("pvcreate")) return; // LVM2 names the loop devices, ulvm the images
        assertEquals(want.out(), ours(got.out()), what);
        assertEquals(want.warnings(), ours(got.err()), what);
    }

    /** Both sides hold the same LVs on the same extents. */
    void sameLayout(String after) {
        String fields = Checks.LVS_STRIPE_SIZE + ",lv_size";
        RealLvm.Result want = RealLvm.run(real, "lvs", "-a", "--noheadings", "--separator", "|", "-o", fields);
        Ulvm.Result got = u.on(mine, "lvs", "-a", "--noheadings", "--separator", "|", "-o", fields);
        assertEquals(want.out(), ours(got.out()), "after " + after);
        Checks.realVgckClean(mine, "vg", after);
    }

    private String ours(String s) { return s.replace("/ulvm-", "/real-"); }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** lvresize-rounding.sh: a percentage that cannot round up to whole stripes rounds down (119 free: 117). */
    @Test
    void stripedPercentageOfFreeRoundsDownToWholeStripes() throws Exception {
        vg(3, 22, "-s", "512K");
        same(0, "lvcreate", "-l4", "-i3", "vg");
        same(0, "lvcreate", "-l1", "vg");
        same(0, "lvcreate", "-l100%FREE", "-n", "lv1", "-i3", "vg");
        sameLayout("lvcreate -l100%FREE -i3");
        same(0, "lvremove", "-f", "vg/lv1");
        same(0, "lvcreate", "-l1", "-n", "lv1", "-i3", "vg");
        same(0, "lvextend", "-l+100%FREE", "-i3", "vg/lv1");
        sameLayout("lvextend -l+100%FREE -i3");
        same(0, "lvreduce", "-f", "-l50%LV", "vg/lv1");
        sameLayout("lvreduce -l50%LV");
    }

    /** lvcreate-raid.sh: on PVs with unequal free space 100%FREE takes what whole stripes can hold (60m, 96m). */
    @Test
    void stripedPercentageOfFreeTakesWhatFitsOnUnevenPvs() throws Exception {
        vg(6, 20, "-s", "512k");
        same(0, "lvcreate", "-l", "18", "-n", "eat_space", "vg", "{0}");
        same(0, "lvcreate", "-i", "6", "-l", "100%FREE", "-n", "stripe", "vg");
        sameLayout("lvcreate -i6 -l100%FREE");
        same(0, "lvremove", "-f", "vg/stripe");
        same(0, "lvcreate", "-i", "2", "-l", "100%FREE", "-n", "stripe", "vg");
        sameLayout("lvcreate -i2 -l100%FREE");
    }

    /** lvextend-percent-extents.sh: PVs and no size extend onto all their free space; %PVS counts free extents. */
    @Test
    void percentageOfPvsIsOfTheirFreeExtents() throws Exception {
        vg(2, 128);
        same(0, "lvcreate", "-L64", "-n", "lv", "vg");
        same(0, "lvextend", "vg/lv", "{0}");
        sameLayout("lvextend vg/lv PV");
        same(0, "lvremove", "-f", "vg/lv");
        same(0, "lvcreate", "-L", "64m", "-n", "lv", "vg");
        same(0, "lvextend", "-l", "+100%PVS", "vg/lv", "{0}", "{1}");
        sameLayout("lvextend -l +100%PVS PV PV");
        same(0, "lvremove", "-f", "vg/lv");
        same(0, "lvcreate", "-l", "12", "-n", "lv", "vg", "{0}:0-1", "{0}:4-5", "{0}:8-9", "{0}:12-13", "{0}:16-17", "{0}:20-21");
        same(0, "lvextend", "-l", "+100%PVS", "vg/lv", "{0}:0-2", "{0}:6-8", "{0}:12-14", "{0}:18-20");
        sameLayout("lvextend -l +100%PVS with PE ranges");
    }

    /** lvresize-usage.sh: a stripe size above the extent size is reduced to it on resize; bad ones are refused. */
    @Test
    void stripeSizeOnResize() throws Exception {
        vg(2, 80, "-s", "512K");
        same(0, "lvcreate", "-L", "64M", "-n", "lv", "-i2", "vg");
        same(0, "lvextend", "-L+64m", "-i", "2", "-I1048576B", "vg/lv");
        same(5, "lvextend", "-L+8m", "-i", "2", "-I2t", "vg/lv");
        same(5, "lvextend", "-L+8m", "-i", "2", "-I3k", "vg/lv");
        same(3, "lvextend", "-L+8m", "-i", "2", "-I-4", "vg/lv");
        same(5, "lvextend", "-L+8m", "vg/lv");
        same(0, "lvextend", "-L+8m", "-I", "64k", "vg/lv");
        sameLayout("lvextend with other stripe sizes");
    }

    /** lvcreate-usage.sh, snapshot-usage.sh: LVM2's words and exit codes for bad sizes, stripes and types. */
    @Test
    void badSizeArgumentsAreRefusedInLvm2sWords() throws Exception {
        vg(4, 64);
        for (String[] bad : List.of(
                new String[] {"--type", "free", "-l1"}, new String[] {"-L10000000000000000000"}, new String[] {"-L+-10"},
                new String[] {"-L-.1"}, new String[] {"-L..1"}, new String[] {"-L", "1x"}, new String[] {"-L", "1000b"},
                new String[] {"-L", "0.0001"}, new String[] {"-l-4"}, new String[] {"-l", "5000000000%VG"}, new String[] {"-l", "10%X"},
                new String[] {"-L", "64m", "-i2", "--stripesize", "-4"}, new String[] {"-L", "64m", "-i2", "--stripesize", "4294967291"},
                new String[] {"-L", "64m", "-i2", "--stripesize", "3"}, new String[] {"-L", "64m", "-i129"},
                new String[] {"-i0", "-l3"}, new String[] {"-i-2", "-l3"}))
            same(3, concat(concat(new String[] {"lvcreate"}, bad), new String[] {"-n", "bad", "vg"}));
        same(5, "lvcreate", "-l", "10%LV", "-n", "bad", "vg");
        same(0, "lvcreate", "-L", "64m", "-n", "lv", "-i1", "--stripesize", "4", "vg");
        same(5, "lvcreate", "-s", "-l", "100%LV", "-n", "snap", "vg/lv");
        same(3, "lvextend", "-l-4", "vg/lv");
        same(3, "lvreduce", "-l+4", "vg/lv");
        same(3, "lvextend", "-l+0", "vg/lv");
        same(0, "lvextend", "-l", "+50%LV", "vg/lv");
        same(0, "lvreduce", "-f", "-l", "-25%LV", "vg/lv");
        same(0, "lvresize", "-l", "150%LV", "vg/lv");
        same(0, "lvcreate", "-L", "0x10", "-n", "hex", "vg");
        sameLayout("sizes as percentages of the LV");
    }

    /** vgreduce-usage.sh: vgreduce --all removes every unused PV but the last, and fails on that one. */
    @Test
    void vgreduceAllKeepsTheFinalPv() throws Exception {
        vg(3, 64);
        same(0, "lvcreate", "-l", "2", "-n", "lv", "vg", "{2}");
        same(5, "vgreduce", "--all", "vg");
        same(5, "vgreduce", "--all", "vg");
        same(0, "lvremove", "-f", "vg/lv");
        same(5, "vgreduce", "--all", "vg");
        Checks.samePvs(u, mine, "vgreduce --all");
    }
}
