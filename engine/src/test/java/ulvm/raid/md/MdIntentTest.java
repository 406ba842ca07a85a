package ulvm.raid.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.bitmap.RegionSet;
import ulvm.bitmap.WriteIntentLog;
import ulvm.io.BlockDevice;
import ulvm.io.MemoryDevice;

/** The raid1 arrays' write-intent log under an md array: the record durable before data, bits cleared only when safe. */
class MdIntentTest {
    private final List<MemoryDevice.Event> journal = Collections.synchronizedList(new ArrayList<>());
    private final MemoryDevice meta = new MemoryDevice("rmeta_0", 1 << 20, journal);
    private final long regions = MdRig.IMAGE / MdRig.REGION;
    private final WriteIntentLog log = new WriteIntentLog(List.of(meta), 0, MdRig.REGION / 512, new RegionSet(regions), new RegionSet(regions),
            List.of("a", "b", "c", "d"), null, false);
    private final MemoryDevice[] devs = new MemoryDevice[4];

    private MdArray array(RegionSet unsynced) {
        List<BlockDevice> l = new ArrayList<>();
        for (int i = 0; i < 4; i++) l.add(devs[i] = new MemoryDevice("rimage_" + i, MdRig.IMAGE, journal));
        return new MdArray("vg/lv", MdLayout.of("raid5_ls", 4, MdRig.CHUNK / 512, 0), l, MdRig.IMAGE, MdRig.REGION, WriteIntent.of(log), unsynced);
    }

    @Test
    void theRecordIsDurableBeforeTheFirstImageWrite() throws IOException {
        MdArray a = array(null);
        long stripe = a.layout().stripeBytes();
        a.writeFully(2 * MdRig.REGION / MdRig.CHUNK * stripe + 5, ByteBuffer.allocate(100)); // image region 2
        assertTrue(log.dirty().get(2));
        assertEquals(1, log.dirty().cardinality());
        int record = -1;
        int firstWrite = -1;
        for (int i = 0; i < journal.size(); i++) {
            MemoryDevice.Event e = journal.get(i);
            if (e.device().equals("rmeta_0") && record < 0) record = i;
            if (e.device().startsWith("rimage") && e.kind().equals("write") && firstWrite < 0) firstWrite = i;
        }
        assertTrue(record >= 0 && record < firstWrite, journal.toString());
        assertEquals("durable", journal.get(record).kind());
    }

    @Test
    void bitsGoOnceIdleAndSyncedAndNotWhileDegraded() throws IOException {
        RegionSet unsynced = new RegionSet(regions);
        unsynced.set(1);
        log.dirty().set(1);
        MdArray a = array(unsynced);
        long stripe = a.layout().stripeBytes();
        a.writeFully(0, ByteBuffer.allocate(10));
        a.writeFully(3 * MdRig.REGION / MdRig.CHUNK * stripe, ByteBuffer.allocate(10));
        assertEquals(0, a.clearIdle(log)); // written since the last sweep
        assertEquals(2, a.clearIdle(log)); // regions 0 and 3; 1 waits for its resync
        assertEquals(1, log.dirty().cardinality());
        assertTrue(a.resync(1));
        assertEquals(1, a.clearIdle(log));
        assertEquals(0, log.dirty().cardinality());

        a.writeFully(0, ByteBuffer.allocate(10));
        devs[3].failing(true);
        a.fail(3, new IOException("gone"));
        a.clearIdle(log);
        assertEquals(0, a.clearIdle(log));
        assertTrue(log.dirty().get(0));
    }

    /** A sequential stream pays one record per several regions, as raid1's does (WriteIntentLog marks ahead). */
    @Test
    void aSequentialStreamWritesFewRecords() throws IOException {
        MdArray a = array(null);
        long before = log.recordWrites();
        ByteBuffer stripe = ByteBuffer.allocate((int) a.layout().stripeBytes());
        for (long at = 0; at < a.size(); at += stripe.capacity()) a.writeFully(at, stripe.clear());
        assertEquals(regions, log.dirty().cardinality());
        assertEquals(2, log.recordWrites() - before, "region 0's record, then region 1's marking 1-3 ahead (not one per region: " + regions + ")");
    }
}
