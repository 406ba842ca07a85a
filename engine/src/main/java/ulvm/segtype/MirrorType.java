package ulvm.segtype;

import java.util.List;
import java.util.function.UnaryOperator;
import ulvm.format.ConfigSection;
import ulvm.format.FormatException;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.Segment;

/**
 * type = "mirror": here only pvmove's LV (pvmove0) uses it, with PV areas (the source first) and extents_moved;
 * LVM2's lib/mirror/mirrored.c.
 */
public final class MirrorType implements SegmentType {
    static final MirrorType INSTANCE = new MirrorType();

    private MirrorType() {}

    /** The segment as a mirror one, or null. */
    public static MirrorSegment view(Segment s) { return s instanceof MirrorSegment m ? m : null; }

    /** The first segment of {@code lv} as a mirror one, or null. */
    public static MirrorSegment first(Lv lv) { return lv.segments().isEmpty() ? null : view(lv.segments().get(0)); }

    /** Whether the pvmove LV is atomic: its mirror areas are LVs (pvmove0_mimage_0/1). */
    public static boolean atomic(Lv pvmove) {
        MirrorSegment m = first(pvmove);
        return m != null && !m.mirrors().isEmpty() && m.mirrors().get(0) instanceof Area.OnLv;
    }

    /** Extents of the segment the move has copied (0 for a segment that is not a move's mirror). */
    public static long moved(Segment s) {
        return s instanceof MirrorSegment m && m.extentsMoved() != null ? Math.min(m.extentsMoved(), m.count()) : 0;
    }

    /** A move's mirror segment not yet copied to the end. */
    public static boolean incomplete(Segment s) { return s instanceof MirrorSegment && moved(s) < s.count(); }

    /** The area an LE range of a pvmove LV ends up on when the move finishes: the destination once copied, else the source. */
    public static Area kept(Segment s) {
        if (!(s instanceof MirrorSegment m)) return s.areas().get(0);
        boolean done = m.extentsMoved() != null && m.extentsMoved() == m.count() && m.mirrors().size() > 1;
        return m.mirrors().get(done ? 1 : 0);
    }

    @Override public String name() { return "mirror"; }

    @Override public Segment read(ConfigSection s, long start, long count, SegmentText in) throws FormatException {
        List<Area> areas = in.areas(s.list("mirrors", in.context()));
        Object moved = s.value("extents_moved");
        return new MirrorSegment(start, count, s.numberOr("region_size", 0), s.stringOr("mirror_log", null),
                moved instanceof Long m ? m : null, areas);
    }

    @Override public void writeKeys(Segment seg, ConfigSection s, SegmentText.Out out) {
        MirrorSegment m = (MirrorSegment) seg;
        s.put("mirror_count", (long) m.mirrors().size());
        if (m.extentsMoved() != null) s.put("extents_moved", m.extentsMoved());
        if (m.mirrorLog() != null) s.put("mirror_log", m.mirrorLog());
        s.put("region_size", m.regionSize());
        s.put("mirrors", out.areaList(m.mirrors()));
    }

    @Override public boolean mirror() { return true; }

    @Override public boolean monitored() { return true; }

    @Override public long regionSize(Segment s) { return ((MirrorSegment) s).regionSize(); }

    @Override public long mirroredVolumes(Segment s) { return s.areas().size(); }

    @Override public List<String> stackedLvs(Segment s) {
        String log = ((MirrorSegment) s).mirrorLog();
        return log == null ? List.of() : List.of(log);
    }

    @Override public Segment renamed(Segment s, UnaryOperator<String> rename) {
        MirrorSegment m = (MirrorSegment) s;
        return new MirrorSegment(m.start(), m.count(), m.regionSize(), Areas.name(m.mirrorLog(), rename), m.extentsMoved(),
                Areas.renamed(m.mirrors(), rename));
    }

    @Override public void display(Segment s, SegmentDisplay out) {
        MirrorSegment m = (MirrorSegment) s;
        out.line("    Mirrors\t\t" + m.mirrors().size());
        out.line("    Mirror size\t\t" + m.areaLength());
        if (m.mirrorLog() != null) out.line("    Mirror log volume\t" + m.mirrorLog());
        if (m.regionSize() != 0) out.line("    Mirror region size\t" + out.size(m.regionSize()));
        out.line("    Mirror original:");
        out.area(m.mirrors().get(0), "      ");
        out.line("    Mirror destinations:");
        for (int i = 1; i < m.mirrors().size(); i++) out.area(m.mirrors().get(i), "      ");
        out.line("   ");
    }

    @Override public Segment rescaled(Segment s, java.util.function.LongUnaryOperator extents) {
        ulvm.model.MirrorSegment m = (ulvm.model.MirrorSegment) s;
        return new ulvm.model.MirrorSegment(extents.applyAsLong(m.start()), extents.applyAsLong(m.count()), m.regionSize(), m.mirrorLog(),
                m.extentsMoved() == null ? null : extents.applyAsLong(m.extentsMoved()), m.mirrors());
    }
}
