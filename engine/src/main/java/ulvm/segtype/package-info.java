/**
 * One handler per segment type, as LVM2 keeps its {@code segtype_handler}s (lib/metadata/segtype.h): each
 * {@link ulvm.segtype.SegmentType} owns reading and writing its metadata text, its report fields, attr flags and
 * display lines, the LVs it stacks on (partial LVs, renames, moves) and its refusals. {@link ulvm.segtype.SegmentTypes}
 * maps {@code type = "..."} to the handler. Adding a segment type is adding a handler and registering it there.
 *
 * <p>Rule: outside this package no code tests a segment's record class ({@code instanceof StripedSegment}, ...);
 * it asks the handler, or a typed view here ({@link ulvm.segtype.RaidType#raid1(ulvm.model.Lv)}, ...) when it
 * rebuilds the record. Imports {@code model} and {@code format}.
 */
package ulvm.segtype;
