package ulvm.snapshot;

import static org.junit.jupiter.api.Assertions.*;
import static ulvm.snapshot.SnapshotOriginTest.pattern;
import static ulvm.snapshot.SnapshotOriginTest.read;
import static ulvm.snapshot.SnapshotOriginTest.table;
import static ulvm.snapshot.SnapshotOriginTest.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.io.MemoryDevice;
import ulvm.mapping.LvTable;

/** What one commit of exceptions writes: the blocks of its records, a new area whole, the old chunks read once. */
class CowCommitTest {
    static final int ORIGIN = 24 << 20;
    static final int COW_AT = ORIGIN;

    final MemoryDevice pv = new MemoryDevice("pv", 64 << 20);

    LvTable origin() { return table(pv, 0, ORIGIN); }

    LvTable cow(int i, long size) { return table(pv, COW_AT + (long) i * (21 << 20), size); }

    SnapshotOrigin origin(byte[] initial, CowStore... stores) throws IOException {
        write(origin(), 0, initial);
        SnapshotOrigin o = new SnapshotOrigin("lv", origin());
        o.configure(origin(), List.of(stores), null);
        return o;
    }

    /** 64 KiB chunks: a commit rewrites the 4 KiB block of its record in area 0, not the area's 64 KiB. */
    @Test
    void aCommitWritesOnlyTheBlockOfItsRecords() throws IOException {
        int cb = 64 << 10;
        byte[] a = pattern(1, ORIGIN);
        CowStore s = CowStore.open("snap", cow(0, 64L * cb), 128);
        SnapshotOrigin o = origin(a, s);
        pv.journal().clear();
        write(o.originTable(), 5L * cb + 10, pattern(2, 100));
        write(o.originTable(), 40L * cb, pattern(3, 4096));
        List<MemoryDevice.Event> areaWrites = new ArrayList<>();
        for (MemoryDevice.Event e : pv.journal()) if (e.kind().equals("write") && e.pos() == COW_AT + cb) areaWrites.add(e);
        assertEquals(2, areaWrites.size(), pv.journal().toString());
        for (MemoryDevice.Event e : areaWrites) assertEquals(4096, e.len(), "one block of area 0: " + e);
        CowStore again = CowStore.open("snap", cow(0, 64L * cb), 128);
        assertEquals(2, again.exceptions());
        assertEquals(s.lookup(5), again.lookup(5));
        assertEquals(s.lookup(40), again.lookup(40));
        assertArrayEquals(a, read(o.snapshotTable(s), 0, ORIGIN));
    }

    /**
     * A COW LV full of old bytes, 16 KiB chunks (1024 records per area, 256 per block): the commit that fills area 0
     * and puts the first records in area 1 writes area 1 whole (zeros past its records) before area 0; later commits
     * write only its blocks. With area 1's first block full, a reload finds the zeros of its second block, not the old
     * bytes, and exactly the committed exceptions.
     */
    @Test
    void aNewAreaIsWrittenWholeOverOldBytesAndLaterCommitsWriteItsBlocks() throws IOException {
        int cb = 16 << 10;
        long cowSize = 1300L * cb;
        byte[] junk = new byte[(int) cowSize - cb];
        Arrays.fill(junk, (byte) 0xA5);
        cow(0, cowSize).write(cb, ByteBuffer.wrap(junk)); // the header stays zero: a new store
        byte[] a = pattern(4, ORIGIN);
        CowStore s = CowStore.open("snap", cow(0, cowSize), 32);
        SnapshotOrigin o = origin(a, s);
        for (int c = 0; c < 1000; c++) write(o.originTable(), (long) c * cb, pattern(100 + c, 8)); // one commit each
        write(o.originTable(), 1000L * cb, pattern(7, 30 * cb)); // one commit: fills area 0, starts area 1
        for (int c = 1030; c < 1280; c++) write(o.originTable(), (long) c * cb, pattern(100 + c, 8));
        assertEquals(1280, s.exceptions());
        CowStore again = CowStore.open("snap", cow(0, cowSize), 32);
        assertEquals(1280, again.exceptions());
        for (int c = 0; c < 1280; c++) assertEquals(s.lookup(c), again.lookup(c), "chunk " + c);
        assertEquals(s.status(false), again.status(false));
        assertArrayEquals(a, read(o.snapshotTable(s), 0, ORIGIN));
    }

    /** Two snapshots of different chunk sizes: the old content is read from the origin once for both. */
    @Test
    void theOldChunksAreReadOnceForEverySnapshot() throws IOException {
        byte[] a = pattern(5, ORIGIN);
        CowStore s4 = CowStore.open("s4", cow(0, 256L * 4096), 8);
        CowStore s16 = CowStore.open("s16", cow(1, 64L * 16384), 32);
        SnapshotOrigin o = origin(a, s4, s16);
        List<long[]> reads = new ArrayList<>();
        pv.onRead((pos, len) -> {
            if (pos < ORIGIN) reads.add(new long[] {pos, len});
        });
        write(o.originTable(), 20_000, pattern(6, 9000)); // 4 KiB chunks 4..7, 16 KiB chunks 1..1
        assertEquals(1, reads.size(), "reads of the origin: " + reads.size());
        assertArrayEquals(new long[] {16384, 16384}, reads.get(0));
        assertEquals(4, s4.exceptions());
        assertEquals(1, s16.exceptions());
        assertArrayEquals(a, read(o.snapshotTable(s4), 0, ORIGIN));
        assertArrayEquals(a, read(o.snapshotTable(s16), 0, ORIGIN));
    }
}
