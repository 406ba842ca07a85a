package ulvm.snapshot;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import ulvm.io.BlockDevice;
import ulvm.io.MemoryDevice;
import ulvm.mapping.LvTable;
import ulvm.mapping.StripedTarget;
import ulvm.mapping.Target;

class SnapshotOriginTest {
    static final int CB = 4096; // 8-sector chunks: 256 records per exception area
    static final int ORIGIN = 1 << 20;

    final MemoryDevice pv = new MemoryDevice("pv", 8 << 20);

    static LvTable table(BlockDevice d, long base, long size) {
        return new LvTable(new long[] {0}, new Target[] {new StripedTarget(new BlockDevice[] {d}, new long[] {base}, 0)}, size);
    }

    LvTable origin() { return table(pv, 0, ORIGIN); }

    LvTable cowTable(int i, long size) { return table(pv, ORIGIN + (long) i * (2 << 20), size); }

    static byte[] pattern(int seed, int len) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] read(LvTable t, long off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        t.read(off, b);
        return b.array();
    }

    static void write(LvTable t, long off, byte[] b) throws IOException { t.write(off, ByteBuffer.wrap(b)); }

    SnapshotOrigin withSnapshots(byte[] initial, CowStore... stores) throws IOException {
        write(origin(), 0, initial);
        SnapshotOrigin o = new SnapshotOrigin("lv", origin());
        o.configure(origin(), List.of(stores), null);
        return o;
    }

    @Test
    void theOldChunkAndItsExceptionAreDurableBeforeTheOriginIsWritten() throws IOException {
        byte[] a = pattern(1, ORIGIN);
        CowStore s = CowStore.open("snap", cowTable(0, 64 * CB), 8);
        SnapshotOrigin o = withSnapshots(a, s);
        pv.journal().clear();
        write(o.originTable(), 3 * CB + 100, pattern(2, 50));
        List<MemoryDevice.Event> ev = new ArrayList<>(pv.journal());
        long cowBase = ORIGIN;
        int data = index(ev, e -> e.kind().equals("write") && e.pos() == cowBase + 2 * CB && e.len() == CB);
        int record = index(ev, e -> e.kind().equals("write") && e.pos() == cowBase + CB);
        int originWrite = index(ev, e -> e.kind().equals("write") && e.pos() == 3 * CB + 100);
        assertTrue(data >= 0 && record > data && originWrite > record, ev.toString());
        assertTrue(ev.subList(data, record).stream().anyMatch(e -> e.kind().equals("flush")), "data forced before its record: " + ev);
        assertTrue(ev.subList(record, originWrite).stream().anyMatch(e -> e.kind().equals("flush")), "record forced before the origin write: " + ev);
        // the snapshot shows the old chunk, the origin the new bytes
        assertArrayEquals(a, read(o.snapshotTable(s), 0, ORIGIN));
        assertArrayEquals(pattern(2, 50), read(o.originTable(), 3 * CB + 100, 50));
        // a second write to the same chunk copies nothing
        pv.journal().clear();
        write(o.originTable(), 3 * CB, pattern(3, 10));
        assertEquals(1, pv.journal().stream().filter(e -> e.kind().equals("write")).count(), pv.journal().toString());
    }

    /** A discard of the origin is a write of zeros: the snapshot copies the old chunks (durably) first. */
    @Test
    void anOriginDiscardCopiesTheOldChunksFirst() throws IOException {
        byte[] a = pattern(20, ORIGIN);
        CowStore s = CowStore.open("snap", cowTable(0, 64 * CB), 8);
        SnapshotOrigin o = withSnapshots(a, s);
        pv.journal().clear();
        o.originTable().discard(2 * CB + 10, 3 * CB);
        List<MemoryDevice.Event> ev = new ArrayList<>(pv.journal());
        int record = index(ev, e -> e.kind().equals("write") && e.pos() == ORIGIN + CB);
        int zeroing = index(ev, e -> e.kind().equals("write") && e.pos() == 2 * CB + 10);
        assertTrue(record >= 0 && zeroing > record, ev.toString());
        assertTrue(ev.subList(record, zeroing).stream().anyMatch(e -> e.kind().equals("flush")), "record forced before the discard: " + ev);
        assertEquals(4, s.exceptions(), "chunks 2..5");
        assertArrayEquals(a, read(o.snapshotTable(s), 0, ORIGIN));
        byte[] expect = a.clone();
        Arrays.fill(expect, 2 * CB + 10, 5 * CB + 10, (byte) 0);
        assertArrayEquals(expect, read(o.originTable(), 0, ORIGIN));
    }

    /** A snapshot's own file cannot discard (EOPNOTSUPP at the mount); zeroing it writes zeros into its chunks. */
    @Test
    void aSnapshotCannotDiscardButCanBeZeroed() throws IOException {
        byte[] a = pattern(21, ORIGIN);
        CowStore s = CowStore.open("snap", cowTable(0, 64 * CB), 8);
        SnapshotOrigin o = withSnapshots(a, s);
        ulvm.live.LiveVolume snap = new ulvm.live.LiveVolume(o.snapshotTable(s), false);
        assertThrows(ulvm.io.Volume.NotSupportedException.class, () -> snap.discard(0, CB));
        snap.zero(CB + 1, 2 * CB);
        byte[] expect = a.clone();
        Arrays.fill(expect, CB + 1, 3 * CB + 1, (byte) 0);
        assertArrayEquals(expect, read(o.snapshotTable(s), 0, ORIGIN));
        assertArrayEquals(a, read(o.originTable(), 0, ORIGIN), "the origin is untouched");
    }

    interface P { boolean test(MemoryDevice.Event e); }

    static int index(List<MemoryDevice.Event> ev, P p) {
        for (int i = 0; i < ev.size(); i++) if (p.test(ev.get(i))) return i;
        return -1;
    }

    @Test
    void aReloadedStoreHoldsWhatWasCommittedAcrossAreas() throws IOException {
        byte[] a = pattern(4, ORIGIN);
        long cowSize = 300L * CB;
        CowStore s = CowStore.open("snap", cowTable(0, cowSize), 8);
        SnapshotOrigin o = withSnapshots(a, s);
        for (int c = 0; c < 256; c++) write(o.originTable(), (long) c * CB, pattern(1000 + c, 16)); // 256 chunks: area 0 full
        assertEquals(256, s.exceptions());
        CowStore again = CowStore.open("snap", cowTable(0, cowSize), 8);
        assertEquals(256, again.exceptions());
        for (int c = 0; c < 256; c++) assertEquals(s.lookup(c), again.lookup(c));
        assertEquals(s.status(false), again.status(false));
        // an independent read of the disk: area 1 sits after area 0's 256 data chunks and is zeroed
        CowFormat.Contents disk = CowFormat.read((off, dst) -> cowTable(0, cowSize).read(off, dst), cowSize / 512, 8);
        assertEquals(256, disk.exceptions().size());
        assertEquals(259, disk.nextFree());
        SnapshotOrigin o2 = withSnapshots(read(o.originTable(), 0, ORIGIN), again);
        assertArrayEquals(a, read(o2.snapshotTable(again), 0, ORIGIN));
    }

    @Test
    void everySnapshotGetsItsOwnCopy() throws IOException {
        byte[] a = pattern(5, ORIGIN);
        CowStore s1 = CowStore.open("s1", cowTable(0, 64 * CB), 8);
        SnapshotOrigin o = withSnapshots(a, s1);
        write(o.originTable(), 0, pattern(6, 3 * CB));
        byte[] b = read(o.originTable(), 0, ORIGIN);
        CowStore s2 = CowStore.open("s2", cowTable(1, 64 * CB), 16); // another chunk size
        o.configure(origin(), List.of(s1, s2), null);
        write(o.originTable(), CB, pattern(7, 4 * CB));
        assertArrayEquals(a, read(o.snapshotTable(s1), 0, ORIGIN));
        assertArrayEquals(b, read(o.snapshotTable(s2), 0, ORIGIN));
        assertEquals(5, s1.exceptions());
        assertEquals(3, s2.exceptions()); // 8 KiB chunks 0..2 cover bytes 4K..20K
    }

    @Test
    void aWritableSnapshotKeepsItsOwnChangesAndTheOriginItsOwn() throws IOException {
        byte[] a = pattern(8, ORIGIN);
        CowStore s = CowStore.open("snap", cowTable(0, 64 * CB), 8);
        SnapshotOrigin o = withSnapshots(a, s);
        LvTable view = o.snapshotTable(s);
        write(view, 5 * CB + 7, pattern(9, 100)); // partial chunk: the rest of the chunk comes from the origin
        write(o.originTable(), 5 * CB, pattern(10, CB));
        byte[] expect = a.clone();
        System.arraycopy(pattern(9, 100), 0, expect, 5 * CB + 7, 100);
        assertArrayEquals(expect, read(view, 0, ORIGIN));
        assertArrayEquals(pattern(10, CB), read(o.originTable(), 5 * CB, CB));
        assertEquals(1, s.exceptions(), "the origin write found the snapshot's exception");
    }

    @Test
    void aFullStoreIsInvalidatedAndTheOriginGoesOn() throws IOException {
        byte[] a = pattern(11, ORIGIN);
        CowStore s = CowStore.open("snap", cowTable(0, 5 * CB), 8); // header, area, 3 data chunks
        SnapshotOrigin o = withSnapshots(a, s);
        byte[] b = pattern(12, 6 * CB);
        write(o.originTable(), 0, b);
        assertFalse(s.valid());
        assertArrayEquals(b, read(o.originTable(), 0, 6 * CB));
        assertThrows(IOException.class, () -> read(o.snapshotTable(s), 0, CB));
        CowFormat.Contents disk = CowFormat.read((off, dst) -> cowTable(0, 5 * CB).read(off, dst), 5 * CB / 512, 8);
        assertFalse(disk.header().valid());
        assertFalse(CowStore.open("snap", cowTable(0, 5 * CB), 8).valid());
        assertEquals(100.0, s.status(false).percent());
    }

    @Test
    void concurrentOriginWritersLeaveTheSnapshotIntact() throws Exception {
        byte[] a = pattern(13, ORIGIN);
        CowStore s = CowStore.open("snap", cowTable(0, 300 * CB), 8);
        SnapshotOrigin o = withSnapshots(a, s);
        LvTable t = o.originTable();
        ExecutorService ex = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int seed = w;
            fs.add(ex.submit(() -> {
                Random r = new Random(seed);
                for (int i = 0; i < 200; i++) write(t, r.nextInt(ORIGIN - 3000), pattern(r.nextInt(), 1 + r.nextInt(3000)));
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        ex.shutdown();
        assertArrayEquals(a, read(o.snapshotTable(s), 0, ORIGIN));
        CowStore again = CowStore.open("snap", cowTable(0, 300 * CB), 8);
        assertEquals(s.exceptions(), again.exceptions());
        SnapshotOrigin o2 = withSnapshots(read(t, 0, ORIGIN), again);
        assertArrayEquals(a, read(o2.snapshotTable(again), 0, ORIGIN));
    }

    @Test
    void aMergeReturnsTheOriginToTheSnapshotAndEmptiesTheStore() throws IOException {
        byte[] a = pattern(14, ORIGIN);
        CowStore s = CowStore.open("snap", cowTable(0, 300 * CB), 8);
        SnapshotOrigin o = withSnapshots(a, s);
        for (int c = 0; c < 40; c++) write(o.originTable(), (long) c * CB + 5, pattern(c, 9));
        o.configure(origin(), List.of(), s);
        // while merging: reads of unmerged chunks come from the COW, writes to them go there too
        assertArrayEquals(a, read(o.originTable(), 0, ORIGIN));
        write(o.originTable(), 7 * CB, pattern(99, 10));
        byte[] expect = a.clone();
        System.arraycopy(pattern(99, 10), 0, expect, 7 * CB, 10);
        assertTrue(o.mergeStep(16));
        assertEquals(24, s.remaining());
        assertEquals(24, CowStore.open("snap", cowTable(0, 300 * CB), 8).remaining(), "progress is on disk");
        while (o.mergeStep(16)) assertArrayEquals(expect, read(o.originTable(), 0, ORIGIN));
        assertArrayEquals(expect, read(origin(), 0, ORIGIN));
        SnapshotStatus st = s.status(true);
        assertEquals(st.metadataSectors(), st.allocatedSectors());
        assertEquals(0, CowFormat.read((off, dst) -> cowTable(0, 300 * CB).read(off, dst), 300 * CB / 512, 8).exceptions().size());
    }

    /** The pipelined merge (issue 17.2): writes from another thread during it land, none lost to a batch in flight. */
    @Test
    void aPipelinedMergeKeepsTheWritesMadeWhileItRuns() throws Exception {
        byte[] a = pattern(15, ORIGIN);
        CowStore s = CowStore.open("snap", cowTable(0, 300 * CB), 8);
        SnapshotOrigin o = withSnapshots(a, s);
        for (int c = 0; c < 60; c++) write(o.originTable(), (long) c * CB + 5, pattern(c, 9));
        o.configure(origin(), List.of(), s);
        byte[] expect = a.clone();
        Thread writer = new Thread(() -> {
            Random r = new Random(3);
            try {
                for (int i = 0; i < 300; i++) {
                    int off = r.nextInt(60 * CB - 100);
                    byte[] b = pattern(1000 + i, 1 + r.nextInt(100));
                    write(o.originTable(), off, b);
                    System.arraycopy(b, 0, expect, off, b.length);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (MergeCopy copy = o.mergeCopy(true)) {
            writer.start();
            while (copy.step(3)) Thread.onSpinWait();
        }
        writer.join();
        assertEquals(0, s.remaining());
        assertArrayEquals(expect, read(o.originTable(), 0, ORIGIN));
        assertArrayEquals(expect, read(origin(), 0, ORIGIN));
    }

    @Test
    void aLargeOriginWriteCopiesItsChunksWithOneCommit() throws IOException {
        byte[] a = pattern(17, ORIGIN);
        CowStore s = CowStore.open("snap", cowTable(0, 300 * CB), 8);
        SnapshotOrigin o = withSnapshots(a, s);
        pv.journal().clear();
        write(o.originTable(), 0, pattern(18, 256 * CB)); // 256 chunks: exactly area 0
        long flushes = pv.journal().stream().filter(e -> e.kind().equals("flush")).count();
        assertTrue(flushes <= 4, "one force for the data, one per area written: " + pv.journal().size() + " events, " + flushes + " flushes");
        assertEquals(256, s.exceptions());
        assertArrayEquals(a, read(o.snapshotTable(s), 0, ORIGIN));
        assertEquals(256, CowStore.open("snap", cowTable(0, 300 * CB), 8).exceptions());
    }

    @Test
    void withoutSnapshotsOriginWritesGoStraightThrough() throws IOException {
        SnapshotOrigin o = withSnapshots(pattern(15, ORIGIN));
        pv.journal().clear();
        write(o.originTable(), 12345, pattern(16, 20000));
        assertEquals(List.of(new MemoryDevice.Event("write", "pv", 12345, 20000)), new ArrayList<>(pv.journal()));
        assertTrue(Arrays.equals(pattern(16, 20000), read(origin(), 12345, 20000)));
    }
}
