package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pvremove on twin images (LVM2's test/shell/pvremove-usage.sh): ulvm on one set, real LVM2 on a byte-identical
 * copy, from the same start for every case: exit code, stdout and stderr lines (the prompt answered "no" by EOF on
 * stdin), then real {@code pvs} on both sets. a and b are in VG vg, d is an orphan PV, c is a file that is no PV.
 */
class PvRemoveCheckedByLvm2Test {
    private static final String[] NAMES = {"a.img", "b.img", "c.img", "d.img"};

    @TempDir Path dir;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @Test
    void pvremoveAsLvm2() throws Exception {
        Ulvm u = Ulvm.inProcess(dir.resolve("u"));
        Files.createDirectories(u.dir);
        List<Path> ours = new ArrayList<>();
        for (String n : NAMES) ours.add(u.image(n, 64 << 20));
        Path a = ours.get(0), b = ours.get(1), d = ours.get(3);
        assertEquals(0, u.on(ours, "pvcreate", a.toString(), b.toString(), d.toString()).rc());
        assertEquals(0, u.on(ours, "vgcreate", "vg", a.toString(), b.toString()).rc());
        assertEquals(0, u.on(ours, "lvcreate", "-l", "2", "-n", "lv", "vg", a.toString()).rc());
        Path start = Files.createDirectories(dir.resolve("start"));
        for (Path p : ours) Files.copy(p, start.resolve(p.getFileName()));
        Path twin = Files.createDirectories(dir.resolve("t"));
        List<Path> twins = ours.stream().map(p -> twin.resolve(p.getFileName())).toList();

        for (String c : List.of("-f a", "-ff a", "-ffy a", "-ff -y a", "-y a", "c", "-f c", "-ff c", "d", "-f c a", "a c", "-ff a b",
                "-ffy a b", "d c")) {
            for (Path p : ours) Files.copy(start.resolve(p.getFileName()), p, StandardCopyOption.REPLACE_EXISTING);
            for (Path p : twins) Files.copy(start.resolve(p.getFileName()), p, StandardCopyOption.REPLACE_EXISTING);
            Ulvm.Result mine = u.on(ours, "pvremove", args(c, u.dir));
            RealLvm.Result real = RealLvm.run(twins, "pvremove", args(c, twin));
            String what = "pvremove " + c + "\nulvm: " + mine + "\nreal: " + real;
            assertEquals(real.rc(), mine.rc(), what);
            assertEquals(lines(real.out()), lines(mine.out()), what);
            assertEquals(lines(real.warnings()), lines(mine.err()), what);
            RealLvm.Result pvsMine = RealLvm.run(ours, "pvs", "--noheadings", "-o", "pv_name,vg_name");
            RealLvm.Result pvsTwin = RealLvm.run(twins, "pvs", "--noheadings", "-o", "pv_name,vg_name");
            assertEquals(lines(pvsTwin.out()).stream().sorted().toList(), lines(pvsMine.out()).stream().sorted().toList(),
                    "real pvs after " + what);
        }
    }

    /** "-ff a c" with the set's image paths. */
    private static String[] args(String c, Path set) {
        return List.of(c.split(" ")).stream().map(w -> w.startsWith("-") ? w : set.resolve(w + ".img").toString()).toArray(String[]::new);
    }

    /** Non-blank lines, trimmed, either set's directory as D. */
    private List<String> lines(String s) {
        return s.lines().filter(l -> !l.isBlank())
                .map(l -> l.replace(dir.resolve("u").toString(), "D").replace(dir.resolve("t").toString(), "D").trim().replaceAll("\\s+", " "))
                .toList();
    }
}
