package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.store.Scan;

/**
 * lvcreate --type raid0|raid0_meta|raid4|raid5*|raid6*|raid10 and -i N -m 1: the metadata LVM2's lib/raid/raid.c
 * writes, LVM2's defaults and its refusals (tools/lvcreate.c; test/shell/lvcreate-raid.sh, lvcreate-raid10.sh).
 */
class RaidLevelsCreateTest {
    @TempDir Path dir;
    Harness h;
    Path[] pvs;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        pvs = new Path[6];
        String[] names = new String[6];
        for (int i = 0; i < 6; i++) {
            pvs[i] = h.image((char) ('a' + i) + ".img", 128 << 20);
            names[i] = pvs[i].toString();
        }
        Harness.ok(h.run(concat("pvcreate", names)));
        Harness.ok(h.run(concat("vgcreate", concat("vg", names))));
    }

    static String[] concat(String first, String... rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    Vg vg() {
        try (Scan s = h.scan(pvs)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    RaidSegment seg(String lv) { return (RaidSegment) vg().lv(lv).orElseThrow().segments().get(0); }

    /** The segment section vgcfgbackup writes for {@code lv}. */
    String section(String lv) throws Exception {
        Path f = dir.resolve("backup.txt");
        Harness.ok(h.run("vgcfgbackup", "-f", f.toString(), "vg"));
        String text = Files.readString(f);
        int at = text.indexOf("\n" + "\t\t" + lv + " {");
        int seg = text.indexOf("segment1 {", at);
        return text.substring(text.indexOf('\n', seg) + 1, text.indexOf("\t\t\t}", seg)).replace("\t", "").replaceAll(" *#.*", "").replaceAll("\n+", "\n");
    }

    @Test
    void raid5DefaultsToTwoStripesOf64KiBRoundedToTheStripes() throws Exception {
        Harness.Result r = h.run("lvcreate", "--type", "raid5", "-L", "10M", "-n", "r", "vg");
        Harness.ok(r);
        assertEquals("  Using default stripesize 64.00 KiB.\n  Rounding up size to full physical extent 12.00 MiB\n"
                + "  Rounding size 12.00 MiB (3 extents) up to stripe boundary size 16.00 MiB (4 extents).\n"
                + "  Logical volume \"r\" created.\n", r.out());
        assertEquals("""
                start_extent = 0
                extent_count = 4
                type = "raid5"
                device_count = 3
                region_size = 4096
                stripe_size = 128
                raids = ["r_rmeta_0", "r_rimage_0", "r_rmeta_1", "r_rimage_1", "r_rmeta_2", "r_rimage_2"]
                """, section("r"));
        Vg vg = vg();
        for (int i = 0; i < 3; i++) {
            assertEquals(2, vg.lv("r_rimage_" + i).orElseThrow().extents());
            assertEquals(1, vg.lv("r_rmeta_" + i).orElseThrow().extents());
        }
    }

    @Test
    void raid0HasNoRmetaAndListsItsImagesAsRaid0Lvs() throws Exception {
        Harness.ok(h.run("lvcreate", "--type", "raid0", "-i", "3", "-I", "128k", "-l", "6", "-n", "r", "vg"));
        assertEquals("""
                start_extent = 0
                extent_count = 6
                type = "raid0"
                stripe_count = 3
                stripe_size = 256
                raid0_lvs = ["r_rimage_0", "r_rimage_1", "r_rimage_2"]
                """, section("r"));
        assertTrue(vg().lv("r_rmeta_0").isEmpty());
        Harness.ok(h.run("lvcreate", "--type", "raid0_meta", "-i", "2", "-l", "2", "-n", "m", "vg"));
        assertEquals("""
                start_extent = 0
                extent_count = 2
                type = "raid0_meta"
                stripe_count = 2
                stripe_size = 128
                raids = ["m_rmeta_0", "m_rimage_0", "m_rmeta_1", "m_rimage_1"]
                """, section("m"));
    }

    /** man lvcreate: "-i N -m M" makes raid10 (LVM2's global/raid10_segtype_default); it used to be refused as raid1. */
    @Test
    void stripesWithMirrorsMakeRaid10WithDataCopies() throws Exception {
        Harness.ok(h.run("lvcreate", "-i", "2", "-m", "1", "-l", "4", "-n", "r", "vg"));
        assertEquals("""
                start_extent = 0
                extent_count = 4
                type = "raid10"
                device_count = 4
                data_copies = 2
                region_size = 4096
                stripe_size = 128
                raids = ["r_rmeta_0", "r_rimage_0", "r_rmeta_1", "r_rimage_1", "r_rmeta_2", "r_rimage_2", "r_rmeta_3", "r_rimage_3"]
                """, section("r"));
        assertEquals(2, vg().lv("r_rimage_3").orElseThrow().extents());
    }

    @Test
    void raid6TakesThreeStripesAndTwoParityImages() throws Exception {
        Harness.ok(h.run("lvcreate", "--type", "raid6_nc", "-l", "3", "-n", "r", "vg"));
        RaidSegment r = seg("r");
        assertEquals("raid6_nc", r.type());
        assertEquals(5, r.imageLvs().size());
        assertEquals(1, vg().lv("r_rimage_4").orElseThrow().extents());
        Harness.Result lvs = h.run("lvs", "--noheadings", "--separator", "|", "-o", "segtype,stripes,data_stripes,stripe_size,region_size", "vg/r");
        assertEquals("  raid6_nc|5|3|64.00k|2.00m\n", lvs.out());
    }

    @Test
    void everyAlgorithmIsWrittenUnderItsOwnName() throws Exception {
        int n = 0;
        for (String t : List.of("raid4", "raid5_ls", "raid5_la", "raid5_rs", "raid5_ra", "raid5_n")) {
            Harness.ok(h.run("lvcreate", "--type", t, "-i", "2", "-l", "2", "-n", "l" + n++, "vg"));
        }
        for (String t : List.of("raid6", "raid6_zr", "raid6_nr", "raid6_ls_6", "raid6_la_6", "raid6_rs_6", "raid6_ra_6", "raid6_n_6")) {
            Harness.ok(h.run("lvcreate", "--type", t, "-l", "3", "-n", "l" + n++, "vg"));
        }
        Vg vg = vg();
        assertEquals("raid4", ((RaidSegment) vg.lv("l0").orElseThrow().segments().get(0)).type());
        assertEquals("raid6_ra_6", ((RaidSegment) vg.lv("l12").orElseThrow().segments().get(0)).type());
        Lv img = vg.lv("l13_rimage_4").orElseThrow();
        assertEquals(1, img.extents());
    }

    /** tools/lvcreate.c's refusals: bad command lines exit 3, nothing is written. */
    @Test
    void refusalsAsLvm2() throws Exception {
        String before = h.fingerprint();
        refused(3, "Minimum of 2 stripes required for raid5.", "lvcreate", "--type", "raid5", "-i", "1", "-l", "2", "vg");
        Harness.Result r = refused(3, "Minimum of 3 stripes required for raid6.", "lvcreate", "--type", "raid6", "-i", "2", "-l", "2", "vg");
        assertEquals("  Using default stripesize 64.00 KiB.\n", r.out()); // at parsing, before the refusal, as LVM2
        refused(3, "Minimum of 2 stripes required for raid0.", "lvcreate", "--type", "raid0", "-i", "1", "-l", "2", "vg");
        refused(3, "Mirror argument cannot be used with segment type, raid5", "lvcreate", "--type", "raid5", "-m", "1", "-l", "2", "vg");
        refused(3, "RAID10 currently supports only 2-way mirroring (i.e. '-m 1')", "lvcreate", "--type", "raid10", "-m", "2", "-l", "2", "vg");
        refused(3, "--mirrors must be at least 1 with segment type raid10.", "lvcreate", "--type", "raid10", "-m", "0", "-l", "2", "vg");
        refused(3, "nosync option prohibited on RAID6.", "lvcreate", "--type", "raid6", "--nosync", "-l", "3", "vg");
        refused(3, "Only up to 63 stripes in raid5 supported currently.", "lvcreate", "--type", "raid5", "-i", "64", "-l", "2", "vg");
        refused(3, "Only up to 32 stripes in raid10 supported currently.", "lvcreate", "--type", "raid10", "-i", "33", "-l", "2", "vg");
        refused(3, "Invalid stripe size 2.00 KiB.", "lvcreate", "--type", "raid5", "-I", "2k", "-l", "2", "vg");
        refused(5, "Number of stripes (7) must not exceed number of physical volumes (6)", "lvcreate", "--type", "raid0", "-i", "7", "-l", "7", "vg");
        refused(5, "Insufficient suitable allocatable extents for logical volume r5", "lvcreate", "--type", "raid5", "-i", "2", "-l", "2", "-n", "r5", "vg", pvs[0].toString(), pvs[1].toString());
        assertEquals(before, h.fingerprint());
    }

    Harness.Result refused(int rc, String line, String... args) {
        Harness.Result r = h.run(args);
        assertEquals(rc, r.rc(), r.toString());
        assertTrue(r.err().startsWith("  " + line), "expected <" + line + ">\n" + r);
        return r;
    }
}
