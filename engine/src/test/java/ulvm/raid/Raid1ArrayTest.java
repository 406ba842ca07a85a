package ulvm.raid;

import ulvm.model.Section;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static ulvm.raid.RaidModel.NOTSYNCED;
import static ulvm.raid.RaidModel.random;
import static ulvm.raid.RaidModel.read;
import static ulvm.raid.RaidModel.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import ulvm.bitmap.BitmapRecord;
import ulvm.bitmap.RecordCodec;
import ulvm.bitmap.RecordSlots;
import ulvm.bitmap.RegionSet;
import ulvm.format.ConfigSection;
import ulvm.io.MemoryDevice;

/** A running raid1 array on in-memory PVs: ordering, resync, split/merge, lazy clear. */
class Raid1ArrayTest {
    private static final long QUIET = 60_000; // bits stay unless a test wants them swept

    @Test
    void aNewArraySyncsInFullFromTheFirstImage() throws Exception {
        RaidModel m = new RaidModel(3, 4);
        m.pv(0).poke(m.imagePos(0), random(1, (int) (4 * RaidModel.EXTENT)));
        Raid1Array a = m.open(QUIET);
        m.waitForMessage("initial sync of r1_rimage_1 done: 64 regions copied");
        m.waitForMessage("initial sync of r1_rimage_2 done: 64 regions copied");
        m.assertLegsEqual(0, 1);
        m.assertLegsEqual(0, 2);
        assertEquals(new RaidStatus(64, 64, "idle", 0, "AAA"), a.status());
        a.close();
        // the records now name every image a member: the next activation copies nothing
        m.messages.clear();
        Raid1Array again = m.open(QUIET);
        assertEquals(100.0, again.status().percent());
        again.close();
        assertEquals(List.of(), m.messages);
    }

    @Test
    void notSyncedIsInSyncAtOnce() throws Exception {
        RaidModel m = new RaidModel(2, 2, NOTSYNCED, List.of());
        Raid1Array a = m.open(QUIET);
        assertEquals(new RaidStatus(32, 32, "idle", 0, "AA"), a.status());
        a.close();
        assertEquals(List.of(), m.messages);
    }

