package ulvm.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.segtype.SegmentTypes;

/** Renames an LV, its hidden sub-LVs ({@code OLD_rimage_0} becomes {@code NEW_rimage_0}) and every reference. */
public final class LvRename {
    private LvRename() {}

    public static Vg rename(Vg vg, Lv lv, String newName) {
        Map<String, String> map = new HashMap<>();
        map.put(lv.name(), newName);
        List<Lv> subs = new ArrayList<>();
        LvOps.collectSubLvs(vg, lv, subs);
        for (Lv sub : subs)
            if (sub.name().startsWith(lv.name() + "_")) map.put(sub.name(), newName + sub.name().substring(lv.name().length()));
        return renameAll(vg, map);
    }

    /** Applies a name map to every LV name and reference of the VG. */
    public static Vg renameAll(Vg vg, Map<String, String> map) {
        List<Lv> out = new ArrayList<>();
        for (Lv l : vg.lvs()) {
            List<Segment> segs = new ArrayList<>();
            for (Segment s : l.segments()) segs.add(SegmentTypes.of(s).renamed(s, n -> map.getOrDefault(n, n)));
            out.add(l.withName(map.getOrDefault(l.name(), l.name())).withSegments(segs));
        }
        return vg.withLvs(out);
    }
}
