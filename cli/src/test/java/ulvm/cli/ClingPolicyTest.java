package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvextend --alloc cling: the new extents go only to the PVs of the LV's last segment, with no fallback to other PVs
 * (LVM2's ALLOC_CLING); results and refusal as real LVM2 2.03.16 gave them on the same layout.
 */
class ClingPolicyTest {
    @TempDir Path dir;

    @Test
    void anExtensionClingsToItsPvsOnly() throws Exception {
        Harness h = new Harness(dir);
        Path f1 = h.image("f1.img", 64 << 20), f2 = h.image("f2.img", 64 << 20), f3 = h.image("f3.img", 64 << 20);
        Harness.ok(h.run("pvcreate", f1.toString(), f2.toString(), f3.toString()));
        Harness.ok(h.run("vgcreate", "vc", f1.toString(), f2.toString(), f3.toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "4", "-n", "a", "vc", f1.toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "4", "-n", "b", "vc", f1.toString()));
        Harness.ok(h.run("lvextend", "--alloc", "cling", "-l", "+3", "vc/a")); // not adjacent: f1's other free space
        String before = h.fingerprint();
        Harness.Result r = h.run("lvextend", "--alloc", "cling", "-l", "+10", "vc/a"); // f1 has 4 left; f2 and f3 are not its PVs
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Insufficient suitable allocatable extents for logical volume a: 6 more required\n", r.err());
        assertEquals(before, h.fingerprint());
        assertEquals("  a    " + f1 + ":0-3 \n  a    " + f1 + ":8-10\n", h.run("lvs", "--noheadings", "-o", "lv_name,seg_pe_ranges", "vc/a").out());
        Harness.ok(h.run("lvextend", "-l", "+10", "vc/a")); // normal: f1's rest, then another PV
        assertEquals("  a    " + f1 + ":0-3 \n  a    " + f1 + ":8-14\n  a    " + f2 + ":0-5 \n",
                h.run("lvs", "--noheadings", "-o", "lv_name,seg_pe_ranges", "vc/a").out());
    }
}
