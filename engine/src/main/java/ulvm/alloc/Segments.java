package ulvm.alloc;

import java.util.ArrayList;
import java.util.List;
import ulvm.model.Area;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.segtype.StripedType;

/** Operations on an LV's segment list: merging adjacent segments as LVM2 does, and cutting at an extent. */
public final class Segments {
    private Segments() {}

    /** Merges consecutive striped segments whose every area continues the previous one. */
    public static List<Segment> merge(List<Segment> segs) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : segs) {
            StripedSegment a = out.isEmpty() ? null : StripedType.view(out.get(out.size() - 1)), b = StripedType.view(s);
            if (a != null && b != null && continues(a, b)) {
                out.set(out.size() - 1, new StripedSegment(a.start(), a.count() + b.count(), a.stripeSize(), a.stripes()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    static boolean continues(StripedSegment a, StripedSegment b) {
        if (a.stripes().size() != b.stripes().size() || a.stripeSize() != b.stripeSize() || a.end() != b.start()) return false;
        long len = a.areaLength();
        for (int i = 0; i < a.stripes().size(); i++) {
            Area x = a.stripes().get(i), y = b.stripes().get(i);
            if (x instanceof Area.OnPv p && y instanceof Area.OnPv q) {
                if (!p.pvId().equals(q.pvId()) || p.pe() + len != q.pe()) return false;
            } else if (x instanceof Area.OnLv p && y instanceof Area.OnLv q) {
                if (!p.lv().equals(q.lv()) || p.le() + len != q.le()) return false;
            } else return false;
        }
        return true;
    }

    /** The segments cut to the first {@code extents} logical extents (striped segments only are cut). */
    public static List<Segment> truncate(List<Segment> segs, long extents) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : segs) {
            if (s.start() >= extents) break;
            if (s.end() <= extents) { out.add(s); continue; }
            StripedSegment st = (StripedSegment) s;
            out.add(st.withCount(extents - s.start()));
        }
        return out;
    }

    /** For each stripe of the last segment, the PE right after it (where an extension would continue). */
    public static List<Area.OnPv> continuation(List<Segment> segs) {
        StripedSegment last = segs.isEmpty() ? null : StripedType.view(segs.get(segs.size() - 1));
        if (last == null) return null;
        List<Area.OnPv> out = new ArrayList<>();
        for (Area a : last.stripes()) {
            if (!(a instanceof Area.OnPv p)) return null;
            out.add(new Area.OnPv(p.pvId(), p.pe() + last.areaLength()));
        }
        return out;
    }
}
