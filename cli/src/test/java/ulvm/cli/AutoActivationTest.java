package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Vg;
import ulvm.store.Scan;

/**
 * --setautoactivation y|n of lvcreate, vgcreate, lvchange and vgchange (issue 19): LVM2's NOAUTOACTIVATE flag in the
 * metadata's flags = [...], as real LVM2 2.03.16 writes it (test-images UlvmStepsCheckedByLvm2Test has LVM2 read it;
 * LVM2's test/shell/autoactivate-ext-vg.sh, vgchange-many.sh use the option).
 */
class AutoActivationTest {
    @TempDir Path dir;
    Harness h;
    Path a;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString()));
    }

    Vg vg() {
        try (Scan s = h.scan(a)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    @Test
    void createWithNFlagsTheVgAndTheLv() {
        Harness.ok(h.run("vgcreate", "--setautoactivation", "n", "vg", a.toString()));
        assertEquals(List.of("NOAUTOACTIVATE"), vg().flags());
        assertEquals(1, vg().seqno()); // in vgcreate's own write
        Harness.ok(h.run("lvcreate", "--setautoactivation", "n", "-an", "-L", "4m", "-n", "x", "vg"));
        Harness.ok(h.run("lvcreate", "--setautoactivation", "y", "-an", "-L", "4m", "-n", "y", "vg"));
        assertEquals(List.of("NOAUTOACTIVATE"), vg().lv("x").orElseThrow().flags());
        assertEquals(List.of(), vg().lv("y").orElseThrow().flags());
        assertEquals(3, vg().seqno());
        List<String> rows = h.run("lvs", "--noheadings", "-o", "lv_name,autoactivation", "vg").out().lines().map(String::trim).toList();
        assertEquals(List.of("x", "y enabled"), rows.stream().map(l -> l.replaceAll(" +", " ")).toList());
    }

    @Test
    void changeSetsAndClearsTheFlags() {
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        Harness.ok(h.run("lvcreate", "-an", "-L", "4m", "-n", "x", "vg"));
        Harness.Result r = h.run("lvchange", "--setautoactivation", "n", "vg/x");
        assertEquals(0, r.rc(), r.toString());
        assertEquals("  Logical volume vg/x changed.\n", r.out());
        assertEquals(List.of("NOAUTOACTIVATE"), vg().lv("x").orElseThrow().flags());
        long seq = vg().seqno();
        Harness.ok(h.run("lvchange", "--setautoactivation", "n", "vg/x")); // LVM2: "changed", nothing written
        assertEquals(seq, vg().seqno());
        r = h.run("vgchange", "--setautoactivation", "n", "vg");
        assertEquals("  Volume group \"vg\" successfully changed\n", r.out(), r.toString());
        assertEquals(List.of("NOAUTOACTIVATE"), vg().flags());
        Harness.ok(h.run("vgchange", "--setautoactivation", "y", "vg"));
        assertEquals(List.of(), vg().flags());
    }

    @Test
    void vgchangeToWhatItIsAlreadyFails() {
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        long seq = vg().seqno();
        Harness.Result r = h.run("vgchange", "--setautoactivation", "y", "vg");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Volume group autoactivation is already yes.\n", r.err());
        assertEquals(seq, vg().seqno());
    }

    @Test
    void aBadValueIsAParsingError() {
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        Harness.Result r = h.run("vgchange", "--setautoactivation", "maybe", "vg");
        assertEquals(3, r.rc(), r.toString());
        assertEquals("  Invalid argument for --setautoactivation: maybe\n  Error during parsing of command line.\n", r.err());
        assertFalse(r.out().contains("changed"));
        assertTrue(vg().flags().isEmpty());
    }
}
