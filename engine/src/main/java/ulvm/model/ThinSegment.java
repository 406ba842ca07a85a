package ulvm.model;

import java.util.List;

/**
 * type = "thin" (LVM2's lib/thin/thin.c): a thin LV in {@code pool} with its dm-thin {@code deviceId}; the pool's
 * transaction id when it was made; {@code origin} for a thin snapshot, {@code externalOrigin} and {@code merge} when
 * set (null otherwise).
 */
public record ThinSegment(long start, long count, String pool, long transactionId, long deviceId, String origin,
                          String externalOrigin, String merge) implements Segment {
    @Override public String type() { return "thin"; }

    @Override public List<Area> areas() { return List.of(); }

    @Override public long areaLength() { return count; }

    @Override public Segment withStart(long s) { return new ThinSegment(s, count, pool, transactionId, deviceId, origin, externalOrigin, merge); }

    @Override public Segment withAreas(List<Area> areas) { return this; }

    public ThinSegment withCount(long n) { return new ThinSegment(start, n, pool, transactionId, deviceId, origin, externalOrigin, merge); }
}
