package ulvm.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;

/**
 * Degraded activation takes raid1 with a whole image, and raid4/5/6/10 by LVM2's per-level rule (raid_manip.c
 * _partial_raid_lv_is_redundant; test/shell/lvchange-raid.sh, lvconvert-raid-allocation.sh); raid0 never.
 */
class ActivationModeTest {
    private static Lv lv(String name, List<String> status, Segment seg) {
        return new Lv(name, name + "id", status, List.of(), List.of(), 1L, "h", null, List.of(), List.of(seg));
    }

    private static Vg raid(String type) { return raid(type, 2); }

    private static Vg raid(String type, int n) {
        List<String> hidden = List.of("READ", "WRITE");
        List<String> metas = new java.util.ArrayList<>(), images = new java.util.ArrayList<>();
        List<Lv> lvs = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            metas.add("r_rmeta_" + i);
            images.add("r_rimage_" + i);
            lvs.add(lv("r_rmeta_" + i, hidden, StripedSegment.linear(0, 1, new Area.OnPv("pv" + i, 0))));
            lvs.add(lv("r_rimage_" + i, hidden, StripedSegment.linear(0, 4, new Area.OnPv("pv" + i, 1))));
        }
        lvs.add(0, lv("r", List.of("READ", "WRITE", "VISIBLE"), new RaidSegment(type, 0, 4, 1024, metas, images, List.of())));
        return new Vg("vg", "vgid", 1, List.of(), List.of(), 8192, 0, 0, 0, List.of(), List.of(), lvs);
    }

    private static String refusal(String type, int n, String... missing) {
        Vg vg = raid(type, n);
        return ActivationMode.DEGRADED.refusal(vg, vg.lv("r").orElseThrow(), Set.of(missing));
    }

    @Test
    void degradedTakesRaid1AndRaid10WithAWholeMirror() {
        assertNull(refusal("raid1", 2, "pv1"));
        assertNull(refusal("raid10", 2, "pv1")); // one mirror set of two: not raid1, but redundant alike
        assertEquals("Refusing activation of partial LV vg/r.  Use '--activationmode partial' to override.", refusal("raid10", 2, "pv0", "pv1"));
        assertNull(refusal("raid10", 4, "pv0", "pv2")); // one image of each mirror set
        assertEquals("Refusing activation of partial LV vg/r.  Use '--activationmode partial' to override.", refusal("raid10", 4, "pv0", "pv1"));
    }

    @Test
    void degradedTakesRaid5WithOneImageMissingRaid6WithTwo() {
        String no = "Refusing activation of partial LV vg/r.  Use '--activationmode partial' to override.";
        assertNull(refusal("raid5_ls", 3, "pv1"));
        assertNull(refusal("raid4", 3, "pv2"));
        assertEquals(no, refusal("raid5_ls", 3, "pv0", "pv1"));
        assertNull(refusal("raid6_zr", 4, "pv0", "pv3"));
        assertEquals(no, refusal("raid6_zr", 4, "pv0", "pv1", "pv2"));
        assertEquals(no, refusal("raid0_meta", 3, "pv0"));
        Vg vg = raid("raid5_ls", 3);
        assertEquals("Refusing activation of partial LV vg/r.  Try '--activationmode degraded'.",
                ActivationMode.COMPLETE.refusal(vg, vg.lv("r").orElseThrow(), Set.of("pv0")));
    }
}
