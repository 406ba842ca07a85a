package ulvm.live;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import ulvm.model.Area;
import java.util.List;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.segtype.SegmentTypes;

/** An LV with the sub-LVs its mapping depends on: a change to any of them changes the LV's live state. */
final class SubLvs {
    private SubLvs() {}

    /**
     * {@code lv} followed by the LVs its mapping reads through (as found in {@code vg}), depth first: raid metadata
     * and images in raids order, LVs its areas point into (a pvmove LV and, for an atomic move, its images).
     */
    static List<Lv> closure(Vg vg, Lv lv) {
        List<Lv> out = new ArrayList<>();
        add(vg, lv, out, new HashSet<>());
        return out;
    }

    private static void add(Vg vg, Lv lv, List<Lv> out, Set<String> seen) {
        if (!seen.add(lv.name())) return;
        out.add(lv);
        // a snapshot family lives together: origin, every snapshotN of it and their COW LVs
        ulvm.snapshot.SnapshotLvs.segment(lv).ifPresent(sn -> {
            vg.lv(sn.origin()).ifPresent(l -> add(vg, l, out, seen));
            vg.lv(sn.cowStore()).ifPresent(l -> add(vg, l, out, seen));
        });
        ulvm.snapshot.SnapshotLvs.internalOf(vg, lv.name()).ifPresent(l -> add(vg, l, out, seen));
        for (Lv l : vg.lvs()) {
            if (ulvm.snapshot.SnapshotLvs.segment(l).filter(sn -> sn.origin().equals(lv.name())).isPresent()) add(vg, l, out, seen);
        }
        for (Segment s : lv.segments()) {
            for (String n : SegmentTypes.of(s).metaLvs(s)) vg.lv(n).ifPresent(l -> add(vg, l, out, seen));
            for (Area a : s.areas()) if (a instanceof Area.OnLv on) vg.lv(on.lv()).ifPresent(l -> add(vg, l, out, seen));
        }
    }
}
