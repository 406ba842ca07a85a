package ulvm.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.RaidSegment;
import ulvm.model.Segment;
import ulvm.model.SnapshotSegment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;

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
            for (Segment s : l.segments()) segs.add(renameRefs(s, map));
            out.add(l.withName(map.getOrDefault(l.name(), l.name())).withSegments(segs));
        }
        return vg.withLvs(out);
    }

    private static String r(Map<String, String> map, String n) {
        return n == null ? null : map.getOrDefault(n, n);
    }

    private static List<Area> areas(List<Area> in, Map<String, String> map) {
        List<Area> out = new ArrayList<>();
        for (Area a : in) out.add(a instanceof Area.OnLv on ? new Area.OnLv(r(map, on.lv()), on.le()) : a);
        return out;
    }

    private static Segment renameRefs(Segment s, Map<String, String> map) {
        if (s instanceof StripedSegment st) return new StripedSegment(st.start(), st.count(), st.stripeSize(), areas(st.stripes(), map));
        if (s instanceof MirrorSegment m)
            return new MirrorSegment(m.start(), m.count(), m.regionSize(), r(map, m.mirrorLog()), m.extentsMoved(), areas(m.mirrors(), map));
        if (s instanceof RaidSegment rs) {
            List<String> metas = new ArrayList<>(), imgs = new ArrayList<>();
            for (String x : rs.metaLvs()) metas.add(r(map, x));
            for (String x : rs.imageLvs()) imgs.add(r(map, x));
            return new RaidSegment(rs.type(), rs.start(), rs.count(), rs.regionSize(), metas, imgs, rs.extras());
        }
        if (s instanceof SnapshotSegment sn)
            return new SnapshotSegment(sn.start(), sn.count(), sn.chunkSize(), r(map, sn.origin()), r(map, sn.cowStore()), sn.merging());
        return s;
    }
}
