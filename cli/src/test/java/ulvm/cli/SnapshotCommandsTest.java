package ulvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.model.Area;
import ulvm.model.SnapshotSegment;
import ulvm.model.Vg;
import ulvm.ops.Session;
import ulvm.snapshot.CowFormat;
import ulvm.snapshot.SnapshotStatus;
import ulvm.store.Scan;

/** lvremove, lvrename, lvextend/lvreduce, lvchange and the reports of snapshots and their origins. */
class SnapshotCommandsTest {
    @TempDir Path dir;
    Harness h;
    Path a, b;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(dir);
        a = h.image("a.img", 64 << 20);
        b = h.image("b.img", 64 << 20);
        Harness.ok(h.run("pvcreate", a.toString(), b.toString()));
        Harness.ok(h.run("vgcreate", "-s", "1m", "vg", a.toString(), b.toString()));
        Harness.ok(h.run("lvcreate", "-L", "20m", "-n", "lin", "vg"));
        Harness.ok(h.run("lvcreate", "-s", "-L", "4m", "-n", "snap", "vg/lin"));
    }

    Vg vg() {
        try (Scan s = h.scan(a, b)) {
            return s.vg("vg").orElseThrow().vg();
        }
    }

    /** Hooks of a daemon where {@code active} LVs are active and every snapshot reports {@code st}. */
    static Session.LiveHooks live(Set<String> active, SnapshotStatus st) {
        return new Session.LiveHooks() {
            @Override public boolean isActive(String vg, String lv) { return active.contains(lv); }

            @Override public SnapshotStatus snapshotStatus(String vg, String cowLv) { return active.contains(cowLv) ? st : null; }

            @Override public boolean activate(Vg vg, java.util.Set<String> lvs, boolean on) { activated.add((on ? "+" : "-") + lvs); return true; }
        };
    }

    static final java.util.List<String> activated = new java.util.ArrayList<>();

    @Test
    void removeASnapshotTakesItsInternalLvAndLeavesTheOrigin() throws Exception {
        h.refused(5, "Failed to find logical volume \"vg/snapshot0\"", "lvremove", "-y", "vg/snapshot0");
        Harness.Result r = h.run("lvremove", "vg/snap");
        Harness.ok(r);
        assertEquals("  Logical volume \"snap\" successfully removed.\n", r.out());
        Vg vg = vg();
        assertFalse(vg.lv("snap").isPresent());
        assertFalse(vg.lv("snapshot0").isPresent());
        assertEquals("  lin  -wi------- 20.00m\n", h.run("lvs", "--noheadings", "-o", "name,attr,size").out());
    }

    @Test
    void removeAnOriginTakesItsSnapshotsAndAsksWhenActive() throws Exception {
        Harness.ok(h.run("lvcreate", "-s", "-L", "4m", "-n", "snap2", "vg/lin"));
        // active: LVM2's question; "n" keeps everything
        String before = h.fingerprint();
        Harness.Result r = h.runWith(live(Set.of("lin", "snap", "snap2"), null), "n\n", "lvremove", "vg/lin");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().contains("Do you really want to remove active origin logical volume vg/lin with 2 snapshots(s)? [y/n]: "), r.toString());
        assertTrue(r.err().contains("Logical volume vg/lin not removed."), r.toString());
        assertEquals(before, h.fingerprint());
        r = h.runWith(live(Set.of("lin", "snap", "snap2"), null), null, "lvremove", "-f", "vg/lin");
        Harness.ok(r);
        assertEquals("  Logical volume \"snap\" successfully removed.\n  Logical volume \"snap2\" successfully removed.\n"
                + "  Logical volume \"lin\" successfully removed.\n", r.out());
        assertTrue(vg().lvs().isEmpty(), vg().lvs().toString());
    }

    @Test
    void removeAllOfAVgCopesWithOriginsTakingTheirSnapshots() throws Exception {
        Harness.ok(h.run("lvcreate", "-L", "2m", "-n", "other", "vg"));
        Harness.Result r = h.run("lvremove", "-y", "vg");
        Harness.ok(r);
        assertTrue(vg().lvs().isEmpty());
        assertEquals(3, r.out().lines().count(), r.toString());
    }

    @Test
    void renamesFollowIntoTheSnapshotSegment() throws Exception {
        Harness.ok(h.run("lvrename", "vg/snap", "vg/backup"));
        Harness.ok(h.run("lvrename", "vg", "lin", "data"));
        SnapshotSegment seg = (SnapshotSegment) vg().lv("snapshot0").orElseThrow().segments().get(0);
        assertEquals("data", seg.origin());
        assertEquals("backup", seg.cowStore());
        assertEquals("  backup swi---s--- data  \n  data   owi---s---       \n", h.run("lvs", "--noheadings", "-o", "name,attr,origin").out());
        h.refused(3, "Names starting \"snapshot\" are reserved.", "lvrename", "vg/backup", "vg/snapshot7");
        h.refused(5, "Existing logical volume \"snapshot0\" not found in volume group \"vg\"", "lvrename", "vg/snapshot0", "vg/x");
    }

    @Test
    void extendingACowStopsAtTheLargestUsefulSize() throws Exception {
        Harness.Result r = h.run("lvextend", "-L", "+2m", "vg/snap");
        Harness.ok(r);
        assertEquals("  Size of logical volume vg/snap changed from 4.00 MiB (4 extents) to 6.00 MiB (6 extents).\n"
                + "  Logical volume vg/snap successfully resized.\n", r.out());
        r = h.run("lvextend", "-l", "+100", "vg/snap");
        Harness.ok(r);
        assertEquals("  Reached maximum COW size 21.00 MiB (21 extents).\n"
                + "  Size of logical volume vg/snap changed from 6.00 MiB (6 extents) to 21.00 MiB (21 extents).\n"
                + "  Logical volume vg/snap successfully resized.\n", r.out());
        String before = h.fingerprint();
        r = h.run("lvextend", "-l", "+1", "vg/snap");
        Harness.ok(r);
        assertEquals("  Reached maximum COW size 21.00 MiB (21 extents).\n"
                + "  Size of logical volume vg/snap unchanged from 21.00 MiB (21 extents).\n"
                + "  Logical volume vg/snap successfully resized.\n", r.out());
        assertEquals(before, h.fingerprint(), "nothing to write");
        h.refused(5, "Specified LV does not have an origin LV.", "lvextend", "-l", "50%ORIGIN", "vg/lin");
        Harness.ok(h.run("lvreduce", "-y", "-l", "50%ORIGIN", "vg/snap"));
        assertEquals(10, vg().lv("snap").orElseThrow().extents());
    }

    @Test
    void originsGrowOnlyWhileInactiveAndNeverShrink() throws Exception {
        h.refused(5, "Snapshot origin volumes cannot be reduced in size yet.", "lvreduce", "-y", "-L", "-4m", "vg/lin");
        String before = h.fingerprint();
        Harness.Result r = h.runWith(live(Set.of("lin", "snap"), null), null, "lvextend", "-L", "+4m", "vg/lin");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().contains("Snapshot origin volumes can be resized only while inactive: try lvchange -an."), r.toString());
        assertEquals(before, h.fingerprint());
        Harness.ok(h.run("lvextend", "-L", "+4m", "vg/lin"));
        assertEquals(24, vg().lv("lin").orElseThrow().extents());
        // LVM2 leaves the snapshot's own size (snapshotN) as it was taken
        assertEquals(20, vg().lv("snapshot0").orElseThrow().extents());
    }

    /** Writes a store with {@code exceptions} exceptions (4 KiB chunks) at the start of the COW LV. */
    void writeStore(int exceptions) throws Exception {
        Vg vg = vg();
        Area.OnPv p = (Area.OnPv) vg.lv("snap").orElseThrow().segments().get(0).areas().get(0);
        long base = vg.pvs().stream().filter(x -> x.id().equals(p.pvId())).findFirst().orElseThrow().peStart() * 512 + p.pe() * (1L << 20);
        Path img = Path.of(vg.pvs().stream().filter(x -> x.id().equals(p.pvId())).findFirst().orElseThrow().device());
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(CowFormat.Header.fresh(8).encode()), base);
            // area k at chunk 1 + 257k indexes the 256 data chunks after it
            for (int k = 0; k * 256 < exceptions; k++) {
                ByteBuffer area = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
                long at = 1 + 257L * k;
                for (int i = 0; i < 256 && k * 256 + i < exceptions; i++) area.putLong(k * 256 + i).putLong(at + 1 + i);
                ch.write(area.clear(), base + at * 4096);
            }
        }
    }

    @Test
    void aCowCannotShrinkBelowWhatItsStoreUses() throws Exception {
        Harness.ok(h.run("lvextend", "-L", "+4m", "vg/snap"));
        // 2 MiB of exceptions: 512 data chunks after the header and the first area
        writeStore(256 + 200);
        // 2 + 456 = 458 chunks but area 1 sits at chunk 258: the next free chunk is 459, 1.79 MiB
        h.refused(5, "Cannot reduce snapshot vg/snap to 1.00 MiB: its COW store uses <1.79 MiB (2 extents).", "lvreduce", "-y", "-L", "1m", "vg/snap");
        Harness.ok(h.run("lvreduce", "-y", "-L", "2m", "vg/snap"));
        // live: what the snapshot reports counts, not the images
        String before = h.fingerprint();
        Harness.Result r = h.runWith(live(Set.of("lin", "snap"), new SnapshotStatus(true, 2048 * 2 - 8, 4096, 16, false)), null,
                "lvreduce", "-y", "-L", "1m", "vg/snap");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().contains("its COW store uses <1.99 MiB (2 extents)."), r.toString());
        assertEquals(before, h.fingerprint());
    }

    @Test
    void reportsShowOriginDataPercentAndState() throws Exception {
        Harness.ok(h.run("lvcreate", "-s", "-L", "4m", "-p", "r", "-n", "ro", "vg/lin"));
        // offline: no Data%
        assertEquals("  lin  owi---s---                     \n  ro   sri---s--- lin                 \n  snap swi---s--- lin                 \n",
                h.run("lvs", "--noheadings", "-o", "name,attr,origin,data_percent,snap_percent").out());
        Session.LiveHooks hooks = new Session.LiveHooks() {
            @Override public boolean isActive(String vg, String lv) { return true; }

            @Override public SnapshotStatus snapshotStatus(String vg, String cowLv) {
                return cowLv.equals("snap") ? new SnapshotStatus(true, 1024, 8192, 16, false) : new SnapshotStatus(false, 8192, 8192, 16, false);
            }
        };
        Harness.Result r = h.runWith(hooks, null, "lvs", "--noheadings", "-o", "name,attr,origin,data_percent,snap_percent");
        Harness.ok(r);
        assertEquals("  lin  owi-a-s---                     \n  ro   sri-I-s--- lin    100.00 100.00\n  snap swi-a-s--- lin    12.50  12.50 \n", r.out());
        r = h.runWith(hooks, null, "lvdisplay", "vg/snap", "vg/ro", "vg/lin");
        Harness.ok(r);
        String out = r.out();
        assertTrue(out.contains("  LV snapshot status     source of\n                         snap [active]\n                         ro [INACTIVE]\n"), out);
        assertTrue(out.contains("  LV snapshot status     active destination for lin\n"), out);
        assertTrue(out.contains("  LV snapshot status     INACTIVE destination for lin\n"), out);
        assertTrue(out.contains("  COW-table size         4.00 MiB\n  COW-table LE           4\n  Allocated to snapshot  12.50%\n  Snapshot chunk size    4.00 KiB\n"), out);
        assertEquals(1, out.split("Allocated to snapshot", -1).length - 1, "an invalid snapshot shows no allocation");
    }

    @Test
    void activatingASnapshotActivatesItsOrigin() throws Exception {
        activated.clear();
        Harness.Result r = h.runWith(live(Set.of(), null), "n\n", "lvchange", "-ay", "vg/snap");
        assertEquals(5, r.rc(), r.toString());
        assertTrue(r.err().contains("Change of snapshot vg/snap will also change its origin vg/lin. Proceed? [y/n]: "), r.toString());
        assertTrue(activated.isEmpty());
        r = h.runWith(live(Set.of(), null), null, "lvchange", "-y", "-ay", "vg/snap");
        Harness.ok(r);
        assertEquals("[+[lin]]", activated.toString());
    }
}
