package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;
import ulvm.store.Scan;

/** lvcreate, lvextend, lvreduce, lvresize, lvremove, lvrename: LVM2's messages, placements and refusals. */
class LvCommandsTest {
    @TempDir Path dir;
    Harness h;
    Path a, b, c;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 256 << 20);
        b = h.image("b.img", 256 << 20);
        c = h.image("c.img", 256 << 20);
        ok(h.run("pvcreate", a.toString(), b.toString(), c.toString()));
        ok(h.run("vgcreate", "vg", a.toString(), b.toString(), c.toString()));
    }

    void ok(Harness.Result r) { Harness.ok(r); }

    void refused(int rc, String line, String... args) throws Exception { h.refused(rc, line, args); }

    Vg vg() {
        try (Scan s = h.scan(a, b, c)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    String pvOf(Segment s, int i) {
        String id = ((Area.OnPv) s.areas().get(i)).pvId();
        Vg vg = vg();
        return List.of("a", "b", "c").get(vg.pvIndex(id));
    }

    @Test
    void createsWithLvmMessagesAndPlacements() throws Exception {
        Harness.Result r = h.run("lvcreate", "-L", "10M", "-n", "t1", "vg");
        ok(r);
        assertEquals("  Rounding up size to full physical extent 12.00 MiB\n  Logical volume \"t1\" created.\n", r.out());
        r = h.run("lvcreate", "-i2", "-l", "5", "-n", "st", "vg");
        ok(r);
        assertTrue(r.out().contains("Using default stripesize 64.00 KiB.") && r.out().contains("Rounding size 20.00 MiB (5 extents) up to stripe boundary size 24.00 MiB (6 extents)."), r.out());
        StripedSegment st = (StripedSegment) vg().lv("st").get().segments().get(0);
        assertEquals(2, st.stripes().size());
        assertEquals(128, st.stripeSize());
        assertTrue(!pvOf(st, 0).equals(pvOf(st, 1)), "stripes on different PVs");
        ok(h.run("lvcreate", "-l", "4", "-n", "pe", "vg", c + ":10-13"));
        Segment pe = vg().lv("pe").get().segments().get(0);
        assertEquals("c", pvOf(pe, 0));
        assertEquals(10, ((Area.OnPv) pe.areas().get(0)).pe());
        ok(h.run("lvcreate", "-l", "1", "vg"));
        ok(h.run("lvcreate", "-l", "1", "vg"));
        assertTrue(vg().lv("lvol0").isPresent() && vg().lv("lvol1").isPresent());
        ok(h.run("lvremove", "-y", "vg/lvol0"));
        ok(h.run("lvcreate", "-l", "1", "vg"));
        assertTrue(vg().lv("lvol2").isPresent() && vg().lv("lvol0").isEmpty(), "LVM2 names it after the highest lvolN, not the first gap");
        r = h.run("lvcreate", "-l", "100%FREE", "-n", "rest", "vg");
        ok(r);
        assertEquals(0, vg().totalExtents() - usedExtents(vg()));
    }

    static long usedExtents(Vg vg) {
        long n = 0;
        for (Lv l : vg.lvs()) for (Segment s : l.segments()) n += s.areaLength() * s.areas().size();
        return n;
    }

    @Test
    void createRefusals() throws Exception {
        ok(h.run("lvcreate", "-L", "64M", "-n", "lin", "vg", a.toString()));
        refused(5, "Logical Volume \"lin\" already exists in volume group \"vg\"", "lvcreate", "-l", "1", "-n", "lin", "vg");
        refused(3, "Names starting \"snapshot\" are reserved. Please choose a different LV name.", "lvcreate", "-l", "1", "-n", "snapshot", "vg");
        refused(3, "Names including \"_rimage\" are reserved.", "lvcreate", "-l", "1", "-n", "x_rimage", "vg");
        refused(3, "Logical volume name \"a b\" is invalid.", "lvcreate", "-l", "1", "-n", "a b", "vg");
        refused(3, "Run `lvcreate --help' for more information.", "lvcreate", "-l", "1", "-n", "-foo", "vg");
        refused(5, "Volume group \"vg\" has insufficient free space (173 extents): 256 required.", "lvcreate", "-L", "1G", "-n", "big", "vg");
        refused(5, "Insufficient free space: 48 extents needed, but only 47 available", "lvcreate", "-l", "48", "-n", "big", "vg", a.toString());
        refused(5, "Insufficient suitable allocatable extents for logical volume big: ", "lvcreate", "-i3", "-l", "150", "-n", "big", "vg");
        refused(5, "Insufficient suitable contiguous allocatable extents for logical volume big: 70 more required", "lvcreate", "-l", "70", "--alloc", "contiguous", "-n", "big", "vg");
        refused(3, "--size may not be zero.", "lvcreate", "-L", "0", "-n", "z", "vg");
        refused(3, "--extents may not be zero.", "lvcreate", "-l", "0", "-n", "z", "vg");
        refused(3, "Invalid argument for --size: abc", "lvcreate", "-L", "abc", "-n", "z", "vg");
        refused(5, "Volume group \"nothere\" not found", "lvcreate", "-l", "1", "-n", "z", "nothere");
        refused(5, "PE range error: start extent 1000 to end extent 2000.", "lvcreate", "-l", "1", "-n", "z", "vg", b + ":1000-2000");
        refused(5, "Physical Volume \"" + dir.resolve("x.img") + "\" not found in Volume Group \"vg\".", "lvcreate", "-l", "1", "-n", "z", "vg", dir.resolve("x.img").toString());
        ok(h.run("pvchange", "-x", "n", b.toString()));
        refused(5, "Insufficient free space: 1 extents needed, but only 0 available", "lvcreate", "-l", "1", "-n", "z", "vg", b.toString());
    }

    @Test
    void resizeMessagesAndRefusals() throws Exception {
        ok(h.run("lvcreate", "-L", "32M", "-n", "t", "vg", b.toString()));
        Harness.Result r = h.run("lvextend", "-L", "+8M", "vg/t");
        ok(r);
        assertEquals("  Size of logical volume vg/t changed from 32.00 MiB (8 extents) to 40.00 MiB (10 extents).\n  Logical volume vg/t successfully resized.\n", r.out());
        assertEquals(1, vg().lv("t").get().segments().size(), "extension continues the segment and is merged");
        r = h.run("lvextend", "-L", "65M", "vg/t");
        ok(r);
        assertTrue(r.out().startsWith("  Rounding size to boundary between physical extents: 68.00 MiB.\n"), r.out());
        ok(h.run("lvextend", "-l", "+2", "vg/t", c.toString()));
        assertEquals(2, vg().lv("t").get().segments().size());
        refused(5, "New size given (4 extents) not larger than existing size (19 extents)", "lvextend", "-L", "16M", "vg/t");
        refused(3, "Size may not be negative.", "lvextend", "-L", "-8M", "vg/t");
        refused(3, "Size may not be positive.", "lvreduce", "-L", "+8M", "vg/t");
        refused(5, "Logical volume nothere not found in volume group vg.", "lvextend", "-L", "+8M", "vg/nothere");
        refused(3, "Please specify a logical volume path.", "lvextend", "-L", "+8M", "t");
        refused(5, "Insufficient free space: 200 extents needed, but only 170 available", "lvextend", "-l", "+200", "vg/t");
        refused(5, "New size (19 extents) matches existing size (19 extents).", "lvresize", "-l", "19", "vg/t");
        refused(5, "Unable to reduce vg/t below 1 extent.", "lvreduce", "-l", "-19", "-y", "vg/t");
        // lvreduce asks; no answer means no
        r = h.run("lvreduce", "-L", "-8M", "vg/t");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().contains("Do you really want to reduce vg/t? [y/n]: [n]"), r.toString());
        assertEquals(19, vg().lv("t").get().extents());
        r = h.runWithInput("y\n", "lvreduce", "-L", "-8M", "vg/t");
        ok(r);
        assertEquals(17, vg().lv("t").get().extents());
        ok(h.run("lvreduce", "-y", "-l", "8", "vg/t"));
        assertEquals(1, vg().lv("t").get().segments().size(), "reduced back into its first segment");
        ok(h.run("lvresize", "-L", "+8M", "vg/t"));
        ok(h.run("lvresize", "-f", "-L", "-8M", "vg/t"));
        assertEquals(8, vg().lv("t").get().extents());
    }

    @Test
    void removeAndRename() throws Exception {
        ok(h.run("lvcreate", "-l", "2", "-n", "one", "vg"));
        ok(h.run("lvcreate", "-l", "2", "-n", "two", "vg"));
        Harness.Result r = h.run("lvrename", "vg", "one", "uno");
        ok(r);
        assertEquals("  Renamed \"one\" to \"uno\" in volume group \"vg\"\n", r.out());
        ok(h.run("lvrename", "vg/uno", "vg/one"));
        refused(5, "Logical Volume \"two\" already exists in volume group \"vg\"", "lvrename", "vg/one", "two");
        refused(3, "Old and new logical volume names must differ", "lvrename", "vg", "one", "one");
        refused(5, "Existing logical volume \"nothere\" not found in volume group \"vg\"", "lvrename", "vg", "nothere", "x");
        refused(3, "Logical volume names must have the same volume group (\"vg\" or \"vg3\")", "lvrename", "vg/one", "vg3/one");
        refused(5, "Failed to find logical volume \"vg/nothere\"", "lvremove", "vg/nothere");
        r = h.run("lvremove", "vg/one", "vg/two");
        ok(r);
        assertEquals("  Logical volume \"one\" successfully removed.\n  Logical volume \"two\" successfully removed.\n", r.out());
        assertTrue(vg().lvs().isEmpty());
    }

    @Test
    void reportsReadWhatCommandsWrote() throws Exception {
        ok(h.run("lvcreate", "-L", "64M", "-n", "lin", "vg", a.toString()));
        ok(h.run("lvcreate", "-i2", "-I64k", "-L", "32M", "-n", "str", "vg"));
        Harness.Result r = h.run("lvs", "--noheadings", "--separator", "|", "-o", "lv_name,seg_start_pe,seg_size_pe,devices,segtype,stripes");
        ok(r);
        assertEquals("  lin|0|16|" + a + "(0)|linear|1\n  str|0|8|" + a + "(16)," + b + "(0)|striped|2\n", r.out());
        r = h.run("lvs", "vg/nope", "vg/lin");
        assertEquals(5, r.rc());
        assertTrue(r.out().contains("lin") && r.err().contains("Failed to find logical volume \"vg/nope\""), r.toString());
        r = h.run("vgs", "--reportformat", "json", "-o", "vg_name,lv_count");
        ok(r);
        assertTrue(r.out().contains("\"vg_name\":\"vg\"") && r.out().contains("\"lv_count\":\"2\""), r.out());
        r = h.run("lvs", "-o", "bogus");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().contains("Unrecognised field: bogus"), r.toString());
    }
}
