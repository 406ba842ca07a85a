package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ulvm lvm CMD ...} runs CMD, and {@code ulvm lvm} reads command lines as LVM2's shell does (issue 19 part 4). */
class LvmShellTest {
    @TempDir Path dir;

    @Test
    void lvmPrefixAndShell() throws Exception {
        Ulvm u = Ulvm.launcher(dir);
        Path a = u.image("a.img", 64 << 20);
        Ulvm.Result r = u.run("lvm", "pvcreate", a.toString());
        assertEquals(0, r.rc(), r.toString());
        assertEquals("  Physical volume \"" + a + "\" successfully created.\n", r.out());
        Path script = dir.resolve("cmds");
        Files.writeString(script, "vgcreate vg " + a + "\n\n# a comment\nlvcreate -L 8m -n 'lv1' vg\nlvs --noheadings -o lv_name,lv_size vg\nlvremove vg/none\nexit\nvgremove -y vg\n");
        ProcessBuilder pb = new ProcessBuilder(Ulvm.launcherScript().toString(), "lvm").redirectInput(script.toFile());
        pb.environment().put("ULVM_SKIP_BUILD", "1");
        pb.environment().put("ULVM_SYSTEM_DIR", dir.resolve("sys").toString());
        pb.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        Process p = pb.start();
        assertEquals(0, p.waitFor());
        assertEquals("  Volume group \"vg\" successfully created\n  Logical volume \"lv1\" created.\n  lv1  8.00m\n", Files.readString(dir.resolve("out")));
        assertEquals("  Failed to find logical volume \"vg/none\"\n", Files.readString(dir.resolve("err")));
        // "exit" ended it: the VG is still there
        r = u.run("vgs", "--noheadings", "-o", "vg_name");
        assertEquals("  vg\n", r.out(), r.toString());
    }
}
