package ulvm.move;

import java.util.ArrayList;
import java.util.List;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;

/** Small VGs for the pvmove tests: PVs "pv0".."pvN" (ids equal to their names), 4 MiB extents. */
final class MoveVgs {
    private MoveVgs() {}

    static Vg vg(long... peCounts) {
        List<Pv> pvs = new ArrayList<>();
        for (int i = 0; i < peCounts.length; i++)
            pvs.add(new Pv("pv" + i, "/dev/pv" + i, List.of("ALLOCATABLE"), List.of(), (peCounts[i] * 8192) + 2048, 2048, peCounts[i], List.of()));
        return new Vg("vg", "vgid", 1, List.of("RESIZEABLE", "READ", "WRITE"), List.of(), 8192, 0, 0, 0, List.of(), pvs, List.of());
    }

    /** A linear LV made of (pv, pe, len) triples, one segment each. */
    static Vg linear(Vg vg, String name, Object... triples) {
        List<Segment> segs = new ArrayList<>();
        long le = 0;
        for (int i = 0; i < triples.length; i += 3) {
            long len = ((Number) triples[i + 2]).longValue();
            segs.add(StripedSegment.linear(le, len, new Area.OnPv((String) triples[i], ((Number) triples[i + 1]).longValue())));
            le += len;
        }
        return vg.withLv(new Lv(name, name + "id", List.of("READ", "WRITE", "VISIBLE"), List.of(), List.of(), 1L, "h", null, List.of(), segs));
    }

    static Vg striped(Vg vg, String name, long perStripe, Object... pvPe) {
        List<Area> areas = new ArrayList<>();
        for (int i = 0; i < pvPe.length; i += 2) areas.add(new Area.OnPv((String) pvPe[i], ((Number) pvPe[i + 1]).longValue()));
        Segment s = new StripedSegment(0, perStripe * areas.size(), 128, areas);
        return vg.withLv(new Lv(name, name + "id", List.of("READ", "WRITE", "VISIBLE"), List.of(), List.of(), 1L, "h", null, List.of(), List.of(s)));
    }

    static MoveSetup.Request req(String source, List<PvRange> ranges, List<String> candidates, Policy p, boolean atomic) {
        return new MoveSetup.Request(source, ranges, candidates, new java.util.HashMap<>(), null, p, atomic, 1L, "h");
    }

    /** "pv:pe+len" of each pvmove segment's destination, in LE order. */
    static String dests(Vg vg) {
        StringBuilder b = new StringBuilder();
        for (Segment s : vg.lv("pvmove0").orElseThrow().segments()) {
            Area.OnPv d = (Area.OnPv) s.areas().get(1);
            if (b.length() > 0) b.append(' ');
            b.append(d.pvId()).append(':').append(d.pe()).append('-').append(d.pe() + s.count() - 1);
        }
        return b.toString();
    }
}
