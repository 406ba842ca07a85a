package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** version, segtypes, formats, systemid, tags (LVM2's lvm subcommands), and the shell's word splitting. */
class InfoCommandsTest {
    @TempDir Path dir;

    @Test
    void factsOfThisBuildAndHost() throws Exception {
        Harness h = new Harness(dir);
        Harness.Result r = h.run("version");
        Harness.ok(r);
        // scripts take the third word of the "LVM version:" line, as from LVM2's
        assertEquals("2.03.16(2)", r.out().lines().findFirst().orElseThrow().trim().split("\\s+")[2], r.out());
        r = h.run("segtypes");
        Harness.ok(r);
        assertEquals(List.of("linear", "striped", "snapshot", "mirror", "raid1"), r.out().lines().map(String::trim).toList());
        r = h.run("formats");
        assertEquals("  lvm2\n", r.out());
        r = h.run("systemid");
        Harness.ok(r);
        assertEquals("  system ID: \n", r.out());
        java.nio.file.Files.createDirectories(dir.resolve("sys"));
        java.nio.file.Files.writeString(dir.resolve("sys").resolve("lvm.conf"), "global {\n system_id_source = \"lvmlocal\"\n}\nlocal {\n system_id = \"host7\"\n}\n");
        r = h.run("systemid");
        assertEquals("  system ID: host7\n", r.out(), r.toString());
        // --config over lvm.conf, and LVM2 2.03.16's words (lvm systemid --config ... run by hand) for an unknown source
        r = h.run("systemid", "--config", "local{system_id=\"host9\"}");
        assertEquals("  system ID: host9\n", r.out(), r.toString());
        r = h.run("systemid", "--config", "global{system_id_source=\"bogus\"}");
        Harness.ok(r);
        assertEquals("  system ID: \n", r.out());
        assertEquals("  WARNING: local/system_id is set, so should global/system_id_source be \"lvmlocal\" not \"bogus\"?\n"
                + "  WARNING: Unrecognised system_id_source \"bogus\".\n  WARNING: No system ID found from system_id_source bogus.\n", r.err());
        r = h.run("tags");
        Harness.ok(r);
        assertEquals("", r.out() + r.err());
        r = h.run("version", "extra");
        assertEquals(3, r.rc(), r.toString());
        assertEquals("  Command does not accept argument: extra.\n", r.err());
    }

    @Test
    void shellSplitsWordsAsAShellDoes() {
        assertEquals(List.of("lvcreate", "-L", "1G", "-n", "my lv", "vg"), LvmShell.split("lvcreate -L 1G -n 'my lv' vg  # comment"));
        assertEquals(List.of("a\"b", "c d", "e"), LvmShell.split("\"a\\\"b\" c\\ d e"));
        assertEquals(List.of(), LvmShell.split("   # only a comment"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> LvmShell.split("lvs 'vg"));
    }
}
