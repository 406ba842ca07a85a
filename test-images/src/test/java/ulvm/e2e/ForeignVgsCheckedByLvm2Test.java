package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VGs LVM2 will not touch (lib/metadata/metadata.c _access_vg_*; LVM2's test/shell/system_id.sh, vgimportclone and
 * lvmlockd-less cases): real LVM2 makes an exported VG (vgexport), a VG owned by host "hostA" (vgchange --systemid)
 * and a sanlock VG (vgcfgrestore of edited text). ulvm refuses every change and activation of them with real LVM2's
 * lines and exit codes (real LVM2 runs the same command on twin copies), reports them as it does, and leaves the
 * images byte for byte as they were.
 */
class ForeignVgsCheckedByLvm2Test {
    static final String LOCAL_HOSTA = "global{activation=0 system_id_source=\"lvmlocal\"} local{system_id=\"hostA\"} devices{hints=\"none\"} backup{backup=0 archive=0}";

    @TempDir Path dir;
    Ulvm u;
    List<Path> images, twins;

    @BeforeAll
    static void lvm2() { Needs.lvm2(); }

    @BeforeEach
    void realLvm2MakesTheThreeVgs() throws Exception {
        u = Ulvm.inProcess(dir);
        Path a = u.image("a.img", 64 << 20), b = u.image("b.img", 64 << 20), c = u.image("c.img", 64 << 20);
        images = List.of(a, b, c);
        real("pvcreate", a.toString(), b.toString(), c.toString());
        for (int i = 0; i < 3; i++) {
            real("vgcreate", "vg" + (i + 1), images.get(i).toString());
            real("lvcreate", "-an", "-Zn", "-Wn", "-L", "8M", "-n", "lv", "vg" + (i + 1));
        }
        real("vgexport", "vg1");
        RealLvm.Result r = RealLvm.runConfigured(images, LOCAL_HOSTA, "vgchange", "--systemid", "hostA", "vg2");
        assertEquals(0, r.rc(), r.toString());
        Path text = dir.resolve("vg3.txt");
        real("vgcfgbackup", "-f", text.toString(), "vg3");
        Files.writeString(text, Files.readString(text).replaceFirst("(?m)^(\tstatus = \\[[^\\n]*\\]\\n)", "$1\tlock_type = \"sanlock\"\n\tlock_args = \"1.0.0:lvmlock\"\n"));
        real("vgcfgrestore", "-f", text.toString(), "vg3");
        Path twinDir = Files.createDirectories(dir.resolve("twin"));
        twins = new ArrayList<>();
        for (Path p : images) twins.add(Files.copy(p, twinDir.resolve(p.getFileName())));
    }

    void real(String cmd, String... args) {
        RealLvm.Result r = RealLvm.run(images, cmd, args);
        assertEquals(0, r.rc(), "real " + cmd + " " + String.join(" ", args) + "\n" + r);
    }

    /** ulvm and real LVM2 (on the twins) run {@code line}: the same exit code and stderr; ulvm wrote nothing. */
    Ulvm.Result same(String line) throws Exception {
        String[] w = line.split(" ");
        String[] args = java.util.Arrays.copyOfRange(w, 1, w.length);
        List<String> before = sums();
        Ulvm.Result mine = u.on(images, w[0], args);
        assertEquals(before, sums(), line + ": ulvm changed the images\n" + mine);
        RealLvm.Result real = RealLvm.run(twins, w[0], args);
        String realErr = real.warnings().replace(dir.resolve("twin").toString(), dir.toString());
        assertEquals(real.rc(), mine.rc(), line + ": exit code (expected real LVM2's)\nreal: " + real + "\nulvm: " + mine);
        assertEquals(realErr, mine.err(), line + ": stderr (expected real LVM2's)");
        return mine;
    }

    List<String> sums() throws Exception {
        List<String> out = new ArrayList<>();
        for (Path p : images) out.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        return out;
    }

    @Test
    void changesAndActivationAreRefusedInLvm2sWords() throws Exception {
        for (String vg : List.of("vg1", "vg2", "vg3")) {
            for (String cmd : List.of("lvcreate -L 4m -n x VG", "lvextend -L +4m VG/lv", "lvremove -f VG/lv", "lvrename VG/lv other",
                    "lvchange -an VG/lv", "vgchange -ay VG", "vgchange -an VG", "vgchange -x n VG", "vgremove -f VG", "vgck VG",
                    "lvs VG", "vgexport VG", "vgchange -y --systemid hostB VG", "vgcfgbackup -f " + dir.resolve("x") + " VG"))
                if (!(vg.equals("vg1") && cmd.startsWith("vgcfgbackup"))) same(cmd.replace("VG", vg));
        }
        same("vgrename vg2 other");
        same("vgrename vg3 other");
        same("vgimport vg2");
        same("vgimport vg3");
        same("vgs vg2");
        same("vgs vg3");
        same("vgchange -ay");
    }

