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
        // LVM2 2.03.16's `lvm segtypes`, without the types ulvm does not create or map (zero, error, cache*, vdo*, writecache, integrity)
        assertEquals(List.of("linear", "striped", "snapshot", "mirror", "raid0", "raid0_meta", "raid1", "raid10", "raid10_near", "raid4", "raid5",
                "raid5_n", "raid5_la", "raid5_ls", "raid5_ra", "raid5_rs", "raid6", "raid6_n_6", "raid6_nc", "raid6_nr", "raid6_zr", "raid6_ls_6",
                "raid6_rs_6", "raid6_la_6", "raid6_ra_6", "thin-pool", "thin"), r.out().lines().map(String::trim).toList());
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
        // LVM2's words and exit codes (lvm foo: ENO_SUCH_CMD, 2; lvm help nosuch: 3); help lists on stderr, sorted
        r = h.run("foo");
        assertEquals(2, r.rc(), r.toString());
        assertEquals("  No such command.  Try 'lvm help'.\n", r.err());
        r = h.run("help");
        Harness.ok(r);
        List<String> help = r.err().lines().toList();
        assertEquals(List.of("  Available lvm commands:", "  Use 'lvm help <command>' for more information", "   "), help.subList(0, 3));
        assertEquals(help.subList(3, help.size()).stream().sorted().toList(), help.subList(3, help.size()));
        org.junit.jupiter.api.Assertions.assertTrue(help.stream().anyMatch(l -> l.matches("  vgsplit {9}\\S.*")), r.err()); // "  %-16s%s"
        r = h.run("help", "lvs");
        Harness.ok(r);
        org.junit.jupiter.api.Assertions.assertTrue(r.out().contains("--noheadings"), r.out());
        r = h.run("help", "nosuch");
        assertEquals(3, r.rc(), r.toString());
        assertEquals("  nosuch: no such command.\n  Run `help --help' for more information.\n", r.err());
    }

    @Test
    void historyFileInEditlinesFormat() {
        assertEquals("vgs\\040-o\\040name\\011a\\\\b", ShellHistory.encode("vgs -o name\ta\\b"));
        assertEquals("vgs -o name\ta\\b", ShellHistory.decode("vgs\\040-o\\040name\\011a\\\\b"));
    }

    @Test
    void shellSplitsWordsAsAShellDoes() {
        assertEquals(List.of("lvcreate", "-L", "1G", "-n", "my lv", "vg"), LvmShell.split("lvcreate -L 1G -n 'my lv' vg  # comment"));
        assertEquals(List.of("a\"b", "c d", "e"), LvmShell.split("\"a\\\"b\" c\\ d e"));
        assertEquals(List.of(), LvmShell.split("   # only a comment"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> LvmShell.split("lvs 'vg"));
    }
}
