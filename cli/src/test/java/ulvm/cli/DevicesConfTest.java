package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvm.conf's devices/ settings. devices/filter and devices/global_filter as LVM2 2.03.16 takes them with a devices file
 * (lib/filters/filter-regex.c _accept_p): ignored with its warning, silently with --devices; a bad pattern fails the
 * command with the lines real LVM2 2.03.16 printed for it (exit 5). devices/dev_links is ulvm's own (mount).
 */
class DevicesConfTest {
    @TempDir Path dir;

    @Test
    void filtersAreIgnoredWithTheDevicesFileAsInLvm2() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        Files.writeString(dir.resolve("sys/lvm.conf"), "devices {\n\tfilter = [ \"r|.*|\" ]\n\tglobal_filter = [ \"a|x|\", \"r|.*|\" ]\n}\n");
        Harness.Result r = h.run("vgs", "--noheadings", "-o", "vg_name");
        assertEquals("  vg\n", r.out());
        assertEquals("  Please remove the lvm.conf global_filter, it is ignored with the devices file.\n"
                + "  Please remove the lvm.conf filter, it is ignored with the devices file.\n", r.err());
        r = h.run("vgs", "--noheadings", "-o", "vg_name", "--devices", a.toString());
        assertEquals("  vg\n", r.out());
        assertEquals("", r.err(), "--devices: LVM2's devices list takes no filter, and says nothing");
        assertEquals("devices {\n\tfilter=\"r|.*|\"\n\tglobal_filter=[\"a|x|\",\"r|.*|\"]\n}\n", h.run("lvmconfig", "devices").out());
        assertEquals("# filter=[\"a|.*|\"]\n# dev_links=0\n", h.run("lvmconfig", "--type", "default", "devices/filter", "devices/dev_links").out());
        Files.delete(dir.resolve("sys/lvm.conf"));
        String before = h.fingerprint();
        for (String[] bad : new String[][] {
                {"devices{filter=[\"x|a|\"]}", "  Pattern must begin with 'a' or 'r'.\n  Invalid filter pattern \"x|a|\".\n  Failed to create regex device filter\n"},
                {"devices{filter=[\"a|abc\"]}", "  Invalid separator at end of regex.\n  Invalid filter pattern \"a|abc\".\n  Failed to create regex device filter\n"},
                {"devices{global_filter=[\"x|a|\"]}", "  Pattern must begin with 'a' or 'r'.\n  Invalid filter pattern \"x|a|\".\n  Failed to create global regex device filter\n"},
                {"devices{filter=[123]}", "  Filter patterns must be enclosed in quotes.\n  Failed to create regex device filter\n"}}) {
            r = h.run("lvcreate", "-an", "-Zn", "-L", "4m", "-n", "lv", "vg", "--config", bad[0]);
            assertEquals(5, r.rc(), r.toString());
            assertEquals(bad[1], r.err());
        }
        assertEquals(before, h.fingerprint(), "nothing written");
    }

    /**
     * devices/issue_discards = 1: lvremove and lvreduce leave holes where the freed extents were, as real LVM2 2.03.16
     * left them in the same image (loop devices punch holes): l1's 8 MiB and the 4 MiB l2 gave back read zeros, the
     * rest of l2 keeps its data.
     */
    @Test
    void issueDiscardsPunchesTheFreedExtents() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        for (String lv : new String[] {"l1", "l2", "l3"}) Harness.ok(h.run("lvcreate", "-an", "-Zn", "-L", "8m", "-n", lv, "vg"));
        long peStart = 1 << 20, mib = 1 << 20;
        byte[] data = new byte[(int) (24 * mib)];
        new java.util.Random(1).nextBytes(data);
        try (var ch = java.nio.channels.FileChannel.open(a, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(data), peStart);
        }
        Harness.ok(h.run("lvremove", "-f", "vg/l3")); // not configured: the data stays
        Harness.ok(h.run("lvremove", "-f", "vg/l1", "--config", "devices{issue_discards=1}"));
        Harness.ok(h.run("lvreduce", "-f", "-L", "4m", "vg/l2", "--config", "devices{issue_discards=1}"));
        byte[] now = Files.readAllBytes(a);
        for (long[] r : new long[][] {{0, 8, 0}, {8, 12, 1}, {12, 16, 0}, {16, 24, 1}}) {
            byte[] want = new byte[(int) ((r[1] - r[0]) * mib)];
            if (r[2] == 1) System.arraycopy(data, (int) (r[0] * mib), want, 0, want.length);
            assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(want)),
                    java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(
                            java.util.Arrays.copyOfRange(now, (int) (peStart + r[0] * mib), (int) (peStart + r[1] * mib)))), "MiB " + r[0] + "-" + r[1]);
        }
    }
}
