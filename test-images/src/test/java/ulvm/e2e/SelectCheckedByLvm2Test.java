package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tags and -S/--select against real LVM2 on twin images (issue 19 part 2). The VGs, PVs and LVs and their tags are
 * those of LVM2's test/shell/select-report.sh (without --vgmetadatacopies, --readahead and --minor, which ulvm lacks),
 * made by ulvm; each selection runs as {@code lvs|vgs|pvs --noheadings -o NAME --select EXPR} on both sets, batched
 * in one real LVM2 run. Exit code, stdout and the error lines after LVM2's help text must be the same. Regular
 * expressions on string lists (select-report.sh's tags=~[...]) are refused by 2.03.16, and so by ulvm.
 */
class SelectCheckedByLvm2Test {
    @TempDir Path dir;
    Ulvm u;
    List<Path> ours = new ArrayList<>(), twins = new ArrayList<>();

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void setUp() throws Exception {
        u = Ulvm.inProcess(dir.resolve("u"));
        Files.createDirectories(dir.resolve("u"));
        for (int i = 1; i <= 7; i++) ours.add(u.image("dev" + i + ".img", 32 << 20)); // dev7: an orphan PV
        String[] d = ours.stream().map(Path::toString).toArray(String[]::new);
        ok("pvcreate", d);
        ok("vgcreate", "vg1", "--addtag", "vg_tag3", "--addtag", "vg_tag2", "-s", "4m", d[0], d[1], d[2]);
        ok("vgcreate", "vg2", "--addtag", "vg_tag2", "-s", "4m", d[3], d[4]);
        ok("vgcreate", "vg3", "--addtag", "vg_tag1", "-s", "4m", d[5]);
        ok("pvchange", "--addtag", "pv_tag3", "--addtag", "pv_tag1", "--addtag", "pv_tag2", d[0]);
        ok("pvchange", "--addtag", "pv_tag1", "--addtag", "pv_tag4", d[5]);
        ok("lvcreate", "--addtag", "lv_tag2.-+/=!:&#", "--addtag", "lv_tag1", "-L8m", "-n", "vol1", "vg1");
        ok("lvcreate", "--addtag", "lv_tag1", "-L4m", "-n", "vol2", "vg1");
        ok("lvcreate", "--addtag", "lv_tag1", "-L16m", "-n", "abc", "vg2");
        ok("lvcreate", "-L4m", "-n", "xyz", "vg3");
        ok("lvcreate", "-L4m", "-n", "orig", "vg3");
        ok("lvcreate", "-L4m", "-s", "vg3/orig", "-n", "snap");
        Path t = Files.createDirectories(dir.resolve("t"));
        for (Path p : ours) twins.add(Files.copy(p, t.resolve(p.getFileName())));
    }

    private void ok(String cmd, String... args) {
        Ulvm.Result r = u.on(ours, cmd, args);
        assertEquals(0, r.rc(), cmd + " " + String.join(" ", args) + "\n" + r);
    }

    /** {report, expression}: select-report.sh's selections (STRING, STRING LIST, NUMBER, SIZE, PERCENT, REGEX, GENERIC, complex) and man lvmreport's. */
    static final String[][] TABLE = {
        {"lv", "lv_name=\"vol1\""}, {"lv", "lv_name!=\"vol1\""}, {"lv", "lv_name=vol1"}, {"lv", "lv_name='vol1'"},
        {"pv", "tags=[\"pv_tag1\"]"}, {"pv", "tags=\"pv_tag1\""}, {"pv", "tags=[\"pv_tag1\" && \"pv_tag2\"]"},
        {"pv", "tags=[\"pv_tag1\" && \"pv_tag2\" && \"pv_tag3\"]"}, {"pv", "tags=[\"pv_tag3\" && \"pv_tag2\" && \"pv_tag1\"]"},
        {"pv", "tags=[\"pv_tag4\" || \"pv_tag3\" || \"pv_tag1\" || \"pv_tag2\"]"}, {"pv", "tags!=[\"pv_tag1\"]"},
        {"pv", "tags=[\"pv_tag1\" && \"pv_tag2\" || \"pv_tag3\"]"},
        {"lv", "tags=\"\""}, {"lv", "tags={}"}, {"lv", "tags=[]"}, {"pv", "tags={\"pv_tag1\"}"}, {"pv", "tags={\"pv_tag1\" && \"pv_tag2\"}"},
        {"pv", "tags=~[\"^pv_.*[123]$\"]"}, {"pv", "tags=~[\"^pv_.*[14]$\"]"}, {"pv", "tags=~[\"^pv_.*[1234]$\"]"},
        {"pv", "tags=~[\"^pv_.*[12]$\" && \"^pv_.*[34]$\"]"}, {"pv", "tags=~[\"^pv_.*[12]$\" && \"^pv_.*[3]$\"]"},
        {"pv", "tags=~[\"^pv_.*[1]$\" && \"^pv_.*[4]$\"]"}, {"pv", "tags=~[\"^pv_.*[12]$\" || \"^pv_.*[34]$\"]"},
        {"pv", "tags=~[\"^pv_.*[12]$\" || \"^pv_.*[3]$\"]"}, {"pv", "tags=~[\"^pv_.*[12]$\" || \"^pv_.*[4]$\"]"},
        {"pv", "tags=~{\"^pv_.*[12]$\" && \"^pv_.*[34]$\"}"}, {"pv", "tags=~{\"^pv_.*[12]$\" && \"^pv_.*[3]$\"}"},
        {"pv", "tags=~{\"^pv_.*[1]$\" && \"^pv_.*[4]$\"}"}, {"pv", "tags=~{\"^pv_.*[12]$\" || \"^pv_.*[34]$\"}"},
        {"pv", "tags!~{\"^pv_.*[12]$\" && \"^pv_.*[3]$\"}"},
        {"vg", "pv_count=3"}, {"vg", "pv_count!=3"}, {"vg", "pv_count<2"}, {"vg", "pv_count<=2"}, {"vg", "pv_count>2"}, {"vg", "pv_count>=2"},
        {"lv", "size=8388608b"}, {"lv", "size=8192k"}, {"lv", "size=8m"}, {"lv", "size=8.00m"}, {"lv", "size=0.0078125g"},
        {"lv", "size=0.00000762939453125t"}, {"lv", "size=0.000000007450580596923828125p"}, {"lv", "size=0.0000000000072759576141834259033203125e"},
        {"lv", "size>8m"}, {"lv", "size>=8m"}, {"lv", "size<8m"}, {"lv", "size<=8m"}, {"lv", "lv_size=8"}, {"lv", "size < 5000k"},
        {"lv", "snap_percent<50"}, {"lv", "snap_percent=101%"},
        {"lv", "lv_name=~\"^vol[12]\""}, {"lv", "lv_name!~\"^vol[12]\""}, {"lv", "lv_name=~^vol[12]"}, {"lv", "name=\"vol1\""},
        {"vg", "vg_mda_copies=unmanaged"}, {"vg", "vg_mda_copies>=2"}, {"vg", "vg_mda_copies=18446744073709551615"},
        {"lv", "lv_read_ahead=auto"}, {"lv", "lv_minor=-1"}, {"lv", "lv_minor=undefined"}, {"lv", "lv_minor=undef"}, {"lv", "lv_minor=unknown"},
        {"lv", "lv_minor=254"}, {"lv", "name=vol1"},
        {"lv", "lv_tags=lv_tag1 && lv_size=4m"}, {"lv", "lv_name=vol1 || lv_name=vol2"},
        {"lv", "(lv_name=vol1 || lv_name=vol2) || vg_tags=vg_tag1"}, {"lv", "(lv_name=vol1 && lv_size=100m) || vg_tags=vg_tag1"},
        {"lv", "(lv_name=vol1 || lv_name=vol2) && vg_tags=vg_tag1"}, {"lv", "(lv_name=vol1 || lv_name=vol2) && lv_size < 8m"},
        {"lv", "(lv_name=vol1 && lv_size=8m) && vg_tags=vg_tag2"}, {"lv", "!(lv_name=vol1 || lv_name=vol2)"},
        {"lv", "lv_name=vol1 # lv_name=abc"}, {"lv", "lv_tags=lv_tag1, vg_name=vg1"}, {"lv", "tags={lv_tag1 || lv_tag9}"},
        {"lv", "lv_time since \"2000-01-01\""}, {"lv", "lv_time before \"2000-01\""}, {"pv", "pv_allocatable=yes"}, {"pv", "pv_allocatable=no"},
        {"vg", "vg_free>=4m && vg_tags={vg_tag2}"}, {"lv", "all"},
        // errors: LVM2's words and exit codes
        {"lv", "foo=1"}, {"lv", "lv_name"}, {"lv", "(lv_name=vol1"}, {"lv", "lv_size=abc"}, {"lv", "lv_size=~x"}, {"lv", "lv_name<x"},
        {"lv", "lv_name=vol1 &&"}, {"lv", "lv_name=vol1 lv_size>1"}, {"lv", "!lv_name=vol1"}, {"lv", "lv_name=vol1)"},
        {"lv", "lv_name=\"vol1"}, {"lv", "lv_size=1q"}, {"lv", "lv_size=1%"}, {"lv", "seg_count=1m"}, {"lv", "lv_minor=-2"},
        {"lv", "lv_size<<1"}, {"lv", "pv_name=x"}, {"lv", "tags=[a,b}"},
    };

    @Test
    void selectionsAsLvm2() {
        List<String[]> cmds = new ArrayList<>();
        for (String[] row : TABLE) cmds.add(new String[] {row[0] + "s", "--noheadings", "-o", row[0] + "_name", "--select", row[1]});
        List<RealLvm.Result> real = RealLvm.runAll(twins, cmds);
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < cmds.size(); i++) {
            String[] c = cmds.get(i);
            Ulvm.Result mine = u.on(ours, c[0], java.util.Arrays.copyOfRange(c, 1, c.length));
            RealLvm.Result r = real.get(i);
            String a = r.rc() + "|" + sorted(r.out().replace(dir.resolve("t").toString(), "D")) + "|" + errors(r.err());
            String b = mine.rc() + "|" + sorted(mine.out().replace(dir.resolve("u").toString(), "D")) + "|" + errors(mine.err());
            if (!a.equals(b)) diffs.add(c[0] + " -S '" + TABLE[i][1] + "'\n  real: " + a + "\n  ulvm: " + b);
        }
        assertEquals("", String.join("\n", diffs));
    }

    /** ulvm's tag changes are read by LVM2 (lvs/vgs/pvs -o tags), vgck is clean; LVM2's are read by ulvm; invalid tags refused alike; -o selected. */
    @Test
    void tagsBothWays() {
        ok("lvchange", "--addtag", "@new", "--deltag", "lv_tag1", "vg1/vol1");
        ok("vgchange", "--addtag", "vgnew", "--deltag", "vg_tag1", "vg3");
        ok("lvchange", "--addtag", "sel", "-S", "lv_size=4m");
        ok("lvchange", "--deltag", "sel", "@lv_tag1");
        ok("vgchange", "--addtag", "x2", "-S", "pv_count>=2");
        List<String[]> reads = List.of(new String[] {"lvs", "--noheadings", "-o", "lv_name,lv_tags"}, new String[] {"vgs", "--noheadings", "-o", "vg_name,vg_tags"},
                new String[] {"pvs", "--noheadings", "-o", "pv_name,pv_tags"}, new String[] {"lvs", "--noheadings", "-o", "lv_name", "@vg_tag3"},
                new String[] {"lvs", "--noheadings", "-o", "lv_name", "@sel", "@new"}, new String[] {"vgs", "--noheadings", "-o", "vg_name", "@x2"},
                new String[] {"pvs", "--noheadings", "-o", "pv_name", "@pv_tag4"}, new String[] {"lvs", "--noheadings", "-o", "lv_name", "@", "vg2"},
                new String[] {"lvs", "-o", "lv_name,selected", "-S", "lv_size>4m"}, new String[] {"vgs", "-o", "vg_name", "-O", "-selected", "-S", "vg_name=vg2"},
                new String[] {"vgck"});
        List<RealLvm.Result> real = RealLvm.runAll(ours, reads);
        for (int i = 0; i < reads.size(); i++) {
            String[] c = reads.get(i);
            Ulvm.Result mine = u.on(ours, c[0], java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(real.get(i).rc() + " " + lines(real.get(i).out()) + lines(real.get(i).warnings()), mine.rc() + " " + lines(mine.out()) + lines(mine.err()),
                    String.join(" ", c) + "\n" + real.get(i));
        }
        // LVM2 writes, ulvm reads
        for (String[] w : List.of(new String[] {"lvchange", "--addtag", "fromlvm", "vg2/abc"}, new String[] {"vgchange", "--addtag", "fromlvm", "vg2"},
                new String[] {"pvchange", "--addtag", "fromlvm", twins.get(3).toString()})) {
            RealLvm.Result r = RealLvm.run(twins, w[0], java.util.Arrays.copyOfRange(w, 1, w.length));
            assertEquals(0, r.rc(), r.toString());
        }
        Ulvm.Result t = u.on(twins, "lvs", "--noheadings", "-o", "lv_name", "@fromlvm");
        assertEquals(List.of("abc"), lines(t.out()), t.toString());
        assertEquals(List.of("vg2"), lines(u.on(twins, "vgs", "--noheadings", "-o", "vg_name", "@fromlvm").out()));
        assertEquals(List.of(twins.get(3).toString()), lines(u.on(twins, "pvs", "--noheadings", "-o", "pv_name", "@fromlvm").out()));
        // invalid tags: the same words and exit code 3
        for (String[] bad : List.of(new String[] {"lvchange", "--addtag", "a b", "vg1/vol1"}, new String[] {"vgchange", "--deltag", "x@y", "vg1"},
                new String[] {"lvcreate", "--addtag", "", "-L4m", "vg1"}, new String[] {"vgcreate", "--addtag", "a,b", "vgz", twins.get(0).toString()})) {
            RealLvm.Result r = RealLvm.run(twins, bad[0], java.util.Arrays.copyOfRange(bad, 1, bad.length));
            Ulvm.Result m = u.on(twins, bad[0], java.util.Arrays.copyOfRange(bad, 1, bad.length));
            assertEquals(r.rc() + lines(r.warnings()).toString(), m.rc() + lines(m.err()).toString(), String.join(" ", bad));
        }
    }

    /** The lines sorted: real LVM2 orders PVs by their loop device, ulvm by image path. */
    static List<String> sorted(String s) {
        List<String> l = lines(s);
        l.sort(null);
        return l;
    }

    /** Runs a changing command on both sets (D/ in an argument: the set's directory); exit code, stdout and stderr the same (in any order: LVM2 takes VGs in its cache's order). */
    private void same(String cmd, String... args) {
        String[] a = new String[args.length], b = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].replace("D/", dir.resolve("u") + "/");
            b[i] = args[i].replace("D/", dir.resolve("t") + "/");
        }
        Ulvm.Result mine = u.on(ours, cmd, a);
        RealLvm.Result real = RealLvm.run(twins, cmd, b);
        String what = cmd + " " + String.join(" ", args) + "\nulvm: " + mine + "\nreal: " + real;
        assertEquals(real.rc(), mine.rc(), what);
        String t = dir.resolve("t").toString(), m = dir.resolve("u").toString();
        assertEquals(sorted(real.out().replace(t, "D")), sorted(mine.out().replace(m, "D")), what);
        List<String> re = errors(real.err().replace(t, "D")), me = errors(mine.err().replace(m, "D"));
        re.sort(null);
        me.sort(null);
        assertEquals(re, me, what);
    }

    /** man lvmreport's "selection together with processing-oriented commands", and @tag arguments of lvchange/vgchange/lvremove/vgremove/pvchange. */
    @Test
    void changesWithSelectionAsLvm2() {
        same("lvchange", "--addtag", "test", "-S", "size < 5000k");
        same("lvchange", "--deltag", "test", "-S", "tags = test");
        same("lvchange", "--addtag", "q", "@lv_tag1");
        same("lvchange", "--addtag", "q2", "@vg_tag1");
        same("lvchange", "--addtag", "q3", "vg1/vol1", "-S", "lv_name=vol2");
        same("lvchange", "--addtag", "q4");
        same("vgchange", "--addtag", "vt", "-S", "vg_name=vg2");
        same("vgchange", "--deltag", "vg_tag2", "@vg_tag3");
        same("vgchange", "--addtag", "all");
        same("lvremove", "-f", "-S", "lv_name=vol2");
        same("lvremove", "-f", "@nothing");
        same("vgremove", "-f", "-S", "vg_name=zz");
        same("vgremove", "-f", "@vg_tag1");
        same("lvchange", "--addtag", "x", "-S", "lv_nme=vol1");
        same("pvchange", "--addtag", "pz", "-S", "tags=pv_tag4");
        same("pvchange", "--deltag", "pv_tag1", "@pv_tag1");
        same("pvchange", "--addtag", "x", "-S", "tags=none");
        same("pvchange", "--addtag", "a:b", "@none");
        same("pvchange", "--addtag", "o", "D/dev7.img");
        same("pvchange", "--addtag", "o", "-x", "n", "D/dev7.img");
        String[] r = {"pvs", "--noheadings", "-o", "vg_name,vg_tags,pv_tags,lv_name,lv_tags"};
        RealLvm.Result a = RealLvm.run(ours, r[0], java.util.Arrays.copyOfRange(r, 1, r.length));
        RealLvm.Result b = RealLvm.run(twins, r[0], java.util.Arrays.copyOfRange(r, 1, r.length));
        assertEquals(sorted(b.out().replace(dir.resolve("t").toString(), "D")), sorted(a.out().replace(dir.resolve("u").toString(), "D")));
        assertEquals(0, RealLvm.run(ours, "vgck").rc());
    }

    static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        for (String l : s.split("\n")) if (!l.isBlank()) out.add(l.trim().replaceAll("\\s+", " "));
        return out;
    }

    /** The error lines after LVM2's help text (which ends with a blank line), without the help itself. */
    static List<String> errors(String err) {
        String[] ls = err.split("\n");
        int from = 0;
        for (int i = 0; i < ls.length; i++) if (ls[i].isBlank() && ls[i].length() > 0) from = i + 1;
        List<String> out = new ArrayList<>();
        for (int i = from; i < ls.length; i++) if (!ls[i].isBlank()) out.add(ls[i]);
        return lines(new RealLvm.Result(0, "", String.join("\n", out) + "\n").warnings());
    }
}
