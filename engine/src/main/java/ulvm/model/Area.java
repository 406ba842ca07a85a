package ulvm.model;

/** Where a segment's stripe, mirror leg or image lives: extents of a PV or of another LV. */
public sealed interface Area permits Area.OnPv, Area.OnLv {
    /** {@code pvId} is the PV UUID without dashes; {@code pe} the first physical extent. */
    record OnPv(String pvId, long pe) implements Area {}

    /** {@code lv} is an LV name of the same VG; {@code le} the first logical extent in it. */
    record OnLv(String lv, long le) implements Area {}
}
