package ulvm.move;

import java.util.ArrayList;
import java.util.List;
import ulvm.model.Area;
import ulvm.model.StripedSegment;

/** Cutting striped segments the way LVM2's lv_split_segment does: every stripe at the same area offset. */
final class MoveSplit {
    private MoveSplit() {}

    static Area shift(Area a, long off) {
        if (a instanceof Area.OnPv p) return new Area.OnPv(p.pvId(), p.pe() + off);
        Area.OnLv l = (Area.OnLv) a;
        return new Area.OnLv(l.lv(), l.le() + off);
    }

    /** The segment cut after {@code off} extents of each area (0 &lt; off &lt; areaLength). */
    static List<StripedSegment> at(StripedSegment st, long off) {
        int m = st.stripes().size();
        List<Area> second = new ArrayList<>();
        for (Area a : st.stripes()) second.add(shift(a, off));
        return List.of(new StripedSegment(st.start(), off * m, st.stripeSize(), st.stripes()),
                new StripedSegment(st.start() + off * m, st.count() - off * m, st.stripeSize(), second));
    }
}
