package ulvm.segtype;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ulvm.model.Lv;
import ulvm.model.Segment;

/**
 * The registry: {@code type = "..."} to its handler. A segment's handler is the one of its type, the type the
 * reader chose its record by. A new segment type is a new handler registered here.
 */
public final class SegmentTypes {
    private static final Map<String, SegmentType> KNOWN = Map.of(
            "striped", StripedType.INSTANCE,
            "mirror", MirrorType.INSTANCE,
            "snapshot", SnapshotType.INSTANCE,
            "raid1", new RaidType("raid1"),
            "thin-pool", ThinPoolType.INSTANCE,
            "thin", ThinType.INSTANCE,
            "error", new OpaqueType("error", true),
            "zero", new OpaqueType("zero", true));
    private static final Map<String, SegmentType> OTHERS = new ConcurrentHashMap<>();

    private SegmentTypes() {}

    /** The handler of {@code type}: a registered one, another raid level, or the opaque handler that keeps it. */
    public static SegmentType named(String type) {
        SegmentType t = KNOWN.get(type);
        if (t != null) return t;
        return OTHERS.computeIfAbsent(type, n -> RaidType.handles(n) ? new RaidType(n) : new OpaqueType(n, false));
    }

    public static SegmentType of(Segment s) { return named(s.type()); }

    /** The handler of the LV's first segment, or null for an LV without segments. */
    public static SegmentType first(Lv lv) { return lv.segments().isEmpty() ? null : of(lv.segments().get(0)); }

    /** The LV's type as a conversion refusal names it: its first segment's report name, "unknown" without one. */
    public static String firstName(Lv lv) {
        return lv.segments().isEmpty() ? "unknown" : reportName(lv.segments().get(0));
    }

    /** The name reports print for {@code s} (striped with one stripe is "linear"). */
    public static String reportName(Segment s) { return of(s).reportName(s); }

    /** Whether any segment of {@code lv} answers {@code q}. */
    public static boolean any(Lv lv, java.util.function.Predicate<SegmentType> q) {
        for (Segment s : lv.segments()) if (q.test(of(s))) return true;
        return false;
    }
}
