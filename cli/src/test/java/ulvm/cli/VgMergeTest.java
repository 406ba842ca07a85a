package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vgmerge's refusals that need no second tool run: extent sizes (real LVM2's words, checked by hand on loop devices). */
class VgMergeTest {
    @TempDir Path dir;

    @Test
    void extentSizesMustAgree() throws Exception {
        Harness h = new Harness(dir);
        Path a = h.image("a.img", 64 << 20), b = h.image("b.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString(), b.toString()));
        Harness.ok(h.run("vgcreate", "-s", "8m", "va", a.toString()));
        Harness.ok(h.run("vgcreate", "vb", b.toString()));
        Harness.Result r = h.run("vgmerge", "va", "vb");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Extent sizes differ: 16384 (va) and 8192 (vb)\n", r.err());
        r = h.run("vgmerge", "vb", "va");
        assertEquals("  Extent sizes differ: 8192 (vb) and 16384 (va)\n", r.err());
        Harness.ok(h.run("vgs", "va", "vb"));
    }
}