    @Test
    void reportsShowThemAsLvm2Does() throws Exception {
        // unnamed: the foreign VG is mentioned, the sanlock one silently left out, the exported one shown (x, exported)
        for (String line : List.of("vgs -o vg_name,vg_attr,vg_exported,vg_systemid,vg_lock_type", "pvs --noheadings -o pv_name,vg_name,pv_attr",
                "vgs --foreign -o vg_name,vg_attr,vg_systemid", "vgs --shared -o vg_name,vg_attr,vg_lock_type,vg_lock_args", "vgs vg1")) {
            Ulvm.Result mine = same(line);
            RealLvm.Result real = RealLvm.run(twins, line.split(" ")[0], java.util.Arrays.copyOfRange(line.split(" "), 1, line.split(" ").length));
            assertEquals(real.out().replace(dir.resolve("twin").toString(), dir.toString()), mine.out(), line + ": stdout (expected real LVM2's)");
        }
        Ulvm.Result vgs = u.on(images, "vgs", "--foreign", "--shared", "--noheadings", "-o", "vg_name,vg_attr");
        assertTrue(vgs.out().contains("vg1 wzx-n-") && vgs.out().contains("vg3 wz--ns"), vgs.toString());
    }

    @Test
    void withTheOwnersSystemIdTheVgIsUsableAgain() throws Exception {
        Files.createDirectories(u.sys.root());
        Files.writeString(u.sys.root().resolve("lvm.conf"), "global {\n\tsystem_id_source = \"lvmlocal\"\n}\nlocal {\n\tsystem_id = \"hostA\"\n}\n");
        Ulvm.Result r = u.on(images, "lvcreate", "-L", "4m", "-n", "x", "vg2");
        assertEquals(0, r.rc(), r.toString());
        // real LVM2 with the same local system ID reads what ulvm wrote, and the VG keeps its owner
        RealLvm.Result lvs = RealLvm.runConfigured(images, LOCAL_HOSTA, "lvs", "--noheadings", "-o", "lv_name,vg_systemid", "vg2");
        assertEquals(0, lvs.rc(), lvs.toString());
        assertTrue(lvs.out().contains("x    hostA") || lvs.out().matches("(?s).*x\\s+hostA.*"), lvs.toString());
        // another host's view: refused as LVM2 refuses it
        Files.writeString(u.sys.root().resolve("lvm.conf"), "global {\n\tsystem_id_source = \"lvmlocal\"\n}\nlocal {\n\tsystem_id = \"hostB\"\n}\n");
        r = u.on(images, "lvcreate", "-L", "4m", "-n", "y", "vg2");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Cannot access VG vg2 with system ID hostA with local system ID hostB.\n", r.err());
    }

    @Test
    void vgexportVgimportAndSystemIdAsLvm2() throws Exception {
        // ulvm and real LVM2 take vg1 back, give it away and take it back (no local system ID), on twins
        for (String line : List.of("vgimport vg1", "vgimport vg1", "vgexport vg1", "vgexport vg1", "vgimport vg1",
                "vgchange -y --systemid hostC vg1", "vgs vg1", "vgchange -y --systemid hostC vg1")) {
            String[] w = line.split(" ");
            String[] args = java.util.Arrays.copyOfRange(w, 1, w.length);
            Ulvm.Result mine = u.on(images, w[0], args);
            RealLvm.Result real = RealLvm.run(twins, w[0], args);
            assertEquals(real.rc(), mine.rc(), line + "\nreal: " + real + "\nulvm: " + mine);
            assertEquals(real.out(), mine.out(), line + ": stdout");
            assertEquals(real.warnings(), mine.err(), line + ": stderr");
        }
        RealLvm.Result vgs = RealLvm.runConfigured(images, LOCAL_HOSTA.replace("hostA", "hostC"), "vgs", "--noheadings", "-o", "vg_name,vg_attr,vg_systemid", "vg1");
        assertEquals(0, vgs.rc(), vgs.toString());
        assertTrue(vgs.out().matches("(?s)\\s*vg1\\s+wz--n-\\s+hostC\\s*"), vgs.toString());
        RealLvm.Result vgck = RealLvm.runConfigured(images, LOCAL_HOSTA.replace("hostA", "hostC"), "vgck", "vg1");
        assertEquals(0, vgck.rc(), vgck.toString());
    }
}
