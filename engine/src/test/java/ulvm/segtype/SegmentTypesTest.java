package ulvm.segtype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Segment;
import ulvm.model.SnapshotSegment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;

/** The registry and the rules that used to be answered differently in different places. */
class SegmentTypesTest {
    private static Lv lv(String name, List<String> status, Segment... segs) {
        return new Lv(name, name + "id", status, List.of(), List.of(), 1L, "h", null, List.of(), List.of(segs));
    }

    private static RaidSegment raid(String type) {
        return new RaidSegment(type, 0, 4, 1024, List.of("r_rmeta_0", "r_rmeta_1"), List.of("r_rimage_0", "r_rimage_1"), List.of());
    }

    @Test
    void theRegistryMapsEachTypeToOneHandler() {
        assertSame(SegmentTypes.named("striped"), SegmentTypes.of(StripedSegment.linear(0, 1, new Area.OnPv("p", 0))));
        assertTrue(SegmentTypes.named("raid1").raid());
        assertTrue(SegmentTypes.named("raid10").raid());
        assertSame(SegmentTypes.named("raid6"), SegmentTypes.named("raid6"));
        assertTrue(SegmentTypes.named("mirror").mirror());
        assertTrue(SegmentTypes.named("error").virtual());
        assertTrue(SegmentTypes.named("zero").virtual());
        assertTrue(SegmentTypes.named("thin").unknown());
        assertTrue(SegmentTypes.named("raid0").raid()); // no rmeta pairs, but a raid level
        assertTrue(SegmentTypes.named("raid5_n+raid6").unknown()); // not a type LVM2 registers: kept as read
        assertFalse(SegmentTypes.named("error").unknown());
    }

    /** raid10 is not raid1 (ActivationMode used startsWith("raid1")); lvdisplay still counts its mirrored volumes. */
    @Test
    void raid1IsTheExactType() {
        assertNotNull(RaidType.raid1(lv("r", List.of("VISIBLE"), raid("raid1"))));
        assertNull(RaidType.raid1(lv("r", List.of("VISIBLE"), raid("raid10"))));
        assertEquals(2, SegmentTypes.named("raid10").mirroredVolumes(raid("raid10")));
        assertEquals(-1, SegmentTypes.named("raid5").mirroredVolumes(raid("raid5")));
    }

    /** LVM2's lv_is_visible, the one rule for the mounted tree, and for commands and reports that still name a merging COW. */
    @Test
    void aCowIsVisibleWithItsOriginUnlessItMerges() {
        Lv origin = lv("o", List.of("VISIBLE"), StripedSegment.linear(0, 4, new Area.OnPv("p", 0)));
        Lv cow = lv("s", List.of(), StripedSegment.linear(0, 2, new Area.OnPv("p", 4)));
        for (boolean merging : new boolean[] {false, true}) {
            Lv internal = lv("snapshot0", List.of("VISIBLE"), new SnapshotSegment(0, 4, 8, "o", "s", merging));
            Vg vg = new Vg("vg", "vgid", 1, List.of(), List.of(), 8192, 0, 0, 0, List.of(), List.of(), new ArrayList<>(List.of(origin, cow, internal)));
            assertTrue(SnapshotType.visible(vg, origin));
            assertFalse(SnapshotType.visible(vg, internal));
            assertEquals(!merging, SnapshotType.visible(vg, cow));
            assertTrue(SnapshotType.named(vg, cow));
            assertFalse(SnapshotType.named(vg, internal));
        }
    }
}