    @Test
    void theBitIsDurableBeforeAnyLegSeesTheDataAndADirtyRegionCostsNoRecord() throws Exception {
        RaidModel m = new RaidModel(2, 2, NOTSYNCED, List.of());
        Raid1Array a = m.open(QUIET);
        m.journal.clear();
        long off = 5 * RaidModel.REGION + 100;
        write(a, off, random(2, 3000));
        List<MemoryDevice.Event> ev = new ArrayList<>(m.journal);
        int firstData = -1;
        int lastDurable = -1;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.get(i).kind().equals("write") && firstData < 0) firstData = i;
            if (ev.get(i).kind().equals("durable")) lastDurable = i;
        }
        assertTrue(firstData >= 0 && lastDurable >= 0 && lastDurable < firstData, "journal: " + ev);
        assertEquals(2, ev.stream().filter(e -> e.kind().equals("durable")).count(), "one record on each rmeta: " + ev);
        for (int i = 0; i < 2; i++) assertEquals("{5}", RecordSlots.read(m.rmeta(i)).orElseThrow().dirty().toString());
        m.journal.clear();
        write(a, off + 4096, random(3, 4096));
        assertTrue(m.journal.stream().noneMatch(e -> e.kind().equals("durable")), "a dirty region writes no record: " + m.journal);
        assertArrayEquals(m.region(0, 5), m.region(1, 5));
        a.close();
    }

    @Test
    void afterACrashExactlyTheDirtyRegionsAreResynced() throws Exception {
        RaidModel m = new RaidModel(2, 4);
        long count = m.regions();
        RegionSet dirty = new RegionSet(count);
        dirty.set(3);
        dirty.set(7);
        BitmapRecord rec = new BitmapRecord(9, RaidModel.REGION_SECTORS, count, List.of("image0", "image1"), null, dirty, new RegionSet(count));
        for (int i = 0; i < 2; i++) RecordSlots.write(m.rmeta(i), 9, RecordCodec.encode(rec));
        for (long r : new long[] {3, 7, 10}) m.pv(0).poke(m.imagePos(r * RaidModel.REGION), random(r, (int) RaidModel.REGION));
        Raid1Array a = m.open(QUIET);
        // reads of a region still pending come from the source
        assertArrayEquals(m.region(0, 10), read(a, 10 * RaidModel.REGION, (int) RaidModel.REGION));
        m.waitForMessage("vg/r1: resync done: 2 regions copied");
        assertArrayEquals(m.region(0, 3), m.region(1, 3));
        assertArrayEquals(m.region(0, 7), m.region(1, 7));
        assertFalse(Arrays.equals(m.region(0, 10), m.region(1, 10)), "a clean region is not copied");
        a.close();
        assertEquals(0, RecordSlots.newest(List.of(m.rmeta(0), m.rmeta(1))).orElseThrow().dirty().cardinality(),
                "a clean stop clears the resynced bits");
    }

    @Test
    void splitTracksWritesAndMergeCopiesExactlyThem() throws Exception {
        RaidModel m = new RaidModel(3, 4, NOTSYNCED, List.of());
        Raid1Array a = m.open(QUIET);
        write(a, 0, random(4, (int) (4 * RaidModel.EXTENT)));
        m.imageWritable(2, false);
        m.commit(a);
        assertEquals("AAa", a.status().legs());
        byte[] split = m.image(2, 0, (int) (4 * RaidModel.EXTENT));
        long[] written = {1, 17, 40, 63};
        for (long r : written) {
            write(a, r * RaidModel.REGION + 512, random(r + 100, 5000));
            write(a, r * RaidModel.REGION + 9000, random(r + 200, 700));
        }
        assertArrayEquals(split, m.image(2, 0, split.length), "the split image does not change");
        assertArrayEquals(m.region(0, 17), m.region(1, 17));
        m.imageWritable(2, true);
        m.commit(a);
        m.waitForMessage("vg/r1: merge of r1_rimage_2 done: 4 regions copied");
        m.assertLegsEqual(0, 2);
        BitmapRecord rec = RecordSlots.newest(List.of(m.rmeta(0))).orElseThrow();
        assertEquals(null, rec.trackedId());
        assertEquals(0, rec.trackedRegions().cardinality());
        a.close();
    }

    @Test
    void aMergeKilledHalfwayResumesWithTheRemainingBits() throws Exception {
        // 256 KiB/s at 64 KiB regions: about four regions a second
        List<Section.Entry> rate = List.of(new Section.Entry("max_recovery_rate", 256L, null));
        RaidModel m = new RaidModel(2, 4, NOTSYNCED, rate);
        Raid1Array a = m.open(QUIET);
        m.imageWritable(1, false);
        m.commit(a);
        for (long r = 0; r < 12; r++) write(a, r * RaidModel.REGION, random(r, 1000));
        m.imageWritable(1, true);
        m.commit(a);
        long deadline = System.currentTimeMillis() + 20_000;
        long left;
        do {
            Thread.sleep(20);
            left = RecordSlots.newest(List.of(m.rmeta(0), m.rmeta(1))).orElseThrow().trackedRegions().cardinality();
        } while (left > 8 && System.currentTimeMillis() < deadline);
        a.abandon(); // kill -9: nothing more is written
        left = RecordSlots.newest(List.of(m.rmeta(0), m.rmeta(1))).orElseThrow().trackedRegions().cardinality();
        assertTrue(left > 0 && left < 12, "left " + left);
        m.messages.clear();
        Raid1Array again = m.open(QUIET);
        m.waitForMessage("vg/r1: merge of r1_rimage_1 done: " + left + " regions copied");
        m.assertLegsEqual(0, 1);
        again.close();
    }

    @Test
    void aWriteDuringACopyWaitsForIt() throws Exception {
        RaidModel m = new RaidModel(2, 1, NOTSYNCED, List.of());
        Raid1Array a = m.open(QUIET);
        m.imageWritable(1, false);
        m.commit(a);
        write(a, 3 * RaidModel.REGION, random(1, (int) RaidModel.REGION));
        byte[] late = random(2, 4096);
        Thread[] writer = new Thread[1];
        List<Throwable> failed = new ArrayList<>();
        long regionAt = m.imagePos(3 * RaidModel.REGION);
        m.pv(0).onRead((pos, len) -> {
            // the merge is reading region 3 from the source: a write to it starts now and must wait for the copy
            if (pos == regionAt && writer[0] == null && Thread.currentThread().getName().startsWith("raid1")) {
                writer[0] = new Thread(() -> {
                    try {
                        write(a, 3 * RaidModel.REGION, late);
                    } catch (Throwable t) {
                        failed.add(t);
                    }
                });
                writer[0].start();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    throw new java.io.IOException(e);
                }
            }
        });
        m.imageWritable(1, true);
        m.commit(a);
        m.waitForMessage("merge of r1_rimage_1 done: 1 regions copied");
        writer[0].join();
        assertEquals(List.of(), failed);
        assertArrayEquals(late, m.image(0, 3 * RaidModel.REGION, 4096));
        assertArrayEquals(m.region(0, 3), m.region(1, 3), "copy and write never interleave");
        a.close();
    }

    @Test
    void idleBitsAreClearedLazily() throws Exception {
        RaidModel m = new RaidModel(2, 1, NOTSYNCED, List.of());
        Raid1Array a = m.open(30);
        write(a, 0, random(1, 100));
        write(a, 5 * RaidModel.REGION, random(2, 100));
        long deadline = System.currentTimeMillis() + 10_000;
        while (a.dirtyRegions() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertEquals(0, a.dirtyRegions());
        assertTrue(m.journal.stream().anyMatch(e -> e.kind().equals("flush")), "legs forced before the bits went");
        assertEquals(0, RecordSlots.newest(List.of(m.rmeta(0))).orElseThrow().dirty().cardinality());
        a.close();
    }

    @Test
    void aFailingLegDegradesTheArrayAndKeepsTheBits() throws Exception {
        RaidModel m = new RaidModel(2, 1, NOTSYNCED, List.of());
        Raid1Array a = m.open(30);
        m.pv(1).failing(true);
        byte[] data = random(5, 4096);
        write(a, 0, data);
        assertArrayEquals(data, read(a, 0, 4096));
        assertEquals("AD", a.status().legs());
        Thread.sleep(200);
        assertEquals(1, a.dirtyRegions(), "a degraded array keeps its bits");
        a.close();
        BitmapRecord rec = RecordSlots.read(m.rmeta(0)).orElseThrow();
        assertEquals(List.of("image0"), rec.members());
        assertEquals("{0}", rec.dirty().toString());
    }

    @Test
    void checkCountsAndRepairFixesMismatches() throws Exception { // dm-raid counts whole 64 KiB resync blocks: 2 x 128 sectors
        RaidModel m = new RaidModel(2, 1, NOTSYNCED, List.of());
        Raid1Array a = m.open(QUIET);
        m.pv(1).poke(m.imagePos(2 * RaidModel.REGION + 1024), new byte[] {1, 2, 3});
        m.pv(1).poke(m.imagePos(9 * RaidModel.REGION), new byte[1024 + 1]);
        m.pv(0).poke(m.imagePos(9 * RaidModel.REGION), random(9, 1025));
        a.syncAction("check");
        m.waitForMessage("vg/r1: check done: 256 mismatched sectors");
        assertEquals(new RaidStatus(16, 16, "idle", 256, "AA"), a.status());
        a.syncAction("repair");
        m.waitForMessage("vg/r1: repair done: 256 mismatched sectors");
        m.assertLegsEqual(0, 1);
        a.close();
    }
}
