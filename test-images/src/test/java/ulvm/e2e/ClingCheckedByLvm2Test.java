package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * allocation/maximise_cling and allocation/cling_tag_list (PVs tagged with pvchange --addtag, as test/shell/
 * lvcreate-pvtags.sh does): ulvm lays out two LVs, the images are copied, then ulvm on its copy and real LVM2 2.03.16
 * on the twin run the same lvextends with the same --config; each step gives the same exit code and error, and the
 * LVs end with the same segments; a new striped LV's stripes avoid PVs with a listed tag in common, and the images
 * of a raid1 extend onto PVs of their own sites' tags, and pvmove avoids PVs sharing a tag with the source, as LVM2's.
 */
class ClingCheckedByLvm2Test {
    @TempDir Path dir;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @Test
    void extensionsClingAsLvm2() throws Exception {
        Ulvm u = Ulvm.inProcess(dir);
        Path f1 = u.image("f1.img", 64 << 20), f2 = u.image("f2.img", 64 << 20), f3 = u.image("f3.img", 64 << 20);
        ok(u.run("pvcreate", f1.toString(), f2.toString(), f3.toString()));
        ok(u.run("vgcreate", "vc", f1.toString(), f2.toString(), f3.toString()));
        ok(u.run("pvchange", "--addtag", "A", f1.toString(), f3.toString()));
        ok(u.run("lvcreate", "-an", "-Zn", "-l", "4", "-n", "b", "vc", f3.toString()));
        ok(u.run("lvextend", "-l", "+11", "vc/b", f1.toString()));
        ok(u.run("lvcreate", "-an", "-Zn", "-l", "4", "-n", "a", "vc", f1.toString()));
        // a second VG for a new striped LV: g1 and g2 share tag A
        Path g1 = u.image("g1.img", 16 << 20), g2 = u.image("g2.img", 16 << 20), g3 = u.image("g3.img", 16 << 20), g4 = u.image("g4.img", 16 << 20);
        ok(u.run("pvcreate", g1.toString(), g2.toString(), g3.toString(), g4.toString()));
        ok(u.run("vgcreate", "vs", g1.toString(), g2.toString(), g3.toString(), g4.toString()));
        ok(u.run("pvchange", "--addtag", "A", g1.toString(), g2.toString()));
        // a third for a raid1 of two sites: tags A (h1, h4) and B (h2, h3); its PVs h1 and h2 are full
        Path h1 = u.image("h1.img", 32 << 20), h2 = u.image("h2.img", 32 << 20), h3 = u.image("h3.img", 32 << 20), h4 = u.image("h4.img", 32 << 20);
        ok(u.run("pvcreate", h1.toString(), h2.toString(), h3.toString(), h4.toString()));
        ok(u.run("vgcreate", "vr", h1.toString(), h2.toString(), h3.toString(), h4.toString()));
        ok(u.run("pvchange", "--addtag", "A", h1.toString(), h4.toString()));
        ok(u.run("pvchange", "--addtag", "B", h2.toString(), h3.toString()));
        ok(u.run("lvcreate", "-an", "-Zn", "--type", "raid1", "-m1", "-l", "2", "-n", "r", "vr", h1.toString(), h2.toString()));
        ok(u.run("lvcreate", "-an", "-Zn", "-l", "4", "-n", "x", "vr", h1.toString()));
        ok(u.run("lvcreate", "-an", "-Zn", "-l", "4", "-n", "y", "vr", h2.toString()));
        Path twin = Files.createDirectories(dir.resolve("twin"));
        List<Path> real = new ArrayList<>(), realS = new ArrayList<>(), realR = new ArrayList<>();
        for (Path h : List.of(h1, h2, h3, h4)) realR.add(Files.copy(h, twin.resolve(h.getFileName())));
        // each image of the raid1 extends onto a free PV of its own site: h4 for image 0, h3 for image 1
        String sites = "allocation{cling_tag_list=[\"@A\",\"@B\"]}";
        RealLvm.Result rr = RealLvm.runConfigured(realR, RealLvm.CONFIG + " " + sites, "lvextend", "-l", "+1", "vr/r");
        assertEquals(0, rr.rc(), rr.toString());
        ok(u.run("lvextend", "--config", sites, "-l", "+1", "vr/r"));
        for (Path f : List.of(f1, f2, f3)) real.add(Files.copy(f, twin.resolve(f.getFileName())));
        for (Path g : List.of(g1, g2, g3, g4)) realS.add(Files.copy(g, twin.resolve(g.getFileName())));
        // the stripes of a new LV go to PVs without a listed tag in common: g1 and g3
        String tagA = "allocation{cling_tag_list=[\"@A\"]}";
        String[] create = {"-an", "-Zn", "-i2", "-l", "2", "-n", "s", "vs"};
        RealLvm.Result rc = RealLvm.runConfigured(realS, RealLvm.CONFIG + " " + tagA, "lvcreate", create);
        assertEquals(0, rc.rc(), rc.toString());
        ok(u.run(prepend("lvcreate", List.of("--config", tagA, "-an", "-Zn", "-i2", "-l", "2", "-n", "s", "vs"))));
        String[][] steps = {
            // maximise_cling=0: b clings to its last segment's PV only (f1, full), then normal allocation: f2 (with 1: f3)
            {"allocation{maximise_cling=0}", "-l", "+2", "vc/b"},
            // a on f1 (full): f3 shares tag A, before f2 in PV order
            {"allocation{cling_tag_list=[\"@A\"]}", "-l", "+2", "vc/a"},
            // --alloc cling: contiguous space on f3, then no PV with tag B: refused
            {"allocation{cling_tag_list=[\"@B\"]}", "--alloc", "cling", "-l", "+20", "vc/a"}};
        for (String[] s : steps) {
            List<String> args = new ArrayList<>(List.of("--config", s[0]));
            args.addAll(List.of(s).subList(1, s.length));
            RealLvm.Result r = RealLvm.runConfigured(real, RealLvm.CONFIG + " " + s[0], "lvextend", List.of(s).subList(1, s.length).toArray(String[]::new));
            Ulvm.Result m = u.run(prepend("lvextend", args));
            assertEquals(r.rc(), m.rc(), String.join(" ", s) + "\nreal: " + r + "\nulvm: " + m);
            if (r.rc() != 0) assertEquals(r.warnings().replace(twin.toString(), dir.toString()), m.err());
        }
        List<Path> all = new ArrayList<>(real);
        all.addAll(realS);
        all.addAll(realR);
        RealLvm.Result lvs = RealLvm.run(all, "lvs", "-a", "--noheadings", "-o", "vg_name,lv_name,seg_pe_ranges");
        // real LVM2 sized its columns for /dev/loopN: compare the fields
        assertEquals(fields(lvs.out().replace(twin.toString(), dir.toString())), fields(u.run("lvs", "-a", "--noheadings", "-o", "vg_name,lv_name,seg_pe_ranges").out()));
        // pvmove of g1: not onto g3 (the other stripe) nor g2 (tag A like g1): g4. Real LVM2 (activation off) sets up
        // pvmove0 and stops; ulvm moves
        RealLvm.Result mv = RealLvm.runConfigured(realS, RealLvm.CONFIG + " " + tagA, "pvmove", "-i", "0", realS.get(0).toString());
        assertEquals(0, mv.rc(), mv.toString());
        String moving = RealLvm.run(realS, "lvs", "-a", "--noheadings", "-o", "seg_pe_ranges", "vs/pvmove0").out().trim();
        assertEquals(realS.get(0) + ":0-0 " + realS.get(3) + ":0-0", moving);
        ok(u.run("pvmove", "--config", tagA, g1.toString()));
        assertEquals(g4 + ":0-0 " + g3 + ":0-0", u.run("lvs", "--noheadings", "-o", "seg_pe_ranges", "vs/s").out().trim());
    }

    private static String fields(String report) { return report.replaceAll(" +", " ").replace(" \n", "\n"); }

    private static String[] prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>(List.of(first));
        out.addAll(rest);
        return out.toArray(String[]::new);
    }

    private static void ok(Ulvm.Result r) { assertEquals(0, r.rc(), r.toString()); }
}
