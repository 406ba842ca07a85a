package ulvm.report;

import ulvm.model.Lv;
import ulvm.model.Segment;

/** A run of physical extents of one PV: used by segment {@code seg} of {@code lv}, or free when lv is null. */
public record PvSeg(long pe, long len, Lv lv, Segment seg) {
    public boolean free() { return lv == null; }
}
