package ulvm.raid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.raid.RaidModel.NOTSYNCED;
import static ulvm.raid.RaidModel.REGION;
import static ulvm.raid.RaidModel.random;
import static ulvm.raid.RaidModel.write;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an NBD client reads as qemu:dirty-bitmap:track: the regions written since a --trackchanges split, the same set
 * the merge copies back; none before the split and once the merge is done.
 */
class TrackedRegionsTest {
    @Test
    void theRegionsWrittenSinceTheSplitAndNoneOnceMerged() throws Exception {
        RaidModel m = new RaidModel(3, 4, NOTSYNCED, List.of());
        Raid1Array a = m.open(60_000);
        write(a, 0, random(4, (int) (4 * RaidModel.EXTENT)));
        assertNull(((Raid1Target) a.target()).tracked(), "no split image");
        m.imageWritable(2, false);
        m.commit(a);
        TrackedRegions t = ((Raid1Target) a.target()).tracked();
        assertEquals(0, t.regions().cardinality(), "nothing written since the split");
        write(a, REGION + 512, random(5, 5000));
        write(a, 17 * REGION + REGION - 10, random(6, 20)); // regions 17 and 18
        assertTrue(t.dirty(REGION) && t.dirty(2 * REGION - 1) && t.dirty(18 * REGION));
        assertFalse(t.dirty(0) || t.dirty(2 * REGION) || t.dirty(19 * REGION));
        assertEquals(REGION, t.runEnd(0, 100 * REGION), "clean up to region 1");
        assertEquals(2 * REGION, t.runEnd(REGION + 7, 100 * REGION));
        assertEquals(17 * REGION, t.runEnd(2 * REGION, 100 * REGION));
        assertEquals(19 * REGION, t.runEnd(17 * REGION, 100 * REGION));
        assertEquals(18 * REGION + 5, t.runEnd(17 * REGION, 18 * REGION + 5), "at most the limit");
        m.imageWritable(2, true);
        m.commit(a);
        m.waitForMessage("vg/r1: merge of r1_rimage_2 done: 3 regions copied");
        assertNull(((Raid1Target) a.target()).tracked(), "merged: no image tracked");
        a.close();
    }
}
