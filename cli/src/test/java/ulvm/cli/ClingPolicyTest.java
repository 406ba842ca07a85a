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

    /** f1, f2, f3 of 15 extents each in VG vc. */
    private static Path[] threePvs(Harness h) throws Exception {
        Path f1 = h.image("f1.img", 64 << 20), f2 = h.image("f2.img", 64 << 20), f3 = h.image("f3.img", 64 << 20);
        Harness.ok(h.run("pvcreate", f1.toString(), f2.toString(), f3.toString()));
        Harness.ok(h.run("vgcreate", "vc", f1.toString(), f2.toString(), f3.toString()));
        return new Path[] {f1, f2, f3};
    }

    private static String ranges(Harness h) throws Exception {
        return h.run("lvs", "--noheadings", "-o", "lv_name,seg_pe_ranges", "vc/a").out();
    }

    /**
     * allocation/maximise_cling (default 1): a normal extension that cannot continue goes first to the PV of the LV's
     * first segment; with 0 to that of its last segment (then normal allocation, PV order). LVM2 2.03.16 gave
     * f3:4-5 and f2:0-1 on this layout; --alloc cling then continues there.
     */
    @Test
    void maximiseClingReachesEveryPvOfTheLv() throws Exception {
        for (String maximise : new String[] {"1", "0"}) {
            java.nio.file.Files.createDirectories(dir.resolve("m" + maximise));
            Harness h = new Harness(dir.resolve("m" + maximise));
            Path[] f = threePvs(h);
            String conf = "allocation{maximise_cling=" + maximise + "}";
            Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "4", "-n", "a", "vc", f[2].toString()));
            Harness.ok(h.run("lvextend", "-l", "+15", "vc/a", f[0].toString()));
            Harness.ok(h.run("lvextend", "--config", conf, "-l", "+2", "vc/a"));
            Harness.ok(h.run("lvextend", "--config", conf, "--alloc", "cling", "-l", "+2", "vc/a"));
            String last = maximise.equals("1") ? f[2] + ":4-7 " : f[1] + ":0-3 ";
            assertEquals("  a    " + f[2] + ":0-3 \n  a    " + f[0] + ":0-14\n  a    " + last + "\n", ranges(h), "maximise_cling=" + maximise);
        }
    }

    /** With maximise_cling=0, --alloc cling looks at the last segment's PV only: refused where 1 finds the LV's other PV. */
    @Test
    void withoutMaximiseClingOnlyTheLastSegmentCounts() throws Exception {
        Harness h = new Harness(dir);
        Path[] f = threePvs(h);
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "4", "-n", "a", "vc", f[2].toString()));
        Harness.ok(h.run("lvextend", "-l", "+15", "vc/a", f[0].toString()));
        String before = h.fingerprint();
        Harness.Result r = h.run("lvextend", "--config", "allocation{maximise_cling=0}", "--alloc", "cling", "-l", "+2", "vc/a");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Insufficient suitable allocatable extents for logical volume a: 2 more required\n", r.err());
        assertEquals(before, h.fingerprint());
        Harness.ok(h.run("lvextend", "--alloc", "cling", "-l", "+2", "vc/a"));
        assertEquals("  a    " + f[2] + ":0-3 \n  a    " + f[0] + ":0-14\n  a    " + f[2] + ":4-5 \n", ranges(h));
    }

    /**
     * allocation/cling_tag_list, PVs tagged with pvchange --addtag as test/shell/lvcreate-pvtags.sh does: an extension
     * that cannot stay on the LV's PV goes to a PV sharing a listed tag, before normal allocation's PV order; with
     * --alloc cling a PV without such a tag is refused, after the contiguous part was found. "@*" matches any common
     * tag. Results, message and exit code as LVM2 2.03.16 gave them on the same layout.
     */
    @Test
    void clingTagListLeadsExtensionsToPvsWithTheSameTag() throws Exception {
        Harness h = new Harness(dir);
        Path[] f = threePvs(h);
        Harness.ok(h.run("pvchange", "--addtag", "A", f[0].toString(), f[2].toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "15", "-n", "a", "vc", f[0].toString()));
        Harness.ok(h.run("lvextend", "--config", "allocation{cling_tag_list=[\"@A\"]}", "-l", "+2", "vc/a"));
        assertEquals("  a    " + f[0] + ":0-14\n  a    " + f[2] + ":0-1 \n", ranges(h));
        Harness.ok(h.run("lvextend", "--config", "allocation{cling_tag_list=[\"@*\"]}", "--alloc", "cling", "-l", "+2", "vc/a", f[2] + ":5-14"));
        assertEquals("  a    " + f[0] + ":0-14\n  a    " + f[2] + ":0-1 \n  a    " + f[2] + ":5-6 \n", ranges(h));
        String before = h.fingerprint();
        Harness.Result r = h.run("lvextend", "--config", "allocation{cling_tag_list=[\"@B\"]}", "--alloc", "cling", "-l", "+20", "vc/a");
        assertEquals(5, r.rc(), r.toString());
        assertEquals("  Insufficient suitable allocatable extents for logical volume a: 12 more required\n", r.err());
        assertEquals(before, h.fingerprint());
    }

    /**
     * A new striped LV under a cling_tag_list: when each stripe fits in one area, no two stripes go to PVs with a
     * listed tag in common (LVM2's A_PARTITION_BY_TAGS); f1 and f2 share A, so f1 and f3, as LVM2 2.03.16 gave them.
     */
    @Test
    void newStripesAvoidPvsSharingATag() throws Exception {
        Harness h = new Harness(dir);
        Path f1 = h.image("f1.img", 64 << 20), f2 = h.image("f2.img", 64 << 20), f3 = h.image("f3.img", 64 << 20), f4 = h.image("f4.img", 64 << 20);
        Harness.ok(h.run("pvcreate", f1.toString(), f2.toString(), f3.toString(), f4.toString()));
        Harness.ok(h.run("vgcreate", "vc", f1.toString(), f2.toString(), f3.toString(), f4.toString()));
        Harness.ok(h.run("pvchange", "--addtag", "A", f1.toString(), f2.toString()));
        String conf = "allocation{cling_tag_list=[\"@A\"]}";
        Harness.ok(h.run("lvcreate", "--config", conf, "-an", "-Zn", "-i2", "-l", "4", "-n", "s", "vc"));
        Harness.ok(h.run("lvcreate", "--config", conf, "-an", "-Zn", "-i2", "-l", "26", "-n", "t", "vc"));
        assertEquals("  s    " + f1 + ":0-1 " + f3 + ":0-1  \n  t    " + f1 + ":2-14 " + f3 + ":2-14\n",
                h.run("lvs", "--noheadings", "-o", "lv_name,seg_pe_ranges", "vc").out());
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-i2", "-l", "4", "-n", "u", "vc")); // no list: f2 and f4 in PV order
        assertEquals("  u    " + f2 + ":0-1 " + f4 + ":0-1\n", h.run("lvs", "--noheadings", "-o", "lv_name,seg_pe_ranges", "vc/u").out());
    }

    /**
     * A raid1 extension under cling_tag_list = ["@A", "@B"] (two sites, as lvm.conf's example): each image goes to a
     * free PV of its own site, not the first free PV in PV order; as LVM2 2.03.16 extended the same layout.
     */
    @Test
    void raidImagesClingToTheirSitesTags() throws Exception {
        Harness h = new Harness(dir);
        Path f1 = h.image("f1.img", 64 << 20), f2 = h.image("f2.img", 64 << 20), f3 = h.image("f3.img", 64 << 20), f4 = h.image("f4.img", 64 << 20);
        Harness.ok(h.run("pvcreate", f1.toString(), f2.toString(), f3.toString(), f4.toString()));
        Harness.ok(h.run("vgcreate", "vc", f1.toString(), f2.toString(), f3.toString(), f4.toString()));
        Harness.ok(h.run("pvchange", "--addtag", "A", f1.toString(), f4.toString()));
        Harness.ok(h.run("pvchange", "--addtag", "B", f2.toString(), f3.toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "--type", "raid1", "-m1", "-l", "4", "-n", "r", "vc", f1.toString(), f2.toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "10", "-n", "x", "vc", f1.toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "10", "-n", "y", "vc", f2.toString()));
        Harness.ok(h.run("lvextend", "--config", "allocation{cling_tag_list=[\"@A\",\"@B\"]}", "-l", "+2", "vc/r"));
        assertEquals(" [r_rimage_0] " + f1 + ":1-4\n [r_rimage_0] " + f4 + ":0-1\n [r_rimage_1] " + f2 + ":1-4\n [r_rimage_1] " + f3 + ":0-1\n",
                h.run("lvs", "-a", "--noheadings", "-o", "lv_name,seg_pe_ranges", "vc/r_rimage_0", "vc/r_rimage_1").out().replaceAll(" +", " "));
    }

    /** Entries of cling_tag_list LVM2 passes over: its warnings at each allocation, in its order (2.03.16). */
    @Test
    void badTagListEntriesAreWarnedAbout() throws Exception {
        Harness h = new Harness(dir);
        Path f1 = h.image("f1.img", 64 << 20);
        Harness.ok(h.run("pvcreate", f1.toString()));
        Harness.ok(h.run("vgcreate", "vc", f1.toString()));
        Harness.Result r = h.run("lvcreate", "--config", "allocation{cling_tag_list=[\"foo\",\"@\",\"@A\"]}", "-an", "-Zn", "-l", "2", "-n", "s", "vc");
        assertEquals(0, r.rc(), r.toString());
        assertEquals("  WARNING: Ignoring string not starting with @ in config file entry allocation/cling_tag_list: foo\n"
                + "  WARNING: Ignoring empty tag in config file entry allocation/cling_tag_list\n"
                + "  WARNING: Logical volume vc/s not zeroed.\n", r.err());
    }

    /**
     * A new raid image (lvconvert -m) avoids the PVs of the existing images and, with a cling_tag_list, every PV
     * sharing a listed tag with them (LVM2 2.03.16's _pv_is_parallel; real LVM2 needs the LV active for this, so the
     * outcome follows its source, lv_manip.c, not a run).
     */
    @Test
    void aNewRaidImageAvoidsPvsSharingATagWithTheOthers() throws Exception {
        Harness h = new Harness(dir);
        Path[] f = threePvs(h);
        Harness.ok(h.run("pvchange", "--addtag", "A", f[0].toString(), f[1].toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "2", "-n", "a", "vc", f[0].toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "2", "-n", "b", "vc", f[0].toString()));
        Harness.ok(h.run("lvconvert", "-y", "--config", "allocation{cling_tag_list=[\"@A\"]}", "--type", "raid1", "-m", "1", "vc/a"));
        Harness.ok(h.run("lvconvert", "-y", "--type", "raid1", "-m", "1", "vc/b"));
        assertEquals(" [a_rimage_1] " + f[2] + ":1-2\n [b_rimage_1] " + f[1] + ":1-2\n",
                h.run("lvs", "-a", "--noheadings", "-o", "lv_name,seg_pe_ranges", "vc/a_rimage_1", "vc/b_rimage_1").out().replaceAll(" +", " "));
    }

    /**
     * A new LV's second part clings to the PV its first part took, whatever maximise_cling (LVM2's cling pass with
     * A_CLING_TO_ALLOCED): f2's 7 extents, then f2's other 5, not f1's; as LVM2 2.03.16 with maximise_cling = 0.
     */
    @Test
    void aNewLvClingsToWhatItTookEvenWithoutMaximiseCling() throws Exception {
        Harness h = new Harness(dir);
        Path[] f = threePvs(h);
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "6", "-n", "a", "vc", f[0].toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "9", "-n", "b", "vc", f[0].toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "7", "-n", "c", "vc", f[1].toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "3", "-n", "d", "vc", f[1].toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "5", "-n", "e", "vc", f[1].toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "15", "-n", "g", "vc", f[2].toString()));
        Harness.ok(h.run("lvremove", "-y", "vc/a", "vc/c", "vc/e"));
        Harness.ok(h.run("lvcreate", "--config", "allocation{maximise_cling=0}", "-an", "-Zn", "-l", "12", "-n", "n", "vc"));
        assertEquals(" n " + f[1] + ":0-6\n n " + f[1] + ":10-14\n",
                h.run("lvs", "--noheadings", "-o", "lv_name,seg_pe_ranges", "vc/n").out().replaceAll(" +", " ").replace(" \n", "\n"));
    }

    /**
     * pvmove under a cling_tag_list: the destination avoids PVs sharing a listed tag with the moved extents' PV (LVM2's
     * _pv_is_parallel over the pvmove LV's parent): f1's data goes to f3, not f1's fellow f2, as LVM2 2.03.16's
     * pvmove -b set it up on the same layout.
     */
    @Test
    void pvmoveAvoidsPvsSharingATagWithTheSource() throws Exception {
        Harness h = new Harness(dir);
        Path[] f = threePvs(h);
        Harness.ok(h.run("pvchange", "--addtag", "A", f[0].toString(), f[1].toString()));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "-l", "4", "-n", "a", "vc", f[0].toString()));
        Harness.ok(h.run("pvmove", "--config", "allocation{cling_tag_list=[\"@A\"]}", f[0].toString()));
        assertEquals("  a    " + f[2] + ":0-3\n", ranges(h));
    }

    /**
     * A new raid1 under a cling_tag_list: its legs, each fitting in one area, go to PVs without a listed tag in common
     * (LVM2's A_PARTITION_BY_TAGS in its first pass; real LVM2 cannot create a raid LV without activation here, so the
     * outcome follows lv_manip.c): f1 and f3, not f1 and f2.
     */
    @Test
    void newRaidLegsAvoidPvsSharingATag() throws Exception {
        Harness h = new Harness(dir);
        Path[] f = threePvs(h);
        Harness.ok(h.run("pvchange", "--addtag", "A", f[0].toString(), f[1].toString()));
        Harness.ok(h.run("lvcreate", "--config", "allocation{cling_tag_list=[\"@A\"]}", "-an", "-Zn", "--type", "raid1", "-m", "1", "-l", "2", "-n", "r", "vc"));
        Harness.ok(h.run("lvcreate", "-an", "-Zn", "--type", "raid1", "-m", "1", "-l", "2", "-n", "q", "vc"));
        assertEquals(" [q_rimage_0] " + f[0] + ":4-5\n [q_rimage_1] " + f[1] + ":1-2\n [r_rimage_0] " + f[0] + ":1-2\n [r_rimage_1] " + f[2] + ":1-2\n",
                h.run("lvs", "-a", "--noheadings", "-o", "lv_name,seg_pe_ranges", "vc/r_rimage_0", "vc/r_rimage_1", "vc/q_rimage_0", "vc/q_rimage_1").out()
                        .replaceAll(" +", " ").replace(" \n", "\n"));
    }
}
