package ulvm.segtype;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import ulvm.format.ConfigSection;
import ulvm.format.FormatException;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;

/** type = "striped" (linear is striped with one stripe): LVM2's lib/striped/striped.c. */
public final class StripedType implements SegmentType {
    static final StripedType INSTANCE = new StripedType();

    private StripedType() {}

    /** The segment as a striped one, or null. */
    public static StripedSegment view(Segment s) { return s instanceof StripedSegment st ? st : null; }

    /** The segment when it is linear (one stripe), or null. */
    public static StripedSegment linear(Segment s) { return s instanceof StripedSegment st && st.stripes().size() == 1 ? st : null; }

    /** Every segment striped (an LV ulvm can move, extend and take as a COW store). */
    public static boolean allStriped(Lv lv) {
        for (Segment s : lv.segments()) if (!(s instanceof StripedSegment)) return false;
        return true;
    }

    /** A non-empty LV of linear segments only. */
    public static boolean allLinear(Lv lv) {
        return !lv.segments().isEmpty() && lv.segments().stream().allMatch(s -> linear(s) != null);
    }

    @Override public String name() { return "striped"; }

    @Override public Segment read(ConfigSection s, long start, long count, SegmentText in) throws FormatException {
        String c = in.context();
        long n = s.number("stripe_count", c);
        List<Area> areas = in.areas(s.list("stripes", c));
        if (n <= 0 || areas.size() != n) throw new FormatException(c + ": stripe_count " + n + " does not match " + areas.size() + " stripes.");
        if (count % n != 0) throw new FormatException(c + ": extent_count " + count + " is not a multiple of the stripe count " + n + ".");
        long ss = s.numberOr("stripe_size", 0);
        if (n > 1 && ss <= 0) throw new FormatException(c + ": missing stripe_size.");
        return new StripedSegment(start, count, n > 1 ? ss : 0, areas);
    }

    @Override public void writeKeys(Segment seg, ConfigSection s, SegmentText.Out out) {
        StripedSegment st = (StripedSegment) seg;
        s.put("stripe_count", (long) st.stripes().size());
        if (st.stripes().size() > 1) s.put("stripe_size", st.stripeSize());
        s.put("stripes", out.areaList(st.stripes()));
    }

    @Override public String reportName(Segment s) { return s.areas().size() == 1 ? "linear" : "striped"; }

    @Override public List<String> layout(Segment s) { return List.of(reportName(s)); }

    @Override public long stripeSize(Segment s) { return s.areas().size() > 1 ? ((StripedSegment) s).stripeSize() : 0; }

    @Override public boolean resizable(Lv lv) { return true; }

    @Override public Segment renamed(Segment s, UnaryOperator<String> rename) {
        StripedSegment st = (StripedSegment) s;
        return new StripedSegment(st.start(), st.count(), st.stripeSize(), Areas.renamed(st.stripes(), rename));
    }

    @Override public void display(Segment s, SegmentDisplay out) {
        StripedSegment st = (StripedSegment) s;
        if (st.stripes().size() == 1) out.area(st.stripes().get(0), "    ");
        else {
            out.line("    Stripes\t\t" + st.stripes().size());
            out.line("    Stripe size\t\t" + out.size(st.stripeSize()));
            for (int i = 0; i < st.stripes().size(); i++) {
                out.line("    Stripe " + i + ":");
                out.area(st.stripes().get(i), "      ");
            }
        }
        out.line("   ");
    }

    @Override public Segment rescaled(Segment s, java.util.function.LongUnaryOperator extents) {
        ulvm.model.StripedSegment st = (ulvm.model.StripedSegment) s;
        return new ulvm.model.StripedSegment(extents.applyAsLong(st.start()), extents.applyAsLong(st.count()), st.stripeSize(), st.stripes());
    }
}
