package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.store.Scan;

/** lvextend, lvreduce, lvresize of raid1 LVs and lvdisplay of their sub-LVs: layouts, LVM2's messages and refusals. */
class RaidResizeTest {
    @TempDir Path dir;
    Harness h;
    Path a, b, c;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 128 << 20);
        b = h.image("b.img", 128 << 20);
        c = h.image("c.img", 128 << 20);
        Harness.ok(h.run("pvcreate", a.toString(), b.toString(), c.toString()));
        Harness.ok(h.run("vgcreate", "vg", a.toString(), b.toString(), c.toString()));
    }

    Vg vg() {
        try (Scan s = h.scan(a, b, c)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    /** "pvName:start-end" per segment of an LV. */
    List<String> ranges(String lv) {
        Vg vg = vg();
        List<String> out = new ArrayList<>();
        for (Segment s : vg.lv(lv).orElseThrow().segments()) {
            Area.OnPv p = (Area.OnPv) s.areas().get(0);
            String pv = vg.pvs().stream().filter(x -> x.id().equals(p.pvId())).findFirst().orElseThrow().device();
            out.add(Path.of(pv).getFileName() + ":" + p.pe() + "-" + (p.pe() + s.areaLength() - 1));
        }
        return out;
    }

    @Test
    void extendGrowsEveryImageOnItsOwnPv() throws Exception {
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "1", "-l", "4", "-n", "r", "vg"));
        Harness.ok(h.run("lvcreate", "-l", "2", "-n", "blk", "vg", a.toString()));
        Harness.Result r = h.run("lvextend", "-l", "+3", "vg/r");
        Harness.ok(r);
        assertEquals("  Extending 2 mirror images.\n"
                + "  Size of logical volume vg/r changed from 16.00 MiB (4 extents) to 28.00 MiB (7 extents).\n"
                + "  Logical volume vg/r successfully resized.\n", r.out());
        // what LVM2 2.03.16 allocates here: image 0 clings to its PV past blk, image 1 continues
        assertEquals(List.of("a.img:1-4", "a.img:7-9"), ranges("r_rimage_0"));
        assertEquals(List.of("b.img:1-7"), ranges("r_rimage_1"));
        assertEquals(List.of("a.img:0-0"), ranges("r_rmeta_0"));
        RaidSegment seg = (RaidSegment) vg().lv("r").orElseThrow().segments().get(0);
        assertEquals(7, seg.count());
        assertEquals(4096, seg.regionSize());
        // -m naming the current legs is quiet; another count is refused
        r = h.run("lvextend", "-m", "1", "-L", "+4m", "vg/r");
        Harness.ok(r);
        assertFalse(r.out().contains("mirror images"), r.toString());
        h.refused(5, "Cannot vary number of mirrors in LV yet.", "lvextend", "-m", "2", "-l", "+1", "vg/r");
        h.refused(5, "Unable to extend \"raid1\" segment type with different number of stripes.", "lvextend", "-i", "2", "-l", "+1", "vg/r");
        h.refused(3, "Mirrors argument may not be signed.", "lvextend", "-m", "+1", "-l", "+1", "vg/r");
        h.refused(5, "New size given (2 extents) not larger than existing size (8 extents)", "lvextend", "-l", "2", "vg/r");
    }

    @Test
    void imagesNeverShareAPvWhenTheirOwnIsFull() throws Exception {
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "1", "-l", "4", "-n", "r", "vg"));
        Harness.ok(h.run("lvcreate", "-l", "26", "-n", "fill", "vg", a.toString()));
        Harness.ok(h.run("lvextend", "-l", "+3", "vg/r"));
        // LVM2 2.03.16 would put image 0's extension on b (image 1's PV): ulvm keeps the legs apart
        assertEquals(List.of("a.img:1-4", "c.img:0-2"), ranges("r_rimage_0"));
        assertEquals(List.of("b.img:1-7"), ranges("r_rimage_1"));
        Harness.ok(h.run("lvcreate", "-l", "28", "-n", "fill2", "vg", c.toString()));
        h.refused(5, "Insufficient suitable allocatable extents for logical volume r: 2 more required", "lvextend", "-l", "+1", "vg/r");
        h.refused(5, "Insufficient free space: 200 extents needed, but only 23 available", "lvextend", "-l", "+100", "vg/r");
    }

    @Test
    void percentagesCountPhysicalExtentsAsLvm2() throws Exception {
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "1", "-l", "4", "-n", "s", "vg"));
        // free 93 - 10 = 83; 50% rounds up to 42 PEs, 21 per image
        Harness.Result r = h.run("lvextend", "-l", "+50%FREE", "vg/s");
        Harness.ok(r);
        assertTrue(r.out().contains("changed from 16.00 MiB (4 extents) to 100.00 MiB (25 extents)."), r.toString());
        // 100%VG: capped to the LV plus the free space; as many extents as fit in parallel, here none on a and b
        r = h.run("lvextend", "-l", "+100%FREE", "vg/s");
        Harness.ok(r);
        assertTrue(r.out().contains("changed from 100.00 MiB (25 extents) to 120.00 MiB (30 extents)."), r.toString());
        assertEquals(List.of("a.img:1-30"), ranges("s_rimage_0"));
        String before = h.fingerprint();
        r = h.run("lvextend", "-l", "100%VG", "vg/s");
        Harness.ok(r);
        assertEquals("  Reducing 100%VG to remaining free space 244.00 MiB in VG.\n"
                + "  Size of logical volume vg/s unchanged from 120.00 MiB (30 extents).\n"
                + "  Logical volume vg/s successfully resized.\n", r.out());
        assertEquals(before, h.fingerprint());
    }

    @Test
    void notSyncedArrayAsksBeforeExtendingWhileInactive() throws Exception {
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "1", "-l", "4", "--nosync", "-n", "r", "vg"));
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "1", "-l", "4", "-n", "s", "vg"));
        h.refused(5, "Unable to read sync percent while LV vg/r is not locally active.", "lvextend", "-y", "-l", "+1", "vg/r");
        h.refused(5, "Unable to read sync percent while LV vg/s is not locally active.", "lvextend", "--nosync", "-l", "+1", "vg/s");
        Harness.Result r = h.runWithInput("y\n", "lvextend", "-l", "+1", "vg/r");
        Harness.ok(r);
        assertTrue(r.err().contains("Do full resync of extended portion of vg/r?  [y/n]: "), r.toString());
        assertTrue(vg().lv("r").orElseThrow().hasStatus("NOTSYNCED"));
        Harness.ok(h.run("lvextend", "-l", "+1", "vg/s"));
        assertFalse(vg().lv("s").orElseThrow().hasStatus("NOTSYNCED"));
        // active (a daemon): the extension of an unsynced array is simply not synced, no question
        Set<String> active = Set.of("r", "s");
        var hooks = new ulvm.ops.Session.LiveHooks() {
            @Override public boolean isActive(String vg, String lv) { return active.contains(lv); }
        };
        Harness.ok(h.runWith(hooks, null, "lvextend", "--nosync", "-l", "+1", "vg/s"));
        assertTrue(vg().lv("s").orElseThrow().hasStatus("NOTSYNCED"));
        assertEquals(6, vg().lv("s_rimage_1").orElseThrow().extents());
    }

    @Test
    void reduceShrinksEveryImageAndAsks() throws Exception {
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "2", "-l", "6", "-n", "r", "vg"));
        h.refused(5, "Logical volume r NOT reduced.", "lvreduce", "-l", "-2", "vg/r");
        Harness.Result r = h.run("lvreduce", "-f", "-L", "-9m", "vg/r");
        Harness.ok(r);
        assertEquals("  Rounding size to boundary between physical extents: 8.00 MiB.\n"
                + "  Size of logical volume vg/r changed from 24.00 MiB (6 extents) to 16.00 MiB (4 extents).\n"
                + "  Logical volume vg/r successfully resized.\n", r.out());
        for (String img : List.of("r_rimage_0", "r_rimage_1", "r_rimage_2")) assertEquals(4, vg().lv(img).orElseThrow().extents());
        assertEquals(1, vg().lv("r_rmeta_2").orElseThrow().extents());
        assertEquals(4, vg().lv("r").orElseThrow().extents());
        h.refused(5, "Unable to reduce vg/r below 1 extent.", "lvreduce", "-y", "-l", "-4", "vg/r");
        h.refused(5, "New size given (5 extents) not less than existing size (4 extents)", "lvreduce", "-y", "-l", "5", "vg/r");
        h.refused(3, "Command does not accept argument: " + a + ".", "lvreduce", "-y", "-l", "-1", "vg/r", a.toString());
        r = h.run("lvresize", "-y", "-l", "2", "vg/r", a.toString());
        Harness.ok(r);
        assertTrue(r.out().startsWith("  Ignoring PVs on command line when reducing.\n"), r.toString());
        assertEquals(List.of("a.img:1-2"), ranges("r_rimage_0"));
        r = h.run("lvresize", "-l", "+2", "vg/r", b.toString(), c.toString(), a.toString());
        Harness.ok(r);
        assertEquals(List.of("b.img:1-4"), ranges("r_rimage_1"));
    }

    @Test
    void lvdisplayShowsSubLvsWithAllAndRaidMaps() throws Exception {
        Harness.ok(h.run("lvcreate", "--type", "raid1", "-m", "1", "-l", "2", "-n", "r", "vg"));
        Harness.Result r = h.run("lvdisplay", "-a", "-m", "vg");
        Harness.ok(r);
        String out = r.out();
        assertTrue(out.contains("  Internal LV Name       r_rimage_1\n"), out);
        assertTrue(out.contains("  Internal LV Name       r_rmeta_0\n"), out);
        assertTrue(out.indexOf("LV Name                r\n") < out.indexOf("Internal LV Name       r_rimage_0"), out);
        assertTrue(out.contains("  Mirrored volumes       2\n  Segments               1\n"), out);
        assertTrue(out.contains("    Type\t\traid1\n    Monitoring\t\t\n    Raid Data LV 0\n      Logical volume\tr_rimage_0\n"
                + "      Logical extents\t0 to 1\n    Raid Data LV 1\n"), out);
        assertTrue(out.contains("    Raid Metadata LV 0\tr_rmeta_0\n    Raid Metadata LV 1\tr_rmeta_1\n   \n   \n"), out);
        assertFalse(h.run("lvdisplay", "vg").out().contains("r_rimage_0\n  VG Name"));
    }
}
