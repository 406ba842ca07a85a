package ulvm.model;

import java.util.List;

/** type = "snapshot": the internal snapshotN LV. {@code chunkSize} in sectors. */
public record SnapshotSegment(long start, long count, long chunkSize, String origin, String cowStore, boolean merging)
        implements Segment {
    @Override public String type() { return "snapshot"; }

    @Override public List<Area> areas() { return List.of(); }

    @Override public long areaLength() { return count; }

    @Override public Segment withStart(long s) { return new SnapshotSegment(s, count, chunkSize, origin, cowStore, merging); }

    @Override public Segment withAreas(List<Area> areas) { return this; }
}
