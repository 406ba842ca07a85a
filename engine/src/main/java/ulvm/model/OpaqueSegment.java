package ulvm.model;

import java.util.List;

/** A segment type ulvm does not map (thin, cache, ...): kept byte for byte so that it is written back unchanged. */
public record OpaqueSegment(long start, long count, String type, Section raw, List<Area> areas) implements Segment {
    @Override public long areaLength() { return count; }

    @Override public Segment withStart(long s) { return new OpaqueSegment(s, count, type, raw, areas); }

    @Override public Segment withAreas(List<Area> areas) { return new OpaqueSegment(start, count, type, raw, areas); }
}
