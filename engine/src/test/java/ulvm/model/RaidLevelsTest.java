package ulvm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What LVM2 knows of each raid level: parity, image sizes, area_len, and which failed images an array survives. */
class RaidLevelsTest {
    @Test
    void parityDataStripesAndImageExtents() {
        assertEquals(1, RaidLevels.parity("raid4"));
        assertEquals(1, RaidLevels.parity("raid5_ra"));
        assertEquals(2, RaidLevels.parity("raid6_ls_6"));
        assertEquals(0, RaidLevels.parity("raid10"));
        assertEquals(3, RaidLevels.dataStripes("raid6", 5));
        assertEquals(2, RaidLevels.dataStripes("raid10", 4));
        assertEquals(2, RaidLevels.imageExtents("raid5", 4, 3)); // raid_rimage_extents
        assertEquals(3, RaidLevels.imageExtents("raid10", 6, 4));
        assertEquals(2, RaidLevels.imageExtents("raid0", 6, 3));
        assertEquals(6, RaidLevels.imageExtents("raid1", 6, 3));
        assertEquals(6, RaidLevels.areaLen("raid10", 6, 4)); // import_vsn1.c: no division without parity
        assertEquals(2, RaidLevels.areaLen("raid0_meta", 6, 3));
        assertFalse(RaidLevels.hasMeta("raid0"));
        assertTrue(RaidLevels.hasMeta("raid0_meta"));
        assertEquals(3, RaidLevels.minStripes("raid6_n_6"));
        assertFalse(RaidLevels.known("raid7"));
    }

    static boolean[] failed(int n, int... which) {
        boolean[] f = new boolean[n];
        for (int w : which) f[w] = true;
        return f;
    }

    /** raid_manip.c _partial_raid_lv_is_redundant; test/shell/lvchange-partial-raid10.sh, lvconvert-repair-raid5.sh. */
    @Test
    void degradedArraysPerLevel() {
        assertTrue(RaidLevels.redundant("raid5", failed(3, 1)));
        assertFalse(RaidLevels.redundant("raid5_n", failed(3, 0, 2)));
        assertTrue(RaidLevels.redundant("raid4", failed(3, 0)));
        assertTrue(RaidLevels.redundant("raid6_zr", failed(5, 0, 4)));
        assertFalse(RaidLevels.redundant("raid6", failed(5, 0, 2, 4)));
        assertTrue(RaidLevels.redundant("raid10", failed(4, 0, 2))); // one per mirror set
        assertTrue(RaidLevels.redundant("raid10", failed(4, 1, 3)));
        assertFalse(RaidLevels.redundant("raid10", failed(4, 2, 3))); // a whole mirror set
        assertFalse(RaidLevels.redundant("raid0", failed(3, 1)));
        assertFalse(RaidLevels.redundant("raid0_meta", failed(2, 0)));
        assertTrue(RaidLevels.redundant("raid0", failed(3)));
        assertTrue(RaidLevels.redundant("raid1", failed(3, 0, 1)));
        assertFalse(RaidLevels.redundant("raid1", failed(2, 0, 1)));
    }
}
