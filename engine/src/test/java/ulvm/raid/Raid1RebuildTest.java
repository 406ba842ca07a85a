package ulvm.raid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static ulvm.raid.RaidModel.NOTSYNCED;
import static ulvm.raid.RaidModel.random;
import static ulvm.raid.RaidModel.read;
import static ulvm.raid.RaidModel.write;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lvchange --rebuild on a running raid1 array (LVM2's lv_raid_rebuild): a commit with REBUILD on an image and its
 * rmeta makes the array copy that image again in full, even where no bit says it differs; the commit that clears
 * the flag (LVM2's second) does not stop the copy.
 */
class Raid1RebuildTest {
    private static final long QUIET = 20;

    private static void rebuildFlag(RaidModel m, int leg, boolean on) {
        for (String sub : List.of("r1_rimage_" + leg, "r1_rmeta_" + leg))
            m.vg = m.vg.withLv(m.vg.lv(sub).orElseThrow().withStatusFlag("REBUILD", on));
    }

    @Test
    void aRebuiltImageIsCopiedInFullFromTheOther() throws Exception {
        RaidModel m = new RaidModel(2, 2, NOTSYNCED, List.of());
        Raid1Array a = m.open(QUIET);
        byte[] data = random(7, (int) (2 * RaidModel.EXTENT));
        write(a, 0, data);
        a.close();
        a = m.open(QUIET);
        // leg 1 silently holds other bytes (a disk that lost writes): no bit marks it
        m.pv(1).writeFully(m.imagePos(5 * RaidModel.REGION), ByteBuffer.wrap(new byte[(int) RaidModel.REGION]));
        assertFalse(Arrays.equals(m.region(0, 5), m.region(1, 5)));
        rebuildFlag(m, 1, true);
        m.commit(a);
        rebuildFlag(m, 1, false);
        m.commit(a);
        m.waitForMessage("vg/r1: recovery of r1_rimage_1 done: " + m.regions() + " regions copied");
        m.assertLegsEqual(0, 1);
        assertArrayEquals(data, read(a, 0, data.length));
        a.close();
    }
}
