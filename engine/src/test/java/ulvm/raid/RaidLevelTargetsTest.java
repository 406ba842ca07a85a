package ulvm.raid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import ulvm.io.BlockDevice;
import ulvm.io.MemoryDevice;
import ulvm.mapping.LvTable;
import ulvm.mapping.TableBuilder;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.RaidSegment;
import ulvm.model.Section;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;

/** raid0 maps as striped over its rimages; the levels with parity are refused until their data path is there. */
class RaidLevelTargetsTest {
    static Lv lv(String name, Segment... segs) {
        return new Lv(name, name + "id", List.of("READ", "WRITE", "VISIBLE"), List.of(), List.of(), 1L, "h", null, List.of(), List.of(segs));
    }

    static Vg vg(Lv... lvs) {
        List<Pv> pvs = List.of(new Pv("pv0", "a", List.of("ALLOCATABLE"), List.of(), 65536, 2048, 7, List.of()),
                new Pv("pv1", "b", List.of("ALLOCATABLE"), List.of(), 65536, 2048, 7, List.of()));
        return new Vg("vg", "vgid", 1, List.of(), List.of(), 8, 0, 0, 0, List.of(), pvs, List.of(lvs)); // 4 KiB extents
    }

    @Test
    void raid0MapsAsTheStripedLvOfTheSameAreas() throws Exception {
        // rimage_1 in two pieces: the raid0 LV must still read what a striped LV over the same areas reads
        Lv r0 = lv("r", new RaidSegment("raid0", 0, 8, 0, java.util.Arrays.asList(null, null), List.of("r_rimage_0", "r_rimage_1"),
                List.of(new Section.Entry("stripe_size", 2L, null))));
        Vg vg = vg(r0, lv("r_rimage_0", StripedSegment.linear(0, 4, new Area.OnPv("pv0", 1))),
                lv("r_rimage_1", StripedSegment.linear(0, 2, new Area.OnPv("pv1", 0)), StripedSegment.linear(2, 2, new Area.OnPv("pv1", 4))),
                lv("s", new StripedSegment(0, 4, 2, List.of(new Area.OnPv("pv0", 1), new Area.OnPv("pv1", 0))),
                        new StripedSegment(4, 4, 2, List.of(new Area.OnPv("pv0", 3), new Area.OnPv("pv1", 4)))));
        Map<String, BlockDevice> devs = new HashMap<>();
        devs.put("pv0", new MemoryDevice("a", 2 << 20));
        devs.put("pv1", new MemoryDevice("b", 2 << 20));
        LvTable raid0 = TableBuilder.build(vg, r0, devs::get, (v, l, s) -> RaidLevelTargets.target(v, l, s, devs::get));
        LvTable striped = TableBuilder.build(vg, vg.lv("s").orElseThrow(), devs::get);
        byte[] data = new byte[8 * 4096];
        new Random(7).nextBytes(data);
        raid0.write(0, ByteBuffer.wrap(data));
        byte[] back = new byte[data.length];
        assertEquals(data.length, striped.read(0, ByteBuffer.wrap(back)));
        assertArrayEquals(data, back);
    }

    @Test
    void raid5IsRefusedWithAClearMessage() {
        Lv r5 = lv("r", new RaidSegment("raid5_ls", 0, 2, 1024, List.of("r_rmeta_0", "r_rmeta_1"), List.of("r_rimage_0", "r_rimage_1"), List.of()));
        Vg vg = vg(r5);
        var e = assertThrows(java.io.IOException.class, () -> RaidLevelTargets.target(vg, r5, r5.segments().get(0), id -> null));
        assertEquals("Activation of raid5_ls LV vg/r is not supported by this version of ulvm yet (no raid5_ls data path).", e.getMessage());
    }
}
