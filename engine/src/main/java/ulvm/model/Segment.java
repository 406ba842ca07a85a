package ulvm.model;

import java.util.List;

/** A run of logical extents of an LV and how it is mapped. One record per segment type. */
public sealed interface Segment permits StripedSegment, MirrorSegment, RaidSegment, SnapshotSegment, OpaqueSegment,
        ThinPoolSegment, ThinSegment {
    long start();

    long count();

    /** The text type ("striped", "raid1", ...). */
    String type();

    /** The areas this segment uses, in order (stripes, mirror legs); empty for types that name LVs otherwise. */
    List<Area> areas();

    /** Extents each area covers. */
    long areaLength();

    Segment withStart(long start);

    /** The same segment over other areas, as many as it has (a segment that names LVs, not PVs, stays as it is). */
    Segment withAreas(List<Area> areas);

    default long end() { return start() + count(); }
}
