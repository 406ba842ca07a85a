package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bash completion from {@code ulvm completion}: commands and options from picocli, VG/LV names from ulvm (issue 19 part 7). */
class CompletionTest {
    @TempDir Path dir;

    @Test
    void bashCompletesCommandsOptionsAndNames() throws Exception {
        Ulvm u = Ulvm.launcher(dir);
        Path a = u.image("a.img", 64 << 20);
        assertEquals(0, u.run("pvcreate", a.toString()).rc());
        assertEquals(0, u.run("vgcreate", "vg0", a.toString()).rc());
        assertEquals(0, u.run("lvcreate", "-L", "8m", "-n", "home", "vg0").rc());
        assertEquals(0, u.run("lvcreate", "-L", "8m", "-n", "hold", "vg0").rc());
        Ulvm.Result script = u.run("completion");
        assertEquals(0, script.rc(), script.toString());
        Files.writeString(dir.resolve("ulvm.bash"), script.out());
        Path bin = Ulvm.launcherScript().getParent();
        String probe = "source " + dir.resolve("ulvm.bash") + "\n"
                + "c() { local l=\"$1\"; read -ra COMP_WORDS <<< \"$l\"; [[ \"$l\" == *' ' ]] && COMP_WORDS+=(''); "
                + "COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMP_LINE=\"$l\"; COMPREPLY=(); _ulvm_names 2>/dev/null; echo \"${COMPREPLY[*]}\"; }\n"
                + "c 'ulvm lvcr'; c 'ulvm lvcreate --ty'; c 'ulvm lvremove vg0/ho'; c 'ulvm vgremove v'; c 'ulvm lvs -a --sep'\n";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", probe);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("ULVM_SKIP_BUILD", "1");
        pb.environment().put("ULVM_SYSTEM_DIR", dir.resolve("sys").toString());
        RealLvm.Result r = RealLvm.exec(pb);
        assertEquals("lvcreate\n--type\nvg0/hold vg0/home\nvg0\n--separator\n", r.out(), r.toString());
    }
}
