package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.model.RaidSegment;
import ulvm.model.Segment;

/**
 * lvconvert --type raid5_* to raid6_*_6 and back (the Q image added or removed at the end), raid10 to and from
 * striped/raid0/raid0_meta, and the interim types LVM2 2.03.16 takes instead (lib/metadata/raid_manip.c
 * _set_convenient_raid145610_segtype_to, _takeover_upconvert_wrapper, _takeover_downconvert_wrapper;
 * test/shell/lvconvert-raid-takeover.sh).
 */
class RaidTakeoverRaid6Raid10Test extends RaidTakeoverFixture {
    RaidSegment raid(String lv) { return (RaidSegment) segs(lv).get(0); }

    static final String REPEAT = "  Repeat this command to convert to %s after an interim conversion has finished.\n";

    /** lvconvert-raid-takeover.sh: "_lvconvert raid6_ls_6 raid6_ls_6 4 6", then "_lvconvert raid5_ls raid5_ls 4 5". */
    @Test
    void raid5TakesAQImageAsRaid6ls6AndGivesItBack() {
        Harness.ok(h.run("lvcreate", "--type", "raid5", "-i", "3", "-l", "6", "-n", "r", "vg"));
        List<Segment> image0 = segs("r_rimage_0");
        Harness.Result r = h.runWithInput("y\n", "lvconvert", "--type", "raid6", "vg/r");
        Harness.ok(r);
        assertEquals("  Replaced LV type raid6 (same as raid6_zr) with possible type raid6_ls_6.\n" + REPEAT.formatted("raid6")
                + "Are you sure you want to convert raid5 LV vg/r to raid6_ls_6 type? [y/n]: ", r.err());
        RaidSegment r6 = raid("r");
        assertEquals("raid6_ls_6", r6.type());
        assertEquals(List.of("r_rimage_0", "r_rimage_1", "r_rimage_2", "r_rimage_3", "r_rimage_4"), r6.imageLvs());
        assertEquals(List.of("r_rmeta_0", "r_rmeta_1", "r_rmeta_2", "r_rmeta_3", "r_rmeta_4"), r6.metaLvs());
        assertEquals(6, r6.count());
        assertEquals(2, vg().lv("r_rimage_4").orElseThrow().extents());
        assertEquals(image0, segs("r_rimage_0"));
        assertEquals("  r|raid6_ls_6|5|3|64.00k\n",
                h.run("lvs", "--noheadings", "--separator", "|", "-o", "lv_name,segtype,stripes,data_stripes,stripe_size", "vg/r").out());
        // raid6_ls_6 to "raid5": LVM2 looks raid5_ls up by its flag and names it
        r = h.run("lvconvert", "-y", "--type", "raid5", "vg/r");
        Harness.ok(r);
        assertEquals("  Replaced LV type raid5 (same as raid5_ls) with possible type raid5_ls.\n" + REPEAT.formatted("raid5"), r.err());
        RaidSegment r5 = raid("r");
        assertEquals("raid5_ls", r5.type());
        assertEquals(List.of("r_rimage_0", "r_rimage_1", "r_rimage_2", "r_rimage_3"), r5.imageLvs());
        assertTrue(vg().lv("r_rimage_4").isEmpty());
        assertTrue(vg().lv("r_rmeta_4").isEmpty());
        assertEquals(image0, segs("r_rimage_0"));
    }

    /** lvconvert-raid-takeover.sh: raid5_ra only goes to raid6_ra_6 ("not _lvconvert raid6_ls_6 raid6_ls_6 4 6"). */
    @Test
    void eachRaid5LayoutHasItsRaid6Pair() {
        Harness.ok(h.run("lvcreate", "--type", "raid5_ra", "-i", "3", "-l", "3", "-n", "r", "vg"));
        Harness.Result r = h.run("lvconvert", "-y", "--type", "raid6_rs_6", "vg/r");
        Harness.ok(r);
        assertEquals("  Replaced LV type raid6_rs_6 with possible type raid6_ra_6.\n" + REPEAT.formatted("raid6_rs_6"), r.err());
        assertEquals("raid6_ra_6", raid("r").type());
        r = h.run("lvconvert", "-y", "--type", "raid5_ra", "vg/r");
        Harness.ok(r);
        assertEquals("", r.err());
        assertEquals("raid5_ra", raid("r").type());
        Harness.ok(h.run("lvcreate", "--type", "raid6_n_6", "-i", "3", "-l", "3", "-n", "n", "vg"));
        List<Segment> p = segs("n_rimage_3");
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid5_n", "vg/n"));
        assertEquals(4, raid("n").imageLvs().size());
        assertEquals(p, segs("n_rimage_3"), "raid6_n_6's P image stays raid5_n's parity");
    }

