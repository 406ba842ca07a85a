package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;

/** Assertions that put real LVM2 and ulvm side by side on the same image files. */
final class Checks {
    static final String LVS = "lv_name,seg_start_pe,seg_size_pe,devices,segtype,stripes";
    static final String LVS_STRIPE_SIZE = LVS + ",stripe_size";
    static final String PVS = "pv_name,vg_name,pv_attr,pv_size,pv_free,pv_pe_count,pv_pe_alloc_count";
    static final String VGS = "vg_name,pv_count,lv_count,vg_attr,vg_size,vg_free,vg_extent_size,seqno";

    private Checks() {}

    /** Real and ulvm {@code lvs -a --noheadings --separator '|' -o FIELDS} print the same. */
    static void sameLvs(Ulvm u, List<Path> images, String fields, String step) {
        same(u, images, step, "lvs", "-a", "--noheadings", "--separator", "|", "-o", fields);
    }

    static void samePvs(Ulvm u, List<Path> images, String step) {
        same(u, images, step, "pvs", "--noheadings", "--separator", "|", "-o", PVS);
    }

    static void sameVgs(Ulvm u, List<Path> images, String step) {
        same(u, images, step, "vgs", "--noheadings", "--separator", "|", "-o", VGS);
    }

    /** All three reports (lvs with stripe_size as well). */
    static void sameReports(Ulvm u, List<Path> images, String step) {
        sameLvs(u, images, LVS_STRIPE_SIZE, step);
        samePvs(u, images, step);
        sameVgs(u, images, step);
    }

    static void same(Ulvm u, List<Path> images, String step, String cmd, String... args) {
        RealLvm.Result real = RealLvm.run(images, cmd, args);
        assertEquals(0, real.rc(), step + ": real " + cmd + "\n" + real);
        assertEquals("", real.warnings(), step + ": real " + cmd + " warns\n" + real);
        if (!cmd.equals("lvs")) assertFalse(real.out().isBlank(), step + ": real " + cmd + " saw nothing\n" + real);
        Ulvm.Result mine = u.on(images, cmd, args);
        assertEquals(0, mine.rc(), step + ": ulvm " + cmd + "\n" + mine);
        // real pvs sorts by device name (/dev/loopN, numbered by whoever attached first): compare pvs rows as a set
        String want = cmd.equals("pvs") ? sorted(real.out()) : real.out();
        String got = cmd.equals("pvs") ? sorted(mine.out()) : mine.out();
        assertEquals(want, got, step + ": " + cmd + " -o " + args[args.length - 1] + " differs (expected: real LVM2, actual: ulvm)");
    }

    private static String sorted(String out) {
        return String.join("\n", out.lines().sorted().toList());
    }

    /** Real {@code vgck VG}: exit 0, nothing on stderr but the activation/backup noise. */
    static void realVgckClean(List<Path> images, String vg, String step) {
        RealLvm.Result r = RealLvm.run(images, "vgck", vg);
        assertEquals(0, r.rc(), step + ": real vgck " + vg + "\n" + r);
        assertEquals("", r.warnings(), step + ": real vgck " + vg + " warns\n" + r);
    }

    /** Real {@code pvck --dump headers IMG} finds no bad CRC or field on any image. */
    static void realHeadersClean(List<Path> images, String step) {
        for (Path p : images) {
            RealLvm.Result r = RealLvm.pvckHeaders(p);
            assertEquals(0, r.rc(), step + ": real pvck --dump headers " + p + "\n" + r);
            assertFalse((r.out() + r.err()).contains("CHECK:"), step + ": real pvck --dump headers " + p + "\n" + r);
        }
    }

    /** vgck, pvck and the three reports. */
    static void lvm2Agrees(Ulvm u, List<Path> images, String vg, String step) {
        realVgckClean(images, vg, step);
        realHeadersClean(images, step);
        sameReports(u, images, step);
    }
}
