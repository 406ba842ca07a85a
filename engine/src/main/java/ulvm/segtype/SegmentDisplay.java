package ulvm.segtype;

import ulvm.model.Area;

/** lvdisplay -m's output for one segment, as the report gives it to a handler. */
public interface SegmentDisplay {
    void line(String text);

    /** An area: its PV and extents, or its LV, after {@code indent}. */
    void area(Area a, String indent);

    /** A size in sectors, in lvdisplay's short form. */
    String size(long sectors);
}
