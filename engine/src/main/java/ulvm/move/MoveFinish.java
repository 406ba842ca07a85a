package ulvm.move;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import ulvm.alloc.Segments;
import ulvm.format.ConfigSection;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.OpaqueSegment;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;
import ulvm.segtype.MirrorType;
import ulvm.segtype.StripedType;

/**
 * The metadata steps that end a move (LVM2's pvmove_finish), completed or aborted. Non-atomic: each pvmove segment
 * whose extents_moved equals its length keeps the destination, every other the source; the moved LVs take those PV
 * areas back, lose LOCKED and are merged; the pvmove LV becomes a 1-extent error LV (commit A), then is removed
 * (commit B). Atomic: first the pvmove LV is collapsed onto the kept image (destination, or source when aborting)
 * and both images are removed, then the same two steps.
 */
public final class MoveFinish {
    private MoveFinish() {}

    /** The VGs to commit in order. {@code abort}: what is not (stored as) complete returns to the source. */
    public static List<Vg> steps(Vg vg, String pvmove, boolean abort) {
        List<Vg> out = new ArrayList<>();
        Lv mv = vg.lv(pvmove).orElseThrow();
        Vg cur = vg;
        if (MoveLvs.atomic(mv)) {
            cur = collapse(cur, mv, abort);
            out.add(cur);
            mv = cur.lv(pvmove).orElseThrow();
        }
        if (mv.hasStatus("PVMOVE")) {
            cur = removeLayer(cur, mv);
            out.add(cur);
        }
        out.add(cur.withoutLv(pvmove));
        return out;
    }

    /** Atomic: pvmove LV onto the kept image's linear segments; both image LVs removed. */
    static Vg collapse(Vg vg, Lv mv, boolean abort) {
        MirrorSegment m = (MirrorSegment) mv.segments().get(0);
        boolean complete = !abort && m.extentsMoved() != null && m.extentsMoved() == m.count();
        String keep = ((Area.OnLv) m.mirrors().get(complete ? 1 : 0)).lv();
        List<Segment> segs = new ArrayList<>(vg.lv(keep).orElseThrow().segments());
        Vg out = vg.withLv(mv.withSegments(segs));
        for (Area a : m.mirrors()) out = out.withoutLv(((Area.OnLv) a).lv());
        return out;
    }

    /** The PV area each pvmove LE range ends up on, by start LE: [length, area]. */
    private static TreeMap<Long, Object[]> kept(Lv mv) {
        TreeMap<Long, Object[]> out = new TreeMap<>();
        for (Segment seg : mv.segments()) {
            Area a = MirrorType.kept(seg);
            out.put(seg.start(), new Object[] {seg.count(), a});
        }
        return out;
    }

    /** remove_layers_for_segments_all + replace_lv_with_error_segment. */
    static Vg removeLayer(Vg vg, Lv mv) {
        TreeMap<Long, Object[]> kept = kept(mv);
        List<Lv> lvs = new ArrayList<>();
        for (Lv lv : vg.lvs()) {
            if (lv.name().equals(mv.name())) {
                lvs.add(errorLv(lv));
                continue;
            }
            boolean touched = false;
            List<Segment> segs = new ArrayList<>();
            for (Segment seg : lv.segments()) {
                StripedSegment st = StripedType.view(seg);
                if (st == null) { segs.add(seg); continue; }
                List<Area> areas = new ArrayList<>();
                for (Area a : st.stripes()) {
                    if (a instanceof Area.OnLv on && on.lv().equals(mv.name())) {
                        Object[] k = kept.get(on.le());
                        if (k == null || (long) k[0] != st.areaLength())
                            throw new IllegalStateException("Layer boundary mismatch: " + lv.name() + " " + seg.start() + "-" + st.areaLength() + " for " + mv.name());
                        areas.add((Area) k[1]);
                        touched = true;
                    } else {
                        areas.add(a);
                    }
                }
                segs.add(new StripedSegment(st.start(), st.count(), st.stripeSize(), areas));
            }
            lvs.add(touched ? lv.withSegments(Segments.merge(segs)).withStatusFlag("LOCKED", false) : lv);
        }
        return vg.withLvs(lvs);
    }

    static Lv errorLv(Lv mv) {
        ConfigSection raw = new ConfigSection();
        raw.put("start_extent", 0L);
        raw.put("extent_count", 1L);
        raw.put("type", "error");
        return mv.withStatus(List.of("READ", "WRITE")).withSegments(List.of(new OpaqueSegment(0, 1, "error", raw, List.of())));
    }
}
