package ulvm.segtype;

import java.util.List;
import java.util.function.UnaryOperator;
import ulvm.format.ConfigSection;
import ulvm.format.FormatException;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.SnapshotSegment;
import ulvm.model.Vg;

/**
 * type = "snapshot": the internal snapshotN LV naming the origin and the COW LV (LVM2's lib/snapshot/snapshot.c),
 * and the visibility rule that follows from it (lv_is_visible).
 */
public final class SnapshotType implements SegmentType {
    static final SnapshotType INSTANCE = new SnapshotType();

    private SnapshotType() {}

    /** The segment as a snapshot one, or null. */
    public static SnapshotSegment view(Segment s) { return s instanceof SnapshotSegment sn ? sn : null; }

    /** The snapshot segment of an internal snapshotN LV, or null for any other LV. */
    public static SnapshotSegment of(Lv lv) {
        for (Segment s : lv.segments()) if (s instanceof SnapshotSegment sn) return sn;
        return null;
    }

    /** The snapshot segment whose COW LV is {@code cow}, or null. */
    public static SnapshotSegment ofCow(Vg vg, String cow) {
        for (Lv l : vg.lvs()) {
            SnapshotSegment sn = of(l);
            if (sn != null && sn.cowStore().equals(cow)) return sn;
        }
        return null;
    }

    /**
     * LVM2's lv_is_visible (lib/metadata/snapshot_manip.c): the internal snapshotN never; a COW LV, which carries
     * no VISIBLE flag, while its origin is visible and it does not merge; any other LV by its VISIBLE flag. The
     * mounted tree shows these.
     */
    public static boolean visible(Vg vg, Lv lv) { return visible(vg, lv, false); }

    /**
     * The same rule with a merging COW shown as its origin: the LVs commands take by name and reports list. LVM2
     * names a merging snapshot too (process_each_lv filters by visibility only the LVs not named), so that lvremove
     * can refuse it ("Can't remove merging snapshot logical volume").
     */
    public static boolean named(Vg vg, Lv lv) { return visible(vg, lv, true); }

    private static boolean visible(Vg vg, Lv lv, boolean merging) {
        if (of(lv) != null) return false;
        SnapshotSegment cow = ofCow(vg, lv.name());
        if (cow == null) return lv.visible();
        return (merging || !cow.merging()) && vg.lv(cow.origin()).map(Lv::visible).orElse(false);
    }

    @Override public String name() { return "snapshot"; }

    @Override public Segment read(ConfigSection s, long start, long count, SegmentText in) throws FormatException {
        String c = in.context();
        String origin = s.string("origin", c);
        boolean merging = s.value("merging_store") != null;
        String cow = merging ? s.string("merging_store", c) : s.string("cow_store", c);
        for (String n : List.of(origin, cow)) if (!in.lvNames().contains(n)) throw new FormatException(c + ": unknown LV \"" + in.shown(n) + "\".");
        return new SnapshotSegment(start, count, s.number("chunk_size", c), origin, cow, merging);
    }

    @Override public void writeKeys(Segment seg, ConfigSection s, SegmentText.Out out) {
        SnapshotSegment sn = (SnapshotSegment) seg;
        s.put("chunk_size", sn.chunkSize());
        s.put("origin", sn.origin());
        s.put(sn.merging() ? "merging_store" : "cow_store", sn.cowStore());
    }

    @Override public boolean snapshot() { return true; }

    /** The snapshotN LV adds nothing to lv_layout. */
    @Override public List<String> layout(Segment s) { return List.of(); }

    @Override public long stripes(Segment s) { return 0; }

    @Override public long chunkSize(Segment s) { return ((SnapshotSegment) s).chunkSize(); }

    /** The LVs a snapshot joins (either partial makes both and the snapshotN LV partial): the origin and the COW. */
    public static List<String> joined(Segment s) {
        return s instanceof SnapshotSegment sn ? List.of(sn.origin(), sn.cowStore()) : List.of();
    }

    @Override public Segment renamed(Segment s, UnaryOperator<String> rename) {
        SnapshotSegment sn = (SnapshotSegment) s;
        return new SnapshotSegment(sn.start(), sn.count(), sn.chunkSize(), rename.apply(sn.origin()), rename.apply(sn.cowStore()), sn.merging());
    }

    @Override public Segment rescaled(Segment s, java.util.function.LongUnaryOperator extents) {
        ulvm.model.SnapshotSegment sn = (ulvm.model.SnapshotSegment) s;
        return new ulvm.model.SnapshotSegment(extents.applyAsLong(sn.start()), extents.applyAsLong(sn.count()), sn.chunkSize(), sn.origin(), sn.cowStore(), sn.merging());
    }
}
