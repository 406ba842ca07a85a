package ulvm.segtype;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.Vg;

/**
 * LVM2's partial LVs (vg_mark_partial_lvs): an LV with an extent on a missing PV, an LV stacked on a partial one
 * (images, rmeta, mirror log), and a snapshot's origin and COW with each other.
 */
public final class PartialLvs {
    private PartialLvs() {}

    /** Names of the partial LVs of {@code vg}; {@code missing} tells which PV ids are missing. */
    public static Set<String> of(Vg vg, Predicate<String> missing) {
        Set<String> partial = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Lv lv : vg.lvs()) {
                if (!partial.contains(lv.name()) && partial(lv, partial, missing)) {
                    partial.add(lv.name());
                    changed = true;
                }
            }
            // a snapshot (snapshotN) joins its origin and COW: either partial makes both partial
            for (Lv lv : vg.lvs()) {
                for (Segment s : lv.segments()) {
                    List<String> joined = SnapshotType.joined(s);
                    if (joined.isEmpty()) continue;
                    boolean any = partial.contains(lv.name());
                    for (String n : joined) any |= partial.contains(n);
                    if (any) {
                        for (String n : joined) changed |= partial.add(n);
                        changed |= partial.add(lv.name());
                    }
                }
            }
        }
        return partial;
    }

    private static boolean partial(Lv lv, Set<String> partial, Predicate<String> missing) {
        for (Segment s : lv.segments()) {
            for (Area a : s.areas()) {
                if (a instanceof Area.OnPv p && missing.test(p.pvId())) return true;
                if (a instanceof Area.OnLv l && partial.contains(l.lv())) return true;
            }
            for (String sub : SegmentTypes.of(s).stackedLvs(s)) if (partial.contains(sub)) return true;
        }
        return false;
    }
}
