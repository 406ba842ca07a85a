package ulvm.segtype;

import ulvm.model.Area;

/** lvdisplay -m's output for one segment, as the report gives it to a handler. */
public interface SegmentDisplay {
    void line(String text);

    /** An area: its PV and extents, or its LV, after {@code indent}. */
    void area(Area a, String indent);

    /** A size in sectors, in lvdisplay's short form. */
    String size(long sectors);

    /** The VG the segment belongs to (for what a segment shows of the LVs around it, as a pool's thin count). */
    default ulvm.model.Vg vg() { return null; }
}
