package ulvm.segtype;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import ulvm.format.ConfigSection;
import ulvm.format.FormatException;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.ThinSegment;

/**
 * type = "thin" (LVM2 2.03.16's lib/thin/thin.c _thin_text_import/_export): thin_pool, transaction_id, device_id,
 * external_origin, origin, merge.
 */
public final class ThinType implements SegmentType {
    static final ThinType INSTANCE = new ThinType();
    /** DM_THIN_MAX_DEVICE_ID. */
    public static final long MAX_DEVICE_ID = (1L << 24) - 1;

    private ThinType() {}

    /** The segment as a thin one, or null. */
    public static ThinSegment view(Segment s) { return s instanceof ThinSegment t ? t : null; }

    /** The thin segment of a thin LV, or null for any other LV. */
    public static ThinSegment of(Lv lv) {
        return lv != null && !lv.segments().isEmpty() && lv.segments().get(0) instanceof ThinSegment t ? t : null;
    }

    @Override public String name() { return "thin"; }

    @Override public Segment read(ConfigSection s, long start, long count, SegmentText in) throws FormatException {
        String c = in.context();
        String pool = s.string("thin_pool", c);
        List<String> named = new ArrayList<>(List.of(pool));
        long txid = s.number("transaction_id", c);
        String origin = s.has("origin") ? s.string("origin", c) : null;
        String merge = s.has("merge") ? s.string("merge", c) : null;
        long dev = s.number("device_id", c);
        if (dev < 0 || dev > MAX_DEVICE_ID) throw new FormatException(c + ": unsupported value " + dev + " for device_id.");
        String external = s.has("external_origin") ? s.string("external_origin", c) : null;
        for (String n : new String[] {origin, merge, external}) if (n != null) named.add(n);
        for (String n : named) if (!in.lvNames().contains(n)) throw new FormatException(c + ": unknown LV \"" + in.shown(n) + "\".");
        return new ThinSegment(start, count, pool, txid, dev, origin, external, merge);
    }

    @Override public void writeKeys(Segment seg, ConfigSection s, SegmentText.Out out) {
        ThinSegment t = (ThinSegment) seg;
        s.put("thin_pool", t.pool());
        s.put("transaction_id", t.transactionId());
        s.put("device_id", t.deviceId());
        if (t.externalOrigin() != null) s.put("external_origin", t.externalOrigin());
        if (t.origin() != null) s.put("origin", t.origin());
        if (t.merge() != null) s.put("merge", t.merge());
    }

    @Override public List<String> layout(Segment s) { return List.of("thin", "sparse"); }

    @Override public long stripes(Segment s) { return 0; }

    /** SEG_VIRTUAL: lvdisplay's "Virtual extents" (lv_attr shows 'V' before 'v'). */
    @Override public boolean virtual() { return true; }

    @Override public boolean resizable(Lv lv) { return true; }

    /** The pool (and an external origin): a thin LV is partial with its pool, and goes where the pool's PVs go. */
    @Override public List<String> stackedLvs(Segment s) {
        ThinSegment t = (ThinSegment) s;
        return t.externalOrigin() == null ? List.of(t.pool()) : List.of(t.pool(), t.externalOrigin());
    }

    @Override public Segment renamed(Segment s, UnaryOperator<String> rename) {
        ThinSegment t = (ThinSegment) s;
        return new ThinSegment(t.start(), t.count(), rename.apply(t.pool()), t.transactionId(), t.deviceId(), Areas.name(t.origin(), rename),
                Areas.name(t.externalOrigin(), rename), Areas.name(t.merge(), rename));
    }

    @Override public void display(Segment s, SegmentDisplay out) {
        out.line("    Device ID\t\t" + ((ThinSegment) s).deviceId());
        out.line("   ");
    }
}
