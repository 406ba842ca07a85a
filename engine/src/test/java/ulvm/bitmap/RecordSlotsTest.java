package ulvm.bitmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ulvm.io.MemoryDevice;

/** The record survives a round trip, a torn slot, and the newest valid copy wins across rmeta devices. */
class RecordSlotsTest {
    private static final int RMETA = 4 << 20;

    private static BitmapRecord record(long seq, long count, long... dirty) {
        RegionSet d = new RegionSet(count);
        for (long r : dirty) d.set(r);
        RegionSet t = new RegionSet(count);
        t.set(count - 1);
        return new BitmapRecord(seq, 4096, count, List.of("idA", "idB"), seq % 2 == 0 ? "idB" : null, d, t);
    }

    @Test
    void roundTripOverManySizes() throws Exception {
        for (long count : new long[] {1, 63, 64, 65, 512, 100_000}) {
            MemoryDevice dev = new MemoryDevice("rmeta", RMETA);
            BitmapRecord r = record(6, count, 0, count / 2, count - 1);
            RecordSlots.write(dev, r.seq(), RecordCodec.encode(r));
            BitmapRecord back = RecordSlots.read(dev).orElseThrow();
            assertEquals(r.seq(), back.seq());
            assertEquals(r.regionCount(), back.regionCount());
            assertEquals(r.regionSectors(), back.regionSectors());
            assertEquals(r.members(), back.members());
            assertEquals(r.trackedId(), back.trackedId());
            assertEquals(r.dirty().toString(), back.dirty().toString(), "count " + count);
            assertEquals(r.trackedRegions().toString(), back.trackedRegions().toString());
            assertArrayEquals(new byte[RecordSlots.RESERVED], dev.bytes(0, RecordSlots.RESERVED), "the first 4 KiB stay zero");
        }
    }

    @Test
    void aTornSlotLeavesTheOtherValid() throws Exception {
        MemoryDevice dev = new MemoryDevice("rmeta", RMETA);
        BitmapRecord older = record(7, 1000, 1);
        BitmapRecord newer = record(8, 1000, 1, 2);
        RecordSlots.write(dev, 7, RecordCodec.encode(older));
        RecordSlots.write(dev, 8, RecordCodec.encode(newer));
        assertEquals(8, RecordSlots.read(dev).orElseThrow().seq());
        // tear the newest slot: its tail never reached the disk
        long at = RecordSlots.slotAt(RMETA, 0);
        byte[] enc = RecordCodec.encode(newer);
        byte[] junk = new byte[enc.length - enc.length / 2];
        java.util.Arrays.fill(junk, (byte) 0x5a);
        dev.poke(at + enc.length / 2, junk);
        BitmapRecord back = RecordSlots.read(dev).orElseThrow();
        assertEquals(7, back.seq());
        assertEquals("{1}", back.dirty().toString());
        // and a flipped bit anywhere is caught by the checksum
        dev.poke(RecordSlots.slotAt(RMETA, 1) + 60, new byte[] {(byte) 0xff});
        assertEquals(Optional.empty(), RecordSlots.read(dev));
    }

    @Test
    void newestValidAcrossDevicesWins() throws Exception {
        MemoryDevice a = new MemoryDevice("a", RMETA);
        MemoryDevice b = new MemoryDevice("b", RMETA);
        MemoryDevice zero = new MemoryDevice("zero", RMETA);
        RecordSlots.write(a, 11, RecordCodec.encode(record(11, 100, 5)));
        RecordSlots.write(b, 12, RecordCodec.encode(record(12, 100, 6)));
        BitmapRecord r = RecordSlots.newest(java.util.Arrays.asList(a, null, zero, b)).orElseThrow();
        assertEquals(12, r.seq());
        assertEquals("{6}", r.dirty().toString());
        assertTrue(RecordSlots.newest(List.of(zero)).isEmpty(), "an all-zero rmeta holds no record");
    }

    /** A record as ulvm wrote it before stale images were recorded: it ends after the tracked regions. */
    private static byte[] oldEncoding(BitmapRecord r) {
        byte[] now = RecordCodec.encode(r); // stale is empty: its count is four zero bytes after the old end
        int end = RecordCodec.HEADER + 4;
        for (String m : r.members()) end += 2 + m.length();
        end += 2 + (r.trackedId() == null ? 0 : r.trackedId().length());
        end += 4 + r.dirty().serialize().length + 4 + r.trackedRegions().serialize().length;
        int len = (end + 511) & ~511;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(len);
        b.put(now, 0, end);
        b.putInt(12, len);
        b.putInt(16, 0);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.array(), 0, len);
        b.putInt(16, (int) crc.getValue());
        return b.array();
    }

    @Test
    void staleImagesRoundTripAndOldRecordsReadWithoutThem() throws Exception {
        RegionSet d = new RegionSet(100);
        d.set(7);
        BitmapRecord withStale = new BitmapRecord(3, 4096, 100, List.of("idA"), null, d, new RegionSet(100), List.of("idB", "idC"));
        assertEquals(List.of("idB", "idC"), RecordCodec.decode(RecordCodec.encode(withStale)).orElseThrow().stale());
        // old records: padded after the tracked regions, and one that ends exactly at 512 bytes (nothing after it)
        boolean exact = false;
        for (int k = 1; k < 600; k++) {
            final int n = k;
            BitmapRecord old = new BitmapRecord(4, 4096, 100, List.of("x".repeat(n)), null, d, new RegionSet(100));
            byte[] enc = oldEncoding(old);
            BitmapRecord back = RecordCodec.decode(enc).orElseThrow(() -> new AssertionError("old record unread, n=" + n));
            assertEquals(List.of(), back.stale());
            assertEquals(old.members(), back.members());
            assertEquals("{7}", back.dirty().toString());
            int end = RecordCodec.HEADER + 4 + 2 + n + 2 + 4 + d.serialize().length + 4 + new RegionSet(100).serialize().length;
            exact |= end == enc.length;
        }
        assertTrue(exact, "some old record filled its 512 bytes exactly");
    }

    /**
     * The md arrays' stripe journal starts past {@link RecordSlots#recordsEnd}: a record at its worst (every other region
     * dirty and tracked, 2^21 regions, LVM2-length ids of 64 images, members and stale) stays within
     * {@link RecordCodec#maxLength}.
     */
    @Test
    void noRecordIsLongerThanItsBound() {
        for (long count : new long[] {1, 65_536, 100_000, 1L << 21}) {
            RegionSet d = new RegionSet(count);
            RegionSet t = new RegionSet(count);
            for (long r = 0; r < count; r += 2) d.set(r);
            for (long r = 1; r < count; r += 2) t.set(r);
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) ids.add(String.format("abcdef-ghij-klmn-opqr-stuv-wxyz-%06d", i));
            byte[] b = RecordCodec.encode(new BitmapRecord(9, 1024, count, ids, ids.get(0), d, t, ids));
            assertTrue(b.length <= RecordCodec.maxLength(count, 64), count + " regions: " + b.length + " > " + RecordCodec.maxLength(count, 64));
        }
    }
}
