package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvscan, vgscan, pvscan, lvmdiskscan and the display commands' -c, -s and -C forms print what real LVM2 2.03.16
 * prints on the same images (issue 19 parts 2 and 4).
 * Real LVM2 sees loop devices, mapped back to the image paths: pvscan's and lvmdiskscan's padding follows the name
 * lengths, so runs of spaces are compared as one; lvmdiskscan counts /dev/loopN as a partition (its name ends in a
 * digit) and an image file as a whole disk, so its count lines are left out.
 */
class ScansCheckedByLvm2Test {
    @TempDir Path dir;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @Test
    void scansPrintWhatLvm2Prints() throws Exception {
        Ulvm u = Ulvm.inProcess(dir);
        Path a = u.image("a.img", 128 << 20), b = u.image("b.img", 128 << 20), c = u.image("c.img", 100 << 20), d = u.image("d.img", 64 << 20);
        List<Path> all = List.of(a, b, c, d);
        ok(u.on(all, "pvcreate", a.toString(), b.toString(), c.toString(), d.toString()));
        ok(u.on(all, "vgcreate", "vg", a.toString(), b.toString()));
        ok(u.on(all, "vgcreate", "-s", "1m", "othervg", d.toString()));
        ok(u.on(all, "lvcreate", "-L", "8m", "-n", "lv", "vg"));
        ok(u.on(all, "lvcreate", "-s", "-L", "4m", "-n", "snap", "vg/lv"));
        ok(u.on(all, "lvcreate", "--type", "raid1", "-m1", "-L", "8m", "-n", "r", "vg"));
        ok(u.on(all, "lvcreate", "-L", "3m", "--alloc", "contiguous", "-n", "cont", "othervg"));
        same(u, all, false, "lvscan");
        same(u, all, false, "lvscan", "-a");
        RealLvm.Result refused = RealLvm.run(all, "lvscan", "vg"); // lvscan takes no argument
        Ulvm.Result mine0 = u.on(all, "lvscan", "vg");
        assertEquals(refused.rc(), mine0.rc(), mine0.toString());
        assertEquals(refused.warnings(), mine0.err());
        same(u, all, false, "vgscan");
        same(u, all, true, "pvscan");
        same(u, all, true, "pvscan", "-s");
        same(u, all, true, "pvscan", "-u");
        same(u, all, true, "pvscan", "-n");
        // the display commands' other forms: -c (colons), pvdisplay -s, -C (the report)
        same(u, all, true, "pvdisplay", "-c");
        same(u, all, true, "pvdisplay", "-s");
        same(u, all, true, "lvdisplay", "-c");
        same(u, all, true, "lvdisplay", "-c", "-a");
        same(u, all, true, "vgdisplay", "-c");
        same(u, all, false, "vgdisplay", "-C");
        same(u, all, true, "pvdisplay", "-C");
        ok(u.on(all, "vgexport", "othervg"));
        same(u, all, false, "vgscan");
        same(u, all, true, "pvscan");
        same(u, all, true, "pvscan", "-e");
        RealLvm.Result real = RealLvm.run(all, "lvmdiskscan");
        Ulvm.Result mine = u.on(all, "lvmdiskscan");
        assertEquals(0, mine.rc(), mine.toString());
        assertEquals(devices(real.out()), devices(mine.out()), "lvmdiskscan (expected: real LVM2, actual: ulvm)");
        // the incompatible pair, refused as a bad command line
        real = RealLvm.run(all, "pvscan", "-e", "-n");
        mine = u.on(all, "pvscan", "-e", "-n");
        assertEquals(real.rc(), mine.rc(), mine.toString());
        assertEquals(real.warnings().lines().findFirst().orElse("?"), mine.err().lines().findFirst().orElse(""));
    }

    private static void ok(Ulvm.Result r) { assertEquals(0, r.rc(), r.toString()); }

    /** Output and exit code equal; with {@code pad}, rows compared as a set with runs of spaces as one. */
    private static void same(Ulvm u, List<Path> all, boolean pad, String cmd, String... args) {
        RealLvm.Result real = RealLvm.run(all, cmd, args);
        Ulvm.Result mine = u.on(all, cmd, args);
        String what = cmd + " " + String.join(" ", args) + " (expected: real LVM2, actual: ulvm)";
        assertEquals(real.rc(), mine.rc(), what + "\n" + real + "\n" + mine);
        assertEquals(pad ? norm(real.out()) : real.out(), pad ? norm(mine.out()) : mine.out(), what);
        assertEquals(real.warnings(), mine.err().replace("  WARNING: This metadata update is NOT backed up.\n", ""), what + " stderr");
    }

    private static String norm(String out) {
        return String.join("\n", out.lines().map(l -> l.replaceAll(" +", " ")).sorted().toList());
    }

    private static String devices(String out) {
        return norm(String.join("\n", out.lines().filter(l -> l.contains("[")).toList()));
    }
}
