package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command takes /dev/VG/LV and /dev/mapper/VG-LV for an LV, as LVM2's skip_dev_dir (issue 19 part 1). */
class DevNamesTest {
    @TempDir Path dir;

    @Test
    void lvsLvchangeAndLvremoveTakeDeviceNames() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString()));
        Harness.ok(h.run("vgcreate", "my-vg", a.toString()));
        Harness.ok(h.run("lvcreate", "-L", "8m", "-n", "home-lv", "my-vg"));
        Harness.ok(h.run("lvcreate", "-L", "4m", "-n", "other", "my-vg"));
        assertEquals("  home-lv\n", h.run("lvs", "--noheadings", "-o", "lv_name", "/dev/mapper/my--vg-home--lv").out());
        assertEquals("  home-lv\n", h.run("lvs", "--noheadings", "-o", "lv_name", "/dev/my-vg/home-lv").out());
        Harness.ok(h.run("lvextend", "-L", "12m", "/dev/mapper/my--vg-home--lv"));
        assertEquals("  12.00m\n", h.run("lvs", "--noheadings", "-o", "lv_size", "my-vg/home-lv").out());
        Harness.ok(h.run("lvremove", "-y", "/dev/mapper/my--vg-other"));
        assertEquals("  home-lv\n", h.run("lvs", "--noheadings", "-o", "lv_name", "/dev/mapper/my--vg").out());
    }

    /** lvextend/lvresize/lvreduce -r need the LV's block device, which only `ulvm mount --dev-links` gives: one line, nothing changed. */
    @Test
    void resizefsWithoutDevLinksIsRefused() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        Harness.ok(h.run("lvcreate", "-L", "8m", "-n", "lv", "vg"));
        for (String[] cmd : new String[][] {{"lvextend", "-r", "-L", "12m", "vg/lv"}, {"lvresize", "--resizefs", "-L", "4m", "/dev/vg/lv"},
                {"lvreduce", "-r", "-L", "4m", "vg/lv"}}) {
            var r = h.run(cmd);
            assertEquals(5, r.rc(), r::toString);
            assertEquals("  Logical volume vg/lv has no block device for --resizefs: it needs an active LV under `ulvm mount --dev-links`.\n", r.err());
        }
        assertEquals("  8.00m\n", h.run("lvs", "--noheadings", "-o", "lv_size", "vg/lv").out());
    }
}
