package ulvm.model;

import java.util.List;

/** type = "mirror"; pvmove0 uses it with PV areas (source first) and extents_moved. */
public record MirrorSegment(long start, long count, long regionSize, String mirrorLog, Long extentsMoved, List<Area> mirrors)
        implements Segment {
    public MirrorSegment { mirrors = List.copyOf(mirrors); }

    @Override public String type() { return "mirror"; }

    @Override public List<Area> areas() { return mirrors; }

    @Override public long areaLength() { return count; }

    @Override public Segment withStart(long s) { return new MirrorSegment(s, count, regionSize, mirrorLog, extentsMoved, mirrors); }

    @Override public Segment withAreas(List<Area> areas) { return new MirrorSegment(start, count, regionSize, mirrorLog, extentsMoved, areas); }
}
