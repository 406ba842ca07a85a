package ulvm.raid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static ulvm.raid.RaidModel.NOTSYNCED;
import static ulvm.raid.RaidModel.random;
import static ulvm.raid.RaidModel.read;
import static ulvm.raid.RaidModel.write;

import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.bitmap.RecordSlots;
import ulvm.io.fault.Fault;

/**
 * lvchange --resync's record ({@link RaidRecords#resetForResync}): the next activation rewrites every image in full
 * from one that holds the data, the first image of a --nosync array, never a stale one (LVM2 test/shell:
 * lvconvert-raid.sh "RAID1 - shouldn't be able to add image if created '--nosync', but should be able to after
 * 'lvchange --resync'").
 */
class Raid1ResyncRecordTest {
    private static final long R = RaidModel.REGION;
    private static final long QUIET = 50;

    @Test
    void aNosyncArrayIsSyncedInFullFromItsFirstImage() throws Exception {
        RaidModel m = new RaidModel(2, 2, NOTSYNCED, List.of());
        byte[] first = random(1, (int) (2 * RaidModel.EXTENT)), second = random(2, (int) (2 * RaidModel.EXTENT));
        m.pv(0).write(m.imagePos(0), first);
        m.pv(1).write(m.imagePos(0), second); // --nosync: the images never agreed
        Raid1Array a = m.open(QUIET);
        assertEquals(m.regions(), a.status().inSyncRegions(), "NOTSYNCED: nothing to sync");
        a.close();

        RaidRecords.resetForResync(m.vg, m.top(), m.devices());
        m.vg = m.vg.withLv(m.top().withStatusFlag("NOTSYNCED", false));
        RaidStatus offline = RaidRecords.offlineStatus(m.vg, m.top(), m.devices());
        assertEquals(0, offline.inSyncRegions(), "offline, Cpy%Sync is 0 until the array runs");
        assertEquals("Aa", offline.legs());

        Raid1Array b = m.open(QUIET);
        m.waitForMessage("vg/r1: recovery of r1_rimage_1 done: " + m.regions() + " regions copied");
        m.assertLegsEqual(0, 1);
        assertArrayEquals(first, m.image(1, 0, first.length), "the first image is the source");
        assertEquals(m.regions(), b.status().inSyncRegions());
        b.close();
        assertEquals(List.of("image0", "image1"), RecordSlots.read(m.rmeta(1)).orElseThrow().members().stream().sorted().toList());
    }

    @Test
    void aStaleFirstImageIsNeverTheSource() throws Exception {
        RaidModel m = new RaidModel(2, 2, NOTSYNCED, List.of());
        Raid1Array a = m.open(QUIET);
        write(a, 0, random(3, (int) (2 * RaidModel.EXTENT)));
        long[] img = m.imageRange();
        m.fault(0).add(new Fault.WriteError(img[0], img[1]));
        byte[] during = random(4, (int) (3 * R));
        write(a, 5 * R, during); // on leg 1 only: leg 0 is stale
        a.abandon();
        m.fault(0).clear();
        byte[] want = m.image(1, 0, (int) (2 * RaidModel.EXTENT));

        RaidRecords.resetForResync(m.vg, m.top(), m.devices());
        assertEquals(List.of("image1"), RecordSlots.read(m.rmeta(0)).orElseThrow().members());
        Raid1Array b = m.open(QUIET);
        m.waitForMessage("vg/r1: recovery of r1_rimage_0 done: " + m.regions() + " regions copied");
        m.assertLegsEqual(0, 1);
        assertArrayEquals(want, m.image(0, 0, want.length));
        assertArrayEquals(during, read(b, 5 * R, during.length));
        b.close();
    }
}
