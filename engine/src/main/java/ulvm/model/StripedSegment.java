package ulvm.model;

import java.util.List;

/** type = "striped": linear with one stripe. {@code stripeSize} in sectors (0 for one stripe). */
public record StripedSegment(long start, long count, long stripeSize, List<Area> stripes) implements Segment {
    public StripedSegment {
        stripes = List.copyOf(stripes);
        if (stripes.isEmpty()) throw new IllegalArgumentException("a striped segment needs an area");
    }

    public static StripedSegment linear(long start, long count, Area area) {
        return new StripedSegment(start, count, 0, List.of(area));
    }

    @Override public String type() { return "striped"; }

    @Override public List<Area> areas() { return stripes; }

    @Override public long areaLength() { return count / stripes.size(); }

    @Override public Segment withStart(long s) { return new StripedSegment(s, count, stripeSize, stripes); }

    public StripedSegment withCount(long c) { return new StripedSegment(start, c, stripeSize, stripes); }

    @Override public Segment withAreas(List<Area> areas) { return new StripedSegment(start, count, stripeSize, areas); }
}
