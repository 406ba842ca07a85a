package ulvm.segtype;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import ulvm.format.ConfigSection;
import ulvm.format.FormatException;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Section;
import ulvm.model.Segment;
import ulvm.model.Vg;

/**
 * type = "raid1" and the other raid levels (kept as read; only raid1 is mapped): LVM2's lib/raid/raid.c. The
 * raids list pairs each image with its rmeta ("lv_rmeta_0", "lv_rimage_0", ...).
 */
public final class RaidType implements SegmentType {
    private static final Set<String> KEYS = Set.of("start_extent", "extent_count", "type", "device_count", "region_size", "raids");
    private final String name;

    RaidType(String name) { this.name = name; }

    /** The raid types this handler reads: raidN, not raid0 (no rmeta pairs) and not the takeover types ("raid5+..."). */
    static boolean handles(String type) {
        return type.startsWith("raid") && !type.contains("+") && !type.equals("raid0") && !type.equals("raid0_meta");
    }

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
        for (String n : s.strings("raids", c)) {
            if (!in.lvNames().contains(n)) throw new FormatException(c + ": unknown LV \"" + in.shown(n) + "\" in raids.");
            if (n.contains("_rmeta_")) {
                pendingMeta = n;
            } else {
                metas.add(pendingMeta);
                images.add(n);
                pendingMeta = null;
            }
        }
        long dc = s.number("device_count", c);
        if (dc != images.size()) throw new FormatException(c + ": device_count " + dc + " does not match " + images.size() + " images.");
        List<Section.Entry> extras = new ArrayList<>();
        for (Section.Entry e : s.entries()) if (!KEYS.contains(e.key()) && e.section() == null) extras.add(e);
        return new RaidSegment(name, start, count, s.numberOr("region_size", 0), metas, images, extras);
    }

    @Override public void writeKeys(Segment seg, ConfigSection s, SegmentText.Out out) {
        RaidSegment r = (RaidSegment) seg;
        s.put("device_count", (long) r.imageLvs().size());
        s.put("region_size", r.regionSize());
        s.entries().addAll(r.extras());
        List<Object> raids = new ArrayList<>();
        for (int i = 0; i < r.imageLvs().size(); i++) {
            if (r.metaLvs().get(i) != null) raids.add(r.metaLvs().get(i));
            raids.add(r.imageLvs().get(i));
        }
        s.put("raids", raids);
    }

    @Override public String lvType(Segment s) { return "raid"; }

    @Override public List<String> layout(Segment s) { return List.of("raid", name); }

    @Override public boolean raid() { return true; }

    @Override public boolean monitored() { return true; }

    @Override public long stripes(Segment s) { return ((RaidSegment) s).imageLvs().size(); }

    @Override public long regionSize(Segment s) { return ((RaidSegment) s).regionSize(); }

    @Override public long mirroredVolumes(Segment s) {
        return name.equals("raid1") || name.equals("raid10") ? ((RaidSegment) s).imageLvs().size() : -1;
    }

    @Override public List<String> metaLvs(Segment s) {
        List<String> out = new ArrayList<>();
        for (String m : ((RaidSegment) s).metaLvs()) if (m != null) out.add(m);
        return out;
    }

    /** A raid1 LV is resized here (RaidResize); the other levels are kept as read. */
    @Override public boolean resizable(Lv lv) { return raid1(lv) != null; }

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

    /** raid1 only: the other levels keep extent counts (reshape space, data offsets) this does not know. */
    @Override public Segment rescaled(Segment s, java.util.function.LongUnaryOperator extents) {
        if (!name.equals("raid1")) return null;
        RaidSegment r = (RaidSegment) s;
        return new RaidSegment(r.type(), extents.applyAsLong(r.start()), extents.applyAsLong(r.count()), r.regionSize(), r.metaLvs(), r.imageLvs(), r.extras());
    }
}
