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

/** Degraded activation takes raid1 with a whole image; raid10 is not raid1 (it used to pass as startsWith("raid1")). */
class ActivationModeTest {
    private static Lv lv(String name, List<String> status, Segment seg) {
        return new Lv(name, name + "id", status, List.of(), List.of(), 1L, "h", null, List.of(), List.of(seg));
    }

    private static Vg raid(String type) {
        List<String> hidden = List.of("READ", "WRITE");
        return new Vg("vg", "vgid", 1, List.of(), List.of(), 8192, 0, 0, 0, List.of(), List.of(), List.of(
                lv("r", List.of("READ", "WRITE", "VISIBLE"), new RaidSegment(type, 0, 4, 1024, List.of("r_rmeta_0", "r_rmeta_1"),
                        List.of("r_rimage_0", "r_rimage_1"), List.of())),
                lv("r_rmeta_0", hidden, StripedSegment.linear(0, 1, new Area.OnPv("pv0", 0))),
                lv("r_rimage_0", hidden, StripedSegment.linear(0, 4, new Area.OnPv("pv0", 1))),
                lv("r_rmeta_1", hidden, StripedSegment.linear(0, 1, new Area.OnPv("pv1", 0))),
                lv("r_rimage_1", hidden, StripedSegment.linear(0, 4, new Area.OnPv("pv1", 1)))));
    }

    @Test
    void degradedTakesRaid1NotRaid10() {
        Vg raid1 = raid("raid1"), raid10 = raid("raid10");
        Set<String> missing = Set.of("pv1");
        assertNull(ActivationMode.DEGRADED.refusal(raid1, raid1.lv("r").orElseThrow(), missing));
        assertEquals("Refusing activation of partial LV vg/r.  Use '--activationmode partial' to override.",
                ActivationMode.DEGRADED.refusal(raid10, raid10.lv("r").orElseThrow(), missing));
    }
}
