package ulvm.raid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.raid.RaidModel.NOTSYNCED;
import static ulvm.raid.RaidModel.REGION;
import static ulvm.raid.RaidModel.random;
import static ulvm.raid.RaidModel.write;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.bitmap.RecordSlots;
import ulvm.io.MemoryDevice;
import ulvm.mapping.Target;

/** A discard on a raid1 LV is a write: its bit is durable first, every leg is discarded, a tracked split records it. */
class RaidDiscardTest {
    private static final long QUIET = 60_000;

    @Test
    void theBitsAreDurableBeforeAnyLegIsDiscardedAndEveryLegReadsZeros() throws Exception {
        RaidModel m = new RaidModel(3, 2, NOTSYNCED, List.of());
        Raid1Array a = m.open(QUIET);
        byte[] data = random(1, (int) (2 * RaidModel.EXTENT));
        for (int leg = 0; leg < 3; leg++) m.pv(leg).poke(m.imagePos(0), data); // in sync, every bit clear
        m.journal.clear();
        Target t = a.target();
        long off = 7 * REGION + 1000, len = 2 * REGION; // regions 7, 8 and 9
        for (long done = 0; done < len; ) done += t.discard(off + done, len - done);
        List<MemoryDevice.Event> ev = new ArrayList<>(m.journal);
        int firstData = -1, firstDurable = -1;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.get(i).kind().equals("write") && firstData < 0) firstData = i;
            if (ev.get(i).kind().equals("durable") && firstDurable < 0) firstDurable = i;
        }
        assertTrue(firstDurable >= 0 && firstDurable < firstData, "journal: " + ev);
        assertEquals(3, ev.stream().filter(e -> e.kind().equals("durable")).count(), "one record for the three regions, on each rmeta: " + ev);
        assertEquals("{7,8,9}", RecordSlots.read(m.rmeta(0)).orElseThrow().dirty().toString());
        for (int leg = 0; leg < 3; leg++) {
            assertArrayEquals(new byte[(int) len], m.image(leg, off, (int) len), "leg " + leg + " reads zeros");
            assertArrayEquals(m.image(0, off - 1000, 1000), m.image(leg, off - 1000, 1000), "leg " + leg + " before the range");
        }
        a.close();
    }

    @Test
    void aTrackedSplitRecordsTheDiscardedRegionsAndTheMergeCopiesThem() throws Exception {
        RaidModel m = new RaidModel(3, 4, NOTSYNCED, List.of());
        Raid1Array a = m.open(QUIET);
        write(a, 0, random(4, (int) (4 * RaidModel.EXTENT)));
        m.imageWritable(2, false);
        m.commit(a);
        byte[] split = m.image(2, 0, (int) (4 * RaidModel.EXTENT));
        a.target().discard(3 * REGION, REGION);
        a.target().discard(40 * REGION + 4096, 8192);
        assertArrayEquals(split, m.image(2, 0, split.length), "the split image does not change");
        assertEquals("{3,40}", RecordSlots.read(m.rmeta(0)).orElseThrow().trackedRegions().toString());
        m.imageWritable(2, true);
        m.commit(a);
        m.waitForMessage("vg/r1: merge of r1_rimage_2 done: 2 regions copied");
        m.assertLegsEqual(0, 2);
        assertArrayEquals(new byte[(int) REGION], m.region(2, 3));
        a.close();
    }
}
