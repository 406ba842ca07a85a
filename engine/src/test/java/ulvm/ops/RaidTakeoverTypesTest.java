package ulvm.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.api.LvmException;

/** LVM2 2.03.16's raid levels, direct takeovers and interim types (lib/metadata/raid_manip.c). */
class RaidTakeoverTypesTest {
    static String type(String from, int images, String to) throws LvmException {
        return RaidTakeoverTypes.convenient("vg/lv", from, images, to, 0).type();
    }

    @Test
    void levelsAsCmpLevel() {
        assertTrue(RaidTakeoverTypes.sameLevel("raid0", "raid0_meta"));
        assertTrue(RaidTakeoverTypes.sameLevel("raid4", "raid5_n"));
        assertFalse(RaidTakeoverTypes.sameLevel("raid4", "raid5_ls"));
        assertFalse(RaidTakeoverTypes.sameLevel("raid1", "raid10"));
        assertTrue(RaidTakeoverTypes.sameLevel("raid6_zr", "raid6_ls_6"));
        assertFalse(RaidTakeoverTypes.sameLevel("striped", "raid0"));
    }

    @Test
    void directTakeoversAsTheTable() {
        assertTrue(RaidTakeoverTypes.direct("raid5", 4, "raid6_ls_6"));
        assertTrue(RaidTakeoverTypes.direct("raid6_ra_6", 5, "raid5_ra"));
        assertFalse(RaidTakeoverTypes.direct("raid5_ra", 4, "raid6_ls_6"));
        assertTrue(RaidTakeoverTypes.direct("raid10", 4, "striped"));
        assertFalse(RaidTakeoverTypes.direct("raid10", 4, "raid5_n"));
        assertFalse(RaidTakeoverTypes.direct("raid6_zr", 5, "raid0"));
        assertTrue(RaidTakeoverTypes.direct("raid1", 2, "raid5_la"));
        assertFalse(RaidTakeoverTypes.direct("raid1", 3, "raid5_la"));
    }

    /** _set_convenient_raid145610_segtype_to, branch by branch. */
    @Test
    void interimTypes() throws LvmException {
        assertEquals("raid6_n_6", type("raid4", 4, "raid6"));
        assertEquals("raid6_la_6", type("raid5_la", 4, "raid6_nr"));
        assertEquals("raid5_n", type("raid5_ls", 4, "raid0"));
        assertEquals("raid5_n", type("raid5_rs", 4, "raid4"));
        assertEquals("raid0_meta", type("raid5_n", 4, "raid10"));
        assertEquals("raid0_meta", type("raid6_n_6", 5, "raid10"));
        assertEquals("raid6_n_6", type("raid6_ls_6", 5, "raid10"));
        assertEquals("raid6_n_6", type("raid6_zr", 5, "raid4"));
        assertEquals("raid6_ls_6", type("raid6_nc", 5, "raid5"));
        assertEquals("raid5_n", type("raid6_n_6", 5, "raid5_ls"));
        assertEquals("raid6_ls_6", type("raid6_n_6", 5, "raid1"));
        assertEquals("raid5_n", type("raid0", 2, "raid6"));
        assertEquals("raid10", type("raid0_meta", 2, "raid10"));
        RaidTakeoverTypes.Choice c = RaidTakeoverTypes.convenient("vg/lv", "raid5_n", 4, "striped", 4);
        assertTrue(c.reshape());
        assertEquals(List.of("Converting raid5_n LV vg/lv to 5 stripes first.", "Replaced LV type striped with possible type raid5_n.",
                "Repeat this command to convert to striped after an interim conversion has finished."), c.lines());
    }

    @Test
    void possibleTypesOfAStripedLv() {
        assertEquals("""
                Converting vg/lv from striped is directly possible to the following layouts:
                    raid0
                    raid0_meta
                    raid10_near
                    raid4
                    raid5_n
                    raid6_n_6""", RaidTakeoverTypes.possible("vg/lv", "striped", 3));
    }
}
