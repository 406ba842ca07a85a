package ulvm.bitmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import ulvm.io.MemoryDevice;

/** Bits are durable before beforeWrite returns; concurrent first writes share records; only idle bits are swept. */
class WriteIntentLogTest {
    private static WriteIntentLog log(List<MemoryDevice> metas, long count) {
        return new WriteIntentLog(new ArrayList<>(metas), 0, 4096, new RegionSet(count), new RegionSet(count), List.of("a", "b"), null, false);
    }

    @Test
    void aBitIsOnEveryRmetaBeforeBeforeWriteReturnsAndADirtyRegionCostsNothing() throws Exception {
        MemoryDevice m0 = new MemoryDevice("m0", 1 << 20);
        MemoryDevice m1 = new MemoryDevice("m1", 1 << 20);
        WriteIntentLog log = log(List.of(m0, m1), 100);
        log.beforeWrite(42);
        for (MemoryDevice m : List.of(m0, m1)) assertEquals("{42}", RecordSlots.read(m).orElseThrow().dirty().toString());
        long writes = log.recordWrites();
        for (int i = 0; i < 1000; i++) log.beforeWrite(42);
        assertEquals(writes, log.recordWrites(), "a write to a dirty region writes no record");
    }

    @Test
    void concurrentFirstWritesShareRecords() throws Exception {
        MemoryDevice m = new MemoryDevice("m", 1 << 20);
        m.durableDelay(50); // a slow disk: writers pile up behind the record being written
        WriteIntentLog log = log(List.of(m), 1000);
        int threads = 32;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < threads; i++) {
            int region = i * 7;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    log.beforeWrite(region);
                    // returned: the bit must be on disk now
                    if (!RecordSlots.read(m).orElseThrow().dirty().get(region)) errors.add(new AssertionError("bit " + region + " not durable"));
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            t.start();
            ts.add(t);
        }
        go.countDown();
        for (Thread t : ts) t.join();
        assertEquals(List.of(), errors);
        assertTrue(log.recordWrites() < threads / 2, "records written for " + threads + " first writes: " + log.recordWrites());
        assertEquals(threads, log.dirty().cardinality());
    }

    @Test
    void sweepClearsOnlyRegionsIdleForAWholePeriod() throws Exception {
        MemoryDevice m = new MemoryDevice("m", 1 << 20);
        WriteIntentLog log = log(List.of(m), 10);
        log.beforeWrite(1);
        log.beforeWrite(2);
        assertEquals(0, log.sweep(r -> true), "both were written in this period");
        log.beforeWrite(2);
        assertTrue(log.sweepable(r -> true), "1 was idle for a whole period");
        assertEquals(1, log.sweep(r -> true));
        assertEquals("{2}", log.dirty().toString());
        log.beforeWrite(2);
        assertFalse(log.sweepable(r -> true), "2 was written again: the sweep forces nothing");
        assertEquals(0, log.sweep(r -> true));
        assertEquals(0, log.sweep(r -> r != 2), "the caller can hold a region back");
        log.persist();
        assertEquals("{2}", RecordSlots.read(m).orElseThrow().dirty().toString());
        // a cleared region's next write sets its bit again, durably
        log.beforeWrite(1);
        assertEquals("{1,2}", RecordSlots.read(m).orElseThrow().dirty().toString());
    }

    @Test
    void whileTrackingWrittenRegionsJoinTheTrackedSetAndAreNeverSwept() throws Exception {
        MemoryDevice m = new MemoryDevice("m", 1 << 20);
        WriteIntentLog log = log(List.of(m), 10);
        log.startTracking("b");
        log.beforeWrite(3);
        log.sweep(r -> true);
        assertEquals(0, log.sweep(r -> true));
        BitmapRecord r = RecordSlots.read(m).orElseThrow();
        assertEquals("b", r.trackedId());
        assertEquals("{3}", r.trackedRegions().toString());
        assertEquals("{3}", r.dirty().toString());
    }

    /** A sequential stream pays one record per AHEAD regions; each record holds the bits before the data they cover. */
    @Test
    void aSequentialStreamMarksRegionsAheadInOneRecord() throws Exception {
        MemoryDevice m = new MemoryDevice("m", 1 << 20);
        WriteIntentLog log = log(List.of(m), 100);
        long before = log.recordWrites();
        for (long r = 0; r < 40; r++) {
            log.beforeWrite(r, true);
            assertTrue(RecordSlots.read(m).orElseThrow().dirty().get(r), "region " + r + " durable before its write");
        }
        assertEquals(4, log.recordWrites() - before, "0 alone, then 1-16, 17-32, 33-48");
        assertEquals(49, RecordSlots.read(m).orElseThrow().dirty().cardinality());
        log.beforeWrite(99, true); // its region before is clean: alone
        log.beforeWrite(60);
        log.beforeWrite(61); // not a stream: alone
        assertEquals(7, log.recordWrites() - before);
        assertEquals(9, log.sweep(r -> true), "40-48, marked ahead and never written, go at the first sweep");
        log.beforeWrite(3);
        log.sweep(r -> true); // the rest, idle for a whole period, but 3
        log.persist();
        assertEquals("{3}", RecordSlots.read(m).orElseThrow().dirty().toString());
    }

    @Test
    void whileTrackingNoRegionIsMarkedAhead() throws Exception {
        MemoryDevice m = new MemoryDevice("m", 1 << 20);
        WriteIntentLog log = log(List.of(m), 10);
        log.startTracking("b");
        for (long r = 0; r < 4; r++) log.beforeWrite(r, true);
        BitmapRecord rec = RecordSlots.read(m).orElseThrow();
        assertEquals("{0,1,2,3}", rec.dirty().toString());
        assertEquals("{0,1,2,3}", rec.trackedRegions().toString());
    }
}
