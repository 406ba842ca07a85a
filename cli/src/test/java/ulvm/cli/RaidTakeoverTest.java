package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Segment;

/**
 * lvconvert --type takeovers without a reshape (lib/metadata/raid_manip.c; test/shell/lvconvert-raid-takeover.sh,
 * lvconvert-striped-raid0.sh, lvconvert-raid0-striped.sh): the data images keep their extents, parity images are
 * added and removed, prompts and warnings in LVM2's words; a reshape is refused.
 */
class RaidTakeoverTest extends RaidTakeoverFixture {
    @Test
    void stripedToRaid0ToRaid5nAndBackKeepsTheDataExtents() {
        Harness.ok(h.run("lvcreate", "-i", "3", "-l", "6", "-n", "s", "vg"));
        List<Segment> before = segs("s");
        Harness.Result r = h.runWithInput("n\n", "lvconvert", "--type", "raid0", "vg/s");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("Are you sure you want to convert striped LV vg/s to raid0 type? [y/n]:   Logical volume vg/s NOT converted.\n", r.err());
        r = h.runWithInput("y\n", "lvconvert", "--type", "raid0", "vg/s");
        Harness.ok(r);
        assertEquals("Are you sure you want to convert striped LV vg/s to raid0 type? [y/n]: ", r.err());
        assertEquals("  Logical volume vg/s successfully converted.\n", r.out());
        assertEquals("""
                  s|raid0|s_rimage_0(0),s_rimage_1(0),s_rimage_2(0)
                  [s_rimage_0]|linear|%s(0)
                  [s_rimage_1]|linear|%s(0)
                  [s_rimage_2]|linear|%s(0)
                """.formatted(pvs[0], pvs[1], pvs[2]), lvs());
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid0_meta", "vg/s"));
        assertEquals(List.of("s_rmeta_0", "s_rmeta_1", "s_rmeta_2"), ((RaidSegment) segs("s").get(0)).metaLvs());
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid5_n", "vg/s"));
        RaidSegment r5 = (RaidSegment) segs("s").get(0);
        assertEquals("raid5_n", r5.type());
        assertEquals(4, r5.imageLvs().size());
        assertEquals(6, r5.count());
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid0", "vg/s"));
        assertEquals(3, ((RaidSegment) segs("s").get(0)).imageLvs().size());
        Harness.ok(h.run("lvconvert", "-y", "--type", "striped", "vg/s"));
        assertEquals(before, segs("s"));
        assertEquals(1, vg().lvs().size());
    }

    /**
     * raid4 keeps its parity image first: the data images move up a place and are renamed by it. An image's new rmeta
     * goes on the image's own PV (_alloc_rmeta_for_lv), the parity leg on a PV of its own.
     */
    @Test
    void raid4PutsItsParityFirstAndRaid5IsReplacedByRaid5n() {
        Harness.ok(h.run("lvcreate", "-i", "2", "-l", "4", "-n", "s", "vg", pvs[0].toString(), pvs[1].toString()));
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid4", "vg/s"));
        String out = lvs();
        assertEquals(true, out.contains("  [s_rimage_1]|linear|" + pvs[0] + "(0)\n"), out);
        assertEquals(true, out.contains("  [s_rimage_2]|linear|" + pvs[1] + "(0)\n"), out);
        assertEquals(true, out.contains("  [s_rmeta_0]|linear|" + pvs[2] + "(0)\n"), out);
        Harness.ok(h.run("lvconvert", "-y", "--type", "striped", "vg/s"));
        assertEquals("  s|striped|" + pvs[0] + "(0)," + pvs[1] + "(0)\n", lvs());
        Harness.Result r = h.run("lvconvert", "-y", "--type", "raid5", "vg/s");
        Harness.ok(r);
        assertEquals("  Replaced LV type raid5 (same as raid5_ls) with possible type raid5_n.\n"
                + "  Repeat this command to convert to raid5 after an interim conversion has finished.\n", r.err());
        assertEquals("raid5_n", segs("s").get(0).type());
        r = h.run("lvconvert", "-y", "--type", "raid5", "vg/s");
        assertEquals(5, r.rc());
        assertEquals("  vg/s must be active to perform this operation.\n", r.err());
        r = h.run("lvconvert", "-y", "--type", "raid5_n", "--stripes", "3", "vg/s");
        assertEquals("  vg/s must be active to perform this operation.\n", r.err());
    }

    @Test
    void raid1WithTwoImagesToRaid5AndBack() {
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "2", "-l", "2", "-n", "r", "vg"));
        Harness.Result r = h.run("lvconvert", "-y", "--type", "raid5", "vg/r");
        assertEquals("  Convert raid1 LV vg/r to 2 images first.\n"
                + "  Converting vg/r from raid1 is directly possible to the following layout:\n    mirror\n", r.err());
        Harness.ok(h.run("lvconvert", "-y", "-m", "1", "vg/r"));
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid5", "vg/r"));
        assertEquals("  r|raid5|2|64.00k\n", h.run("lvs", "--noheadings", "--separator", "|", "-o", "lv_name,segtype,stripes,stripe_size", "vg/r").out());
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid1", "vg/r"));
        assertEquals("  r|raid1|2|0 \n", h.run("lvs", "--noheadings", "--separator", "|", "-o", "lv_name,segtype,stripes,stripe_size", "vg/r").out());
    }

    /** raid_manip.c _convert_striped_to_raid0: every segment must have the same stripes. */
    @Test
    void varyingStripesAreNotTakenOver() {
        Harness.ok(h.run("lvcreate", "-i", "2", "-l", "2", "-n", "s", "vg"));
        Harness.ok(h.run("lvextend", "-i", "3", "-l", "+3", "vg/s"));
        Harness.Result r = h.run("lvconvert", "-y", "--type", "raid0", "vg/s");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Cannot convert striped LV vg/s with varying stripe count to raid0.\n", r.err());
    }

    @Test
    void stripedToRaid6TakesRaid6n6() {
        Harness.ok(h.run("lvcreate", "-i", "3", "-l", "3", "-n", "s", "vg"));
        Harness.Result r = h.run("lvconvert", "-y", "--type", "raid6", "vg/s");
        Harness.ok(r);
        assertEquals("  Replaced LV type raid6 (same as raid6_zr) with possible type raid6_n_6.\n"
                + "  Repeat this command to convert to raid6 after an interim conversion has finished.\n", r.err());
        RaidSegment seg = (RaidSegment) segs("s").get(0);
        assertEquals("raid6_n_6", seg.type());
        assertEquals(5, seg.imageLvs().size());
        Lv p = vg().lv("s_rimage_4").orElseThrow();
        assertEquals(1, p.extents());
    }
}
