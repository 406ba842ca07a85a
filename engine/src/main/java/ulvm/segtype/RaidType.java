package ulvm.segtype;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import ulvm.format.ConfigSection;
import ulvm.format.FormatException;
import ulvm.model.Lv;
import ulvm.model.RaidLevels;
import ulvm.model.RaidSegment;
import ulvm.model.Section;
import ulvm.model.Segment;
import ulvm.model.Vg;

/**
 * type = "raid1" and the other raid levels (only raid1 is mapped): LVM2's lib/raid/raid.c. The raids list pairs each
 * image with its rmeta ("lv_rmeta_0", "lv_rimage_0", ...); raid0 has no rmeta and lists its images as raid0_lvs.
 * raid0 and raid0_meta count their images in stripe_count, the others in device_count; stripe_size and data_copies
 * are kept among the extras, in the order LVM2 writes them.
 */
public final class RaidType implements SegmentType {
    private static final Set<String> KEYS = Set.of("start_extent", "extent_count", "type", "device_count", "stripe_count",
            "region_size", "raids", "raid0_lvs");
    private final String name;

    RaidType(String name) { this.name = name; }

    /** The raid types this handler reads: those LVM2 registers (not the takeover types, "raid5+..."). */
    static boolean handles(String type) { return RaidLevels.known(type); }

    /** The segment as a raid one, or null. */
    public static RaidSegment view(Segment s) { return s instanceof RaidSegment r ? r : null; }

    /** The one segment of a raid LV (any level), or null. */
    public static RaidSegment only(Lv lv) { return lv.segments().size() == 1 ? view(lv.segments().get(0)) : null; }

    /** The LV's raid1 segment, or null when it is not a raid1 LV: the one "is this raid1?" (the exact type, not raid10). */
    public static RaidSegment raid1(Lv lv) {
        RaidSegment r = only(lv);
        return r != null && r.type().equals("raid1") ? r : null;
    }

    /** The first segment of {@code lv} when it is raid, or null (whatever else follows). */
    public static RaidSegment first(Lv lv) { return lv.segments().isEmpty() ? null : view(lv.segments().get(0)); }

    /** The raid LV whose raids list names {@code sub} as an image or metadata LV, or null. */
    public static Lv owner(Vg vg, String sub) {
        for (Lv l : vg.lvs())
            for (Segment seg : l.segments())
                if (seg instanceof RaidSegment r && (r.imageLvs().contains(sub) || r.metaLvs().contains(sub))) return l;
        return null;
    }

    @Override public String name() { return name; }

    @Override public Segment read(ConfigSection s, long start, long count, SegmentText in) throws FormatException {
        String c = in.context();
        List<String> metas = new ArrayList<>();
        List<String> images = new ArrayList<>();
        String pendingMeta = null;
        boolean raid0 = RaidLevels.raid0(name);
        boolean hasDc = s.value("device_count") != null, hasSc = s.value("stripe_count") != null;
        if (!hasDc && !hasSc) throw new FormatException(c + ": couldn't read 'device_count' or 'stripe_count'.");
        if (hasDc && hasSc) throw new FormatException(c + ": only one of 'device_count' and 'stripe_count' allowed.");
        for (String n : s.strings(name.equals("raid0") ? "raid0_lvs" : "raids", c)) {
            if (!in.lvNames().contains(n)) throw new FormatException(c + ": unknown LV \"" + in.shown(n) + "\" in raids.");
            if (n.contains("_rmeta_")) {
                pendingMeta = n;
            } else {
                metas.add(pendingMeta);
                images.add(n);
                pendingMeta = null;
            }
        }
        String countKey = hasDc ? "device_count" : "stripe_count";
        long dc = s.number(countKey, c);
        if (dc != images.size()) throw new FormatException(c + ": " + countKey + " " + dc + " does not match " + images.size() + " images.");
        if (raid0 && count % dc != 0)
            throw new FormatException(c + ": extent_count " + count + " is not a multiple of the stripe count " + dc + ".");
        List<Section.Entry> extras = new ArrayList<>();
        for (Section.Entry e : s.entries()) if (!KEYS.contains(e.key()) && e.section() == null) extras.add(e);
        return new RaidSegment(name, start, count, s.numberOr("region_size", 0), metas, images, extras);
    }