    /** _set_convenient_raid145610_segtype_to: a stripe count to change first is a reshape, refused. */
    @Test
    void tooFewStripesForRaid6AndRaid6zrAreReshapes() {
        Harness.ok(h.run("lvcreate", "--type", "raid5", "-i", "2", "-l", "2", "-n", "r", "vg"));
        Harness.Result r = h.run("lvconvert", "-y", "--type", "raid6", "vg/r");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Converting raid5 LV vg/r to 4 stripes first.\n  vg/r must be active to perform this operation.\n", r.err());
        Harness.ok(h.run("lvcreate", "--type", "raid6", "-i", "3", "-l", "3", "-n", "z", "vg"));
        r = h.run("lvconvert", "-y", "--type", "raid5", "vg/z");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Replaced LV type raid5 (same as raid5_ls) with possible type raid6_ls_6.\n" + REPEAT.formatted("raid5")
                + "  vg/z must be active to perform this operation.\n", r.err());
        assertEquals("raid6", raid("z").type());
        r = h.run("lvconvert", "-y", "--type", "raid6", "vg/z");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  vg/z must be active to perform this operation.\n", r.err(), "the same type is a reshape (_reshape_requested)");
        Harness.ok(h.run("lvcreate", "--type", "raid0", "-i", "2", "-l", "2", "-n", "zero", "vg"));
        r = h.run("lvconvert", "-y", "--type", "raid0", "vg/zero");
        assertEquals("  Logical volume vg/zero is already of requested type raid0.\n", r.err());
    }

    /**
     * lvconvert-raid-takeover.sh "Convert striped -> raid10", "raid10 -> raid0", "raid0 -> raid10", "raid10 ->
     * striped": each data image gets its mirror beside it (_reorder_raid10_near_seg_areas), named after the last one;
     * back to raid0 the first copies stay and are renamed by their place.
     */
    @Test
    void stripedToRaid10AndBackKeepsTheFirstCopies() {
        Harness.ok(h.run("lvcreate", "-i", "2", "-l", "4", "-n", "s", "vg", pvs[0].toString(), pvs[1].toString()));
        List<Segment> before = segs("s");
        Harness.Result r = h.runWithInput("y\n", "lvconvert", "--type", "raid10", "vg/s");
        Harness.ok(r);
        assertEquals("Are you sure you want to convert striped LV vg/s to raid10 type? [y/n]: ", r.err());
        RaidSegment t = raid("s");
        assertEquals("raid10", t.type());
        assertEquals(List.of("s_rimage_0", "s_rimage_2", "s_rimage_1", "s_rimage_3"), t.imageLvs());
        assertEquals(List.of("s_rmeta_0", "s_rmeta_2", "s_rmeta_1", "s_rmeta_3"), t.metaLvs());
        assertEquals(4, t.count());
        String out = lvs();
        assertTrue(out.contains("  [s_rimage_0]|linear|" + pvs[0] + "(0)\n"), out);
        assertTrue(out.contains("  [s_rimage_1]|linear|" + pvs[1] + "(0)\n"), out);
        assertEquals("  s|raid10|4|2|64.00k\n",
                h.run("lvs", "--noheadings", "--separator", "|", "-o", "lv_name,segtype,stripes,data_stripes,stripe_size", "vg/s").out());
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid0", "vg/s"));
        assertEquals("""
                  s|raid0|s_rimage_0(0),s_rimage_1(0)
                  [s_rimage_0]|linear|%s(0)
                  [s_rimage_1]|linear|%s(0)
                """.formatted(pvs[0], pvs[1]), lvs());
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid10", "vg/s"));
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid0_meta", "vg/s"));
        assertEquals(List.of("s_rmeta_0", "s_rmeta_1"), raid("s").metaLvs());
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid10", "vg/s"));
        Harness.ok(h.run("lvconvert", "-y", "--type", "striped", "vg/s"));
        assertEquals(before, segs("s"));
        assertEquals(1, vg().lvs().size());
    }

    @Test
    void raid10GoesToOtherLevelsThroughRaid0meta() {
        Harness.ok(h.run("lvcreate", "--type", "raid10", "-i", "2", "-l", "4", "-n", "t", "vg"));
        Harness.Result r = h.run("lvconvert", "-y", "--type", "raid5", "vg/t");
        Harness.ok(r);
        assertEquals("  Replaced LV type raid5 (same as raid5_ls) with possible type raid0_meta.\n" + REPEAT.formatted("raid5"), r.err());
        assertEquals("raid0_meta", raid("t").type());
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid10", "vg/t"));
        r = h.run("lvconvert", "-y", "--type", "raid1", "vg/t");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Convert raid10 LV vg/t to raid4/raid5 first.\n"
                + "  Converting vg/t from raid10 (same as raid10_near) is directly possible to the following layouts:\n"
                + "    raid0\n    raid0_meta\n    striped\n", r.err());
    }

    /** raid1 reaches raid10 and raid6 through raid5_n and raid5_ls; raid5_n with two images has too few stripes. */
    @Test
    void raid1GoesThroughRaid5() {
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "1", "-l", "2", "-n", "m", "vg"));
        Harness.Result r = h.run("lvconvert", "-y", "--type", "raid6", "vg/m");
        Harness.ok(r);
        assertEquals("  Replaced LV type raid6 (same as raid6_zr) with possible type raid5_ls.\n" + REPEAT.formatted("raid6"), r.err());
        assertEquals("raid5_ls", raid("m").type());
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid1", "vg/m"));
        r = h.run("lvconvert", "-y", "--type", "raid10", "vg/m");
        Harness.ok(r);
        assertEquals("  Replaced LV type raid10 (same as raid10_near) with possible type raid5_n.\n" + REPEAT.formatted("raid10"), r.err());
        r = h.run("lvconvert", "-y", "--type", "striped", "vg/m");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Converting raid5_n LV vg/m to 3 stripes first.\n"
                + "  Replaced LV type striped with possible type raid5_n.\n" + REPEAT.formatted("striped")
                + "  vg/m must be active to perform this operation.\n", r.err());
    }

    /** raid0 and raid0_meta are one level: lv_raid_convert does not prompt between them. */
    @Test
    void raid0ToRaid0metaIsNotPrompted() {
        Harness.ok(h.run("lvcreate", "--type", "raid0", "-i", "2", "-l", "2", "-n", "z", "vg"));
        Harness.Result r = h.runWithInput("", "lvconvert", "--type", "raid0_meta", "vg/z");
        Harness.ok(r);
        assertEquals("", r.err());
        assertEquals("raid0_meta", raid("z").type());
    }

    /** 4 KiB of 0x5a at the start of extent {@code pe} of {@code pv} (pe_start is 1 MiB, extents 4 MiB). */
    static void mark(Path pv, int pe) throws Exception {
        byte[] junk = new byte[4096];
        java.util.Arrays.fill(junk, (byte) 0x5a);
        try (FileChannel ch = FileChannel.open(pv, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(junk), (1L << 20) + ((long) pe << 22));
        }
    }

    static byte firstByte(Path pv, int pe) throws Exception {
        try (FileChannel ch = FileChannel.open(pv, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, (1L << 20) + ((long) pe << 22));
            return b.get(0);
        }
    }

    /**
     * raid5 to raid6 wipes only the new Q image's rmeta (_raid_add_images); raid5_n to raid4 moves the parity image,
     * so _clear_meta_lvs wipes every rmeta and the array starts afresh.
     */
    @Test
    void onlyTheRmetaLvm2WipesAreZeroed() throws Exception {
        String a = pvs[0].toString(), b = pvs[1].toString(), c = pvs[2].toString();
        Harness.ok(h.run("lvcreate", "--type", "raid5", "-i", "3", "-l", "3", "-n", "r", "vg", a, b, c, pvs[3].toString()));
        mark(pvs[0], 0);
        mark(pvs[4], 0);
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid6_ls_6", "vg/r"));
        String out = lvs();
        assertTrue(out.contains("  [r_rmeta_0]|linear|" + a + "(0)\n") && out.contains("  [r_rmeta_4]|linear|" + pvs[4] + "(0)\n"), out);
        assertEquals(0x5a, firstByte(pvs[0], 0), "r_rmeta_0 keeps its superblock");
        assertEquals(0, firstByte(pvs[4], 0), "the new r_rmeta_4 is wiped");
        Harness.ok(h.run("lvcreate", "--type", "raid5_n", "-i", "2", "-l", "2", "-n", "n", "vg", a, b, c));
        assertTrue(lvs().contains("  [n_rmeta_0]|linear|" + a + "(2)\n"), lvs());
        mark(pvs[0], 2);
        Harness.Result r = h.runWithInput("y\n", "lvconvert", "--type", "raid4", "vg/n");
        Harness.ok(r);
        assertEquals("Are you sure you want to convert raid5_n LV vg/n to raid4 type? [y/n]: ", r.err());
        assertEquals(0, firstByte(pvs[0], 2));
        assertEquals(List.of("n_rimage_0", "n_rimage_1", "n_rimage_2"), raid("n").imageLvs());
        assertTrue(lvs().contains("  [n_rimage_0]|linear|" + c + "(3)\n"), "raid5_n's parity image goes first: " + lvs());
    }
}
