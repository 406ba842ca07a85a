package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ulvm lvm CMD ...} runs CMD, and {@code ulvm lvm} reads command lines as LVM2's shell does, with
 * its history file (issue 19 part 4). */
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
        // the answer "n" to vgremove's question is read from the same input, and the line after it still runs
        Files.writeString(script, "vgcreate vg " + a + "\n\n# a comment\nlvcreate -L 8m -n 'lv1' vg\nlvs --noheadings -o lv_name,lv_size vg\n"
                + "lvremove vg/none\nfoo\nvgremove vg\nn\nvgs --noheadings -o vg_name\nexit\nvgremove -y vg\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(".lvm_history"), "_HiStOrY_V2_\nold\\040one\n");
        ProcessBuilder pb = new ProcessBuilder(Ulvm.launcherScript().toString(), "lvm").redirectInput(script.toFile());
        pb.environment().put("ULVM_SKIP_BUILD", "1");
        pb.environment().put("ULVM_SYSTEM_DIR", dir.resolve("sys").toString());
        pb.environment().put("HOME", home.toString());
        pb.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        Process p = pb.start();
        assertEquals(0, p.waitFor());
        assertEquals("  Volume group \"vg\" successfully created\n  Logical volume \"lv1\" created.\n  lv1  8.00m\n  vg\n", Files.readString(dir.resolve("out")));
        // LVM2 2.03.16's lvm shell, fed the same lines (its words; "vgremove vg" asks and is answered "n")
        assertEquals("  Failed to find logical volume \"vg/none\"\n  No such command 'foo'.  Try 'help'.\n"
                + "Do you really want to remove volume group \"vg\" containing 1 logical volumes? [y/n]:   Volume group \"vg\" not removed\n  Exiting.\n",
                Files.readString(dir.resolve("err")));
        // $HOME/.lvm_history as Debian's LVM2 (editline) writes it: every line given but the empty one and "exit"
        assertEquals("_HiStOrY_V2_\nold\\040one\nvgcreate\\040vg\\040" + a.toString().replace(" ", "\\040") + "\n#\\040a\\040comment\n"
                + "lvcreate\\040-L\\0408m\\040-n\\040'lv1'\\040vg\nlvs\\040--noheadings\\040-o\\040lv_name,lv_size\\040vg\nlvremove\\040vg/none\nfoo\n"
                + "vgremove\\040vg\nvgs\\040--noheadings\\040-o\\040vg_name\n", Files.readString(home.resolve(".lvm_history")));
        // on a terminal (script(1) gives it one) the line editor reads the lines; shell/history_size keeps the newest
        Files.writeString(dir.resolve("sys").resolve("lvm.conf"), "shell {\n history_size = 2\n}\n");
        pb = new ProcessBuilder("script", "-qec", Ulvm.launcherScript() + " lvm", "/dev/null").redirectInput(dir.resolve("tty").toFile());
        Files.writeString(dir.resolve("tty"), "vgs --noheadings -o vg_name\nexit\n");
        pb.environment().put("ULVM_SKIP_BUILD", "1");
        pb.environment().put("ULVM_SYSTEM_DIR", dir.resolve("sys").toString());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("TERM", "dumb");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("ttyout").toFile());
        p = pb.start();
        assertEquals(0, p.waitFor());
        String tty = Files.readString(dir.resolve("ttyout")).replace("\r", "");
        assertTrue(tty.contains("lvm> ") && tty.contains("  vg\n") && tty.contains("  Exiting."), tty);
        assertEquals("_HiStOrY_V2_\nvgs\\040--noheadings\\040-o\\040vg_name\nvgs\\040--noheadings\\040-o\\040vg_name\n",
                Files.readString(home.resolve(".lvm_history")));
        // "exit" ended it: the VG is still there
        r = u.run("vgs", "--noheadings", "-o", "vg_name");
        assertEquals("  vg\n", r.out(), r.toString());
    }
}