    @Override public void writeKeys(Segment seg, ConfigSection s, SegmentText.Out out) {
        RaidSegment r = (RaidSegment) seg;
        if (RaidLevels.raid0(name)) s.put("stripe_count", (long) r.imageLvs().size());
        else {
            s.put("device_count", (long) r.imageLvs().size());
            for (Section.Entry e : r.extras()) if (e.key().equals("data_copies")) s.entries().add(e);
            if (r.regionSize() != 0 || name.equals("raid1")) s.put("region_size", r.regionSize());
        }
        for (Section.Entry e : r.extras()) if (!e.key().equals("data_copies")) s.entries().add(e);
        List<Object> raids = new ArrayList<>();
        for (int i = 0; i < r.imageLvs().size(); i++) {
            if (r.metaLvs().get(i) != null) raids.add(r.metaLvs().get(i));
            raids.add(r.imageLvs().get(i));
        }
        s.put(name.equals("raid0") ? "raid0_lvs" : "raids", raids);
    }

    /** A number among the segment's extras (stripe_size, data_copies, writebehind, ...), 0 when not there. */
    public static long number(RaidSegment r, String key) {
        for (Section.Entry e : r.extras()) if (e.key().equals(key) && e.value() instanceof Number n) return n.longValue();
        return 0;
    }

    @Override public String lvType(Segment s) { return "raid"; }

    @Override public List<String> layout(Segment s) { return List.of("raid", name); }

    @Override public boolean raid() { return true; }

    @Override public boolean monitored() { return true; }

    /** raid.c _init_raid_segtype: "Never monitor raid0 or raid0_meta LVs". */
    @Override public boolean monitorable() { return !RaidLevels.raid0(name); }

    @Override public long stripes(Segment s) { return ((RaidSegment) s).imageLvs().size(); }

    @Override public long regionSize(Segment s) { return ((RaidSegment) s).regionSize(); }

    @Override public long stripeSize(Segment s) { return number((RaidSegment) s, "stripe_size"); }

    @Override public long dataStripes(Segment s) { return RaidLevels.dataStripes(name, ((RaidSegment) s).imageLvs().size()); }

    @Override public long mirroredVolumes(Segment s) {
        // LVM2 2.03.16's lv_mirror_count counts raid10's images (newer LVM2 says 2, its data copies)
        return name.equals("raid1") || RaidLevels.raid10(name) ? ((RaidSegment) s).imageLvs().size() : -1;
    }

    @Override public List<String> metaLvs(Segment s) {
        List<String> out = new ArrayList<>();
        for (String m : ((RaidSegment) s).metaLvs()) if (m != null) out.add(m);
        return out;
    }

    /** A raid LV of one segment is resized here (RaidResize), every level but the takeover types. */
    @Override public boolean resizable(Lv lv) { return only(lv) != null; }

    @Override public Segment renamed(Segment s, UnaryOperator<String> rename) {
        RaidSegment rs = (RaidSegment) s;
        List<String> metas = new ArrayList<>(), imgs = new ArrayList<>();
        for (String x : rs.metaLvs()) metas.add(Areas.name(x, rename));
        for (String x : rs.imageLvs()) imgs.add(rename.apply(x));
        return new RaidSegment(rs.type(), rs.start(), rs.count(), rs.regionSize(), metas, imgs, rs.extras());
    }

    @Override public void display(Segment s, SegmentDisplay out) {
        RaidSegment r = (RaidSegment) s;
        var areas = r.areas();
        for (int i = 0; i < areas.size(); i++) {
            out.line(String.format("    Raid Data LV%2d", i));
            out.area(areas.get(i), "      ");
        }
        for (int i = 0; i < r.metaLvs().size(); i++)
            if (r.metaLvs().get(i) != null) out.line(String.format("    Raid Metadata LV%2d\t%s", i, r.metaLvs().get(i)));
        out.line("   ");
    }
}
