package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Lv;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;
import ulvm.store.Scan;

/**
 * Size arguments, percentages and rounding to stripes, with the results and words real LVM2 2.03.16 gives for the
 * same commands (SizesCheckedByLvm2Test runs them side by side). From LVM2's test/shell: lvcreate-usage.sh,
 * lvresize-rounding.sh, lvcreate-raid.sh, lvextend-percent-extents.sh, lvresize-usage.sh, vgreduce-usage.sh.
 */
class SizesTest {
    @TempDir Path dir;
    Harness h;
    Path[] pvs;

    void vg(int n, int mib, String... vgcreateOptions) throws Exception {
        h = new Harness(dir);
        pvs = new Path[n];
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            pvs[i] = h.image("p" + i + ".img", (long) mib << 20);
            names[i] = pvs[i].toString();
        }
        Harness.ok(h.run(concat(new String[] {"pvcreate"}, names)));
        Harness.ok(h.run(concat(concat(concat(new String[] {"vgcreate"}, vgcreateOptions), new String[] {"vg"}), names)));
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    Harness.Result ok(String... args) {
        Harness.Result r = h.run(args);
        Harness.ok(r);
        return r;
    }

    Vg vg() {
        try (Scan s = h.scan(pvs)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    long free() {
        Vg vg = vg();
        long used = 0;
        for (Lv l : vg.lvs()) used += l.extents();
        return vg.totalExtents() - used;
    }

    @Test
    void badSizeArgumentsInLvm2sWords() throws Exception {
        vg(3, 64);
        String parsing = "Error during parsing of command line.";
        h.refused(3, "Invalid argument for --type: free\n  " + parsing, "lvcreate", "--type", "free", "-l1", "-n", "x", "vg");
        h.refused(3, "Size is too big (>=16EiB).\n  Invalid argument for --size: 10000000000000000000\n  " + parsing,
                "lvcreate", "-L10000000000000000000", "-n", "x", "vg");
        h.refused(3, "Multiple sign symbols detected.", "lvcreate", "-L+-10", "-n", "x", "vg");
        h.refused(3, "Size may not be negative.", "lvcreate", "-L-.1", "-n", "x", "vg");
        h.refused(3, "Can't parse size argument at '.'.", "lvcreate", "-L..1", "-n", "x", "vg");
        h.refused(3, "Can't parse size argument.\n", "lvcreate", "-L", "1x", "-n", "x", "vg");
        h.refused(3, "Size is not a multiple of 512. Try using 512 or 1024.", "lvcreate", "-L", "1000b", "-n", "x", "vg");
        h.refused(3, "--size may not be zero.", "lvcreate", "-L", "0.0001", "-n", "x", "vg");
        h.refused(3, "Extents may not be negative.\n  Invalid argument for --extents: -4", "lvcreate", "-l-4", "-n", "x", "vg");
        h.refused(3, "Specified %X is unknown.", "lvcreate", "-l", "10%X", "-n", "x", "vg");
        h.refused(3, "Percentage is too big (>=-1%).", "lvcreate", "-l", "5000000000%VG", "-n", "x", "vg");
        h.refused(3, "Size may not be negative.\n  Invalid argument for --stripesize: -4", "lvcreate", "-L", "64m", "-i2", "--stripesize", "-4", "-n", "x", "vg");
        h.refused(3, "Stripe size cannot be larger than 512.00 GiB.", "lvcreate", "-L", "64m", "-i2", "--stripesize", "4294967291", "-n", "x", "vg");
        h.refused(3, "Number of stripes (129) must be between 1 and 128.", "lvcreate", "-L", "64m", "-i129", "-n", "x", "vg");
        h.refused(3, "--stripes may not be zero.", "lvcreate", "-i0", "-l3", "-n", "x", "vg");
        h.refused(3, "Invalid argument for --stripes: -2", "lvcreate", "-i-2", "-l3", "-n", "x", "vg");
        h.refused(5, "Please express size as %FREE, %PVS or %VG.", "lvcreate", "-l", "10%LV", "-n", "x", "vg");
        Harness.Result r = h.run("lvcreate", "-L", "..1", "-n", "x", "vg");
        assertTrue(!r.err().contains("--help"), "LVM2 points to no help after a bad option value\n" + r);
        r = ok("lvcreate", "-L", "64m", "-n", "lv", "-i1", "--stripesize", "4", "vg");
        assertEquals("  Ignoring stripesize argument with single stripe.\n  Logical volume \"lv\" created.\n", r.out());
        h.refused(5, "Please express size as %FREE, %ORIGIN, %PVS or %VG.", "lvcreate", "-s", "-l", "100%LV", "-n", "snap", "vg/lv");
        h.refused(3, "Extents may not be negative.", "lvextend", "-l-4", "vg/lv");
        h.refused(3, "Extents may not be positive.", "lvreduce", "-l+4", "vg/lv");
        h.refused(3, "--extents may not be zero.", "lvextend", "-l+0", "vg/lv");
        h.refused(3, "--stripesize may not be zero.", "lvextend", "-I", "0", "-l+1", "vg/lv");
        // a percentage of the LV: rounded up, except when reducing by it
        ok("lvextend", "-l", "+50%LV", "vg/lv");
        assertEquals(24, vg().lv("lv").get().extents());
        ok("lvreduce", "-f", "-l", "-25%LV", "vg/lv");
        assertEquals(18, vg().lv("lv").get().extents());
        ok("lvresize", "-l", "150%LV", "vg/lv");
        assertEquals(27, vg().lv("lv").get().extents());
        ok("lvcreate", "-L", "0x10", "-n", "hex", "vg");
        assertEquals(4, vg().lv("hex").get().extents(), "strtod reads hexadecimal");
    }

    /** lvresize-rounding.sh. */
    @Test
    void aPercentageRoundsDownToWholeStripesWhenUpWouldNotFit() throws Exception {
        vg(3, 22, "-s", "512K");
        ok("lvcreate", "-l4", "-i3", "vg");
        ok("lvcreate", "-l1", "vg");
        assertEquals(119, free());
        Harness.Result r = ok("lvcreate", "-l100%FREE", "-n", "lv1", "-i3", "vg");
        assertTrue(r.out().contains("  Rounding size (119 extents) down to stripe boundary size (117 extents)\n"), r.out());
        assertEquals(2, free());
        ok("lvremove", "-f", "vg/lv1");
        ok("lvcreate", "-l1", "-n", "lv1", "-i3", "vg");
        r = ok("lvextend", "-l+100%FREE", "-i3", "vg/lv1");
        assertEquals("  Using stripesize of last segment 64.00 KiB\n"
                + "  Rounding size (119 extents) down to stripe boundary size for segment (117 extents)\n"
                + "  Size of logical volume vg/lv1 changed from 1.50 MiB (3 extents) to 58.50 MiB (117 extents).\n"
                + "  Logical volume vg/lv1 successfully resized.\n", r.out());
        assertEquals(2, free());
    }

    /** lvcreate-raid.sh: 100%FREE over PVs with unequal free space takes what whole stripes hold. */
    @Test
    void aPercentageTakesWhatFitsOnUnevenPvs() throws Exception {
        vg(6, 20, "-s", "512k");
        ok("lvcreate", "-l", "18", "-n", "eat_space", "vg", pvs[0].toString());
        ok("lvcreate", "-i", "6", "-l", "100%FREE", "-n", "stripe", "vg");
        assertEquals(120, vg().lv("stripe").get().extents(), "60.00m");
        ok("lvremove", "-f", "vg/stripe");
        ok("lvcreate", "-i", "2", "-l", "100%FREE", "-n", "stripe", "vg");
        assertEquals(192, vg().lv("stripe").get().extents(), "96.00m");
    }

    /** lvextend-percent-extents.sh. */
    @Test
    void pvsWithoutASizeAndPercentOfPvsMeanTheirFreeExtents() throws Exception {
        vg(2, 128);
        ok("lvcreate", "-L64", "-n", "lv", "vg");
        Harness.Result r = ok("lvextend", "vg/lv", pvs[0].toString());
        assertTrue(r.out().contains("Logical volume vg/lv successfully resized."), r.out());
        assertEquals(31, vg().lv("lv").get().extents());
        ok("lvremove", "-f", "vg/lv");
        ok("lvcreate", "-L", "64m", "-n", "lv", "vg");
        ok("lvextend", "-l", "+100%PVS", "vg/lv", pvs[0].toString(), pvs[1].toString());
        assertEquals(0, free());
        ok("lvremove", "-f", "vg/lv");
        String p = pvs[0].toString();
        ok("lvcreate", "-l", "12", "-n", "lv", "vg", p + ":0-1", p + ":4-5", p + ":8-9", p + ":12-13", p + ":16-17", p + ":20-21");
        ok("lvextend", "-l", "+100%PVS", "vg/lv", p + ":0-2", p + ":6-8", p + ":12-14", p + ":18-20");
        assertEquals(18, vg().lv("lv").get().extents(), "72.00m: the free extents of the ranges");
    }

    /** lvresize-usage.sh. */
    @Test
    void aStripeSizeAboveTheExtentSizeIsReducedOnResize() throws Exception {
        vg(2, 80, "-s", "512K");
        ok("lvcreate", "-L", "64M", "-n", "lv", "-i2", "vg");
        Harness.Result r = ok("lvextend", "-L+64m", "-i", "2", "-I1048576B", "vg/lv");
        assertTrue(r.out().startsWith("  Reducing stripe size 1.00 MiB to maximum, physical extent size 512.00 KiB.\n"), r.out());
        StripedSegment added = (StripedSegment) vg().lv("lv").get().segments().get(1);
        assertEquals(1024, added.stripeSize(), "512 KiB in sectors");
        h.refused(5, "Stripe size must be power of 2.", "lvextend", "-L+8m", "-i", "2", "-I3k", "vg/lv");
        h.refused(5, "Stripe size cannot be larger than 512.00 GiB.", "lvextend", "-L+8m", "-i", "2", "-I2t", "vg/lv");
        h.refused(5, "Please specify number of stripes (-i) and stripesize (-I)", "lvextend", "-L+8m", "vg/lv");
    }

    /** vgreduce-usage.sh. */
    @Test
    void vgreduceAllFailsOnTheFinalPv() throws Exception {
        vg(2, 64);
        Harness.Result r = h.run("vgreduce", "--all", "vg");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Removed \"" + pvs[0] + "\" from volume group \"vg\"\n", r.out());
        assertTrue(r.err().contains("Can't remove final physical volume \"" + pvs[1] + "\" from volume group \"vg\""), r.toString());
        assertEquals(1, vg().pvs().size());
    }
}
