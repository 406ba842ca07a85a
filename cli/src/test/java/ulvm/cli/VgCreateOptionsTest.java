package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Vg;
import ulvm.store.Scan;

/**
 * vgcreate's -l, -p, --alloc, --systemid and the PV options of vgcreate, vgextend and pvcreate (issue 19). Real LVM2
 * 2.03.16 read a VG made with `vgcreate --alloc contiguous -l 9 -p 4 --metadatasize 2m --labelsector 1 -M lvm2
 * --pvmetadatacopies 2 --setautoactivation n` as attr wz--c-, MaxLV 9, MaxPV 4, AutoAct off, 2 mdas of 2.00m, vgck clean.
 */
class VgCreateOptionsTest {
    @TempDir Path dir;
    Harness h;
    Path a, b;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 64 << 20);
        b = h.image("b.img", 64 << 20);
    }

    Vg vg() {
        try (Scan s = h.scan(a, b)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    @Test
    void vgcreateLimitsPolicySystemIdAndPvOptions() {
        Harness.ok(h.run("vgcreate", "--alloc", "contiguous", "-l", "9", "-p", "4", "--systemid", "other", "--metadatasize", "2m",
                "--labelsector", "1", "-M", "lvm2", "--pvmetadatacopies", "2", "vg", a.toString()));
        Vg vg = vg(); // read from the image: the VG is another host's now
        assertEquals(9, vg.maxLv());
        assertEquals(4, vg.maxPv());
        assertEquals("contiguous", vg.setting("allocation_policy"));
        assertEquals("other", vg.setting("system_id"));
        String mdas = h.run("pvs", "--foreign", "--noheadings", "-o", "pv_mda_count,pv_mda_size", a.toString()).out().trim().replaceAll(" +", " ");
        assertEquals("2 2.00m", mdas);
    }

    @Test
    void vgextendMakesPvsWithItsPvOptions() {
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        Harness.ok(h.run("vgextend", "--pvmetadatacopies", "0", "vg", b.toString()));
        assertEquals("0", h.run("pvs", "--noheadings", "-o", "pv_mda_count", b.toString()).out().trim());
    }

    @Test
    void valuesUlvmDoesNotWriteAreRefused() {
        Harness.Result r = h.run("pvcreate", "--labelsector", "2", a.toString());
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  --labelsector 2 is not supported: ulvm writes the label in sector 1, as LVM2 by default.\n", r.err());
        assertEquals(5, h.run("vgcreate", "-M", "lvm1", "vg", a.toString()).rc());
        assertEquals(5, h.run("pvcreate", "--dataalignmentoffset", "1m", a.toString()).rc());
        assertEquals(5, h.run("pvcreate", "--setphysicalvolumesize", "32m", a.toString()).rc());
        assertTrue(h.run("pvs").out().isEmpty());
        assertEquals(3, h.run("vgcreate", "-l", "-1", "vg", a.toString()).rc());
    }

    /** vgexport/vgimport -S|--select: the VGs the selection picks. */
    @Test
    void vgexportAndVgimportSelect() {
        Harness.ok(h.run("vgcreate", "vg", a.toString()));
        Harness.ok(h.run("vgcreate", "other", b.toString()));
        Harness.Result r = h.run("vgexport", "-S", "vg_name=vg");
        assertEquals(0, r.rc(), r.toString());
        assertEquals("  Volume group \"vg\" successfully exported\n", r.out());
        assertTrue(vg().exported());
        Harness.ok(h.run("vgimport", "--select", "vg_name=vg"));
        assertTrue(!vg().exported());
    }
}

