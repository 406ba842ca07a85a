package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.store.Scan;

/**
 * lvextend and lvreduce of the striped raid levels (lib/metadata/lv_manip.c _lvresize_prepare,
 * _lvresize_adjust_extents; test/shell/lvresize-raid.sh, lvextend-raid.sh, lvresize-raid10.sh): the size rounds to
 * the data stripes, each image grows by its share, the stripe count cannot change.
 */
class RaidLevelsResizeTest {
    @TempDir Path dir;
    Harness h;
    Path[] pvs;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        pvs = new Path[5];
        String[] names = new String[5];
        for (int i = 0; i < 5; i++) {
            pvs[i] = h.image((char) ('a' + i) + ".img", 128 << 20);
            names[i] = pvs[i].toString();
        }
        Harness.ok(h.run(RaidLevelsCreateTest.concat("pvcreate", names)));
        Harness.ok(h.run(RaidLevelsCreateTest.concat("vgcreate", RaidLevelsCreateTest.concat("vg", names))));
    }

    Vg vg() {
        try (Scan s = h.scan(pvs)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    long extents(String lv) { return vg().lv(lv).orElseThrow().extents(); }

    @Test
    void raid5ExtendsAndReducesByWholeStripes() {
        Harness.ok(h.run("lvcreate", "--type", "raid5", "-i", "3", "-l", "3", "-n", "r", "vg"));
        Harness.Result r = h.run("lvextend", "-l", "+1", "vg/r");
        Harness.ok(r);
        assertEquals("  Rounding size 4.00 MiB (1 extents) up to stripe boundary size 12.00 MiB (3 extents).\n"
                + "  Size of logical volume vg/r changed from 12.00 MiB (3 extents) to 24.00 MiB (6 extents).\n"
                + "  Logical volume vg/r successfully resized.\n", r.out());
        assertEquals(6, ((RaidSegment) vg().lv("r").orElseThrow().segments().get(0)).count());
        for (int i = 0; i < 4; i++) assertEquals(2, extents("r_rimage_" + i));
        assertEquals(1, extents("r_rmeta_3"));
        r = h.run("lvreduce", "-y", "-l", "-4", "vg/r");
        Harness.ok(r);
        assertEquals("  Rounding size 16.00 MiB (4 extents) down to stripe boundary size 12.00 MiB (3 extents).\n"
                + "  Size of logical volume vg/r changed from 24.00 MiB (6 extents) to 12.00 MiB (3 extents).\n"
                + "  Logical volume vg/r successfully resized.\n", r.out());
        for (int i = 0; i < 4; i++) assertEquals(1, extents("r_rimage_" + i));
    }

    @Test
    void raid10ExtendsItsMirrorImagesAndRaid0ItsStripes() {
        Harness.ok(h.run("lvcreate", "--type", "raid10", "-i", "2", "-l", "2", "-n", "r", "vg"));
        Harness.Result r = h.run("lvextend", "-L", "+16m", "vg/r");
        Harness.ok(r);
        assertEquals("  Extending 4 mirror images.\n"
                + "  Size of logical volume vg/r changed from 8.00 MiB (2 extents) to 24.00 MiB (6 extents).\n"
                + "  Logical volume vg/r successfully resized.\n", r.out());
        assertEquals(3, extents("r_rimage_3"));
        Harness.ok(h.run("lvcreate", "--type", "raid0", "-i", "2", "-l", "2", "-n", "z", "vg"));
        Harness.ok(h.run("lvextend", "-l", "5", "vg/z"));
        assertEquals(6, extents("z"));
        assertEquals(3, extents("z_rimage_1"));
    }

    @Test
    void theStripeCountStays() throws Exception {
        Harness.ok(h.run("lvcreate", "--type", "raid6", "-l", "3", "-n", "r", "vg"));
        String before = h.fingerprint();
        Harness.Result r = h.run("lvextend", "-i", "4", "-l", "+3", "vg/r");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Unable to extend \"raid6\" segment type with different number of stripes.\n", r.err());
        r = h.run("lvextend", "-m", "1", "-l", "+3", "vg/r");
        assertEquals("  Cannot vary number of mirrors in LV yet.\n", r.err());
        r = h.run("lvextend", "-l", "+3", "vg/r_rimage_0");
        assertEquals("  Cannot resize a RAID image directly\n", r.err());
        assertEquals(before, h.fingerprint());
    }
}
