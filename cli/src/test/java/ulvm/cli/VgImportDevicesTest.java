package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vgimportdevices: a VG made with --devices (so not in the devices file) is added to it, in LVM2's words. */
class VgImportDevicesTest {
    @TempDir Path dir;

    @Test
    void addsTheVgsPvsToTheDevicesFile() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20), b = h.image("b.img", 64 << 20);
        String devs = a + "," + b;
        Harness.ok(h.run("pvcreate", "--devices", devs, a.toString(), b.toString()));
        Harness.ok(h.run("vgcreate", "--devices", devs, "vgx", a.toString(), b.toString()));
        assertEquals("", h.run("vgs", "--noheadings", "-o", "vg_name").out(), "the devices file does not list them");
        Harness.Result r = h.run("vgimportdevices", "--devices", devs, "vgx");
        Harness.ok(r);
        assertEquals("  Added 2 devices to devices file.\n", r.out());
        assertEquals("  vgx\n", h.run("vgs", "--noheadings", "-o", "vg_name").out());
        r = h.run("vgimportdevices", "nosuch");
        assertEquals(5, r.rc());
        assertEquals("  Volume group \"nosuch\" not found\n  Cannot process volume group nosuch\n", r.err());
        r = h.run("vgimportdevices");
        assertEquals(3, r.rc());
    }
}
