package ulvm.segtype;

import java.util.List;
import java.util.function.UnaryOperator;
import ulvm.format.ConfigSection;
import ulvm.format.FormatException;
import ulvm.model.Lv;
import ulvm.model.Segment;

/** What one segment type knows about its segments (LVM2's segtype_handler plus its segtype flags). */
public interface SegmentType {
    /** The {@code type} the metadata text names ("striped", "raid1", ...). */
    String name();

    /** The record of a segment section of this type; {@code start} and {@code count} are read and checked. */
    Segment read(ConfigSection s, long start, long count, SegmentText in) throws FormatException;

    /** Writes the segment's section: start_extent, extent_count, type, then the keys of this type. */
    default void write(Segment seg, ConfigSection s, SegmentText.Out out) {
        s.put("start_extent", seg.start());
        s.put("extent_count", seg.count());
        s.put("type", seg.type());
        writeKeys(seg, s, out);
    }

    /** The keys after {@code type}. */
    default void writeKeys(Segment seg, ConfigSection s, SegmentText.Out out) {}

    /** The name reports print (seg segtype, LVM2's lvseg_name): striped with one stripe is "linear". */
    default String reportName(Segment s) { return s.type(); }

    /** The LV type LVM2's commands name an LV by, from its first segment (toollib.c get_lvt_enum). */
    default String lvType(Segment s) { return reportName(s); }

    /** The words this segment adds to lv_layout. */
    default List<String> layout(Segment s) { return List.of(s.type()); }

    /** SEG_RAID: lv_attr 'r'/'R' and volume type 'r'. */
    default boolean raid() { return false; }

    /** SEG_MIRROR: lv_attr 'm'/'M' and volume type 'm' (the pvmove LV too, which the report tells apart). */
    default boolean mirror() { return false; }

    /** SEG_VIRTUAL (error, zero): 'v', "Virtual extents". */
    default boolean virtual() { return false; }

    /** SEG_UNKNOWN: a type ulvm keeps as read but does not map; volume type 'u'. */
    default boolean unknown() { return false; }

    /** The internal snapshotN segment. */
    default boolean snapshot() { return false; }

    /** lvdisplay's "Monitoring" line (dmeventd types). */
    default boolean monitored() { return false; }

    /** SEG_MONITORED: dmeventd may monitor the segment (raid0 has the "Monitoring" line, but never is). */
    default boolean monitorable() { return monitored(); }

    /** seg stripes / data_stripes. */
    default long stripes(Segment s) { return s.areas().size(); }

    /** seg data_stripes: the stripes less parity (raid10: divided by its copies). */
    default long dataStripes(Segment s) { return stripes(s); }

    /** seg stripe_size in sectors (0 when not striped). */
    default long stripeSize(Segment s) { return 0; }

    /** seg region_size in sectors. */
    default long regionSize(Segment s) { return 0; }

    /** seg chunk_size in sectors, of the segment itself (a COW LV's comes from its snapshot segment). */
    default long chunkSize(Segment s) { return 0; }

    /** lvdisplay's "Mirrored volumes", or -1 when the line is not shown. */
    default long mirroredVolumes(Segment s) { return -1; }

    /** The metadata sub LVs (rmeta), in image order, without the images that have none. */
    default List<String> metaLvs(Segment s) { return List.of(); }

    /** LVs the segment stands on besides its areas (rmeta, mirror log): an LV is partial when one of them is. */
    default List<String> stackedLvs(Segment s) { return metaLvs(s); }

    /** The segment with every LV name it holds (areas, sub LVs, origin, COW) passed through {@code rename}. */
    default Segment renamed(Segment s, UnaryOperator<String> rename) { return s; }

    /** Whether lvextend, lvreduce and lvresize take {@code lv}, which has this segment ("Unable to resize ... here" if not). */
    default boolean resizable(Lv lv) { return false; }

    /** lvdisplay -m's lines for the segment after "Type". */
    default void display(Segment s, SegmentDisplay out) {}

}
