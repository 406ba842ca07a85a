package ulvm.report;

import static ulvm.report.Field.Kind.NUM;
import static ulvm.report.Field.Kind.SIZ;
import static ulvm.report.Field.Kind.STR;
import static ulvm.report.Field.Kind.STRLIST;
import ulvm.segtype.SegmentType;
import ulvm.segtype.SegmentTypes;

import java.util.ArrayList;
import java.util.List;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.SnapshotSegment;
import ulvm.report.Field.Kind;

/** LV segment fields (lvs --segments, devices, ...). A free PV segment reports as type "free". */
final class SegFields {
    private SegFields() {}

    private interface SegFn { Cell apply(VgFacts f, Lv lv, Segment s, ReportOptions o); }

    private static void seg(String id, String heading, Kind kind, SegFn fn, Cell onFree) {
        Fields.add(ReportType.SEG, id, heading, 0, kind, (r, o) -> {
            if (r.seg() != null && r.lv() != null) return fn.apply(r.vg(), r.lv(), r.seg(), o);
            if (r.pvseg() != null && r.pvseg().free()) return freeValue(id, r, o, onFree);
            return Cell.EMPTY;
        });
    }

    private static Cell freeValue(String id, Row r, ReportOptions o, Cell dflt) {
        long len = r.pvseg().len();
        return switch (id) {
            case "seg_size_pe" -> Cell.num(len);
            case "seg_size" -> Cell.size(len * r.vg().vg().extentSize(), o.units);
            case "seg_start" -> Cell.size(0, o.units);
            default -> dflt;
        };
    }

    static long stripes(Segment s) { return SegmentTypes.of(s).stripes(s); }

    static long chunk(VgFacts f, Lv lv, Segment s) {
        if (SegmentTypes.of(s).snapshot()) return SegmentTypes.of(s).chunkSize(s);
        SnapshotSegment sn = f.cows.get(lv.name());
        return sn == null ? 0 : sn.chunkSize();
    }

    static String areaName(VgFacts f, Area a) {
        return a instanceof Area.OnPv p ? f.pvName(p.pvId()) : ((Area.OnLv) a).lv();
    }

    static long areaStart(Area a) { return a instanceof Area.OnPv p ? p.pe() : ((Area.OnLv) a).le(); }

    /** LVM2 (lv.c _lv_print_areas) shows an area on an LV as {@code lv(0)} and {@code lv:0-<its last LE>}, whatever the LE. */
    static String devices(VgFacts f, Segment s) {
        List<String> out = new ArrayList<>();
        for (Area a : s.areas()) out.add(areaName(f, a) + "(" + (a instanceof Area.OnPv p ? p.pe() : 0) + ")");
        return String.join(",", out);
    }

    /** {@code markHidden}: hidden sub LVs in brackets, as seg_le_ranges and seg_metadata_le_ranges show them (lv.c _format_pvsegs). */
    static List<String> ranges(VgFacts f, List<Area> areas, long len, boolean markHidden) {
        List<String> out = new ArrayList<>();
        for (Area a : areas) {
            Lv sub = a instanceof Area.OnLv l ? f.byName.get(l.lv()) : null;
            if (sub != null) out.add((f.visible(sub) || !markHidden ? sub.name() : "[" + sub.name() + "]") + ":0-" + (sub.extents() - 1));
            else out.add(areaName(f, a) + ":" + areaStart(a) + "-" + (areaStart(a) + len - 1));
        }
        return out;
    }

    static List<Area> metaAreas(Segment s) {
        List<Area> out = new ArrayList<>();
        for (String m : SegmentTypes.of(s).metaLvs(s)) out.add(new Area.OnLv(m, 0));
        return out;
    }

    static void register() {
        seg("segtype", "Type", STR, (f, lv, s, o) -> Cell.str(Attrs.segtype(s)), Cell.str("free"));
        seg("stripes", "#Str", NUM, (f, lv, s, o) -> Cell.num(stripes(s)), Cell.num(0));
        seg("data_stripes", "#DStr", NUM, (f, lv, s, o) -> Cell.num(SegmentTypes.of(s).dataStripes(s)), Cell.num(0));
        seg("stripe_size", "Stripe", SIZ, (f, lv, s, o) -> Cell.size(SegmentTypes.of(s).stripeSize(s), o.units), Cell.EMPTY);
        seg("region_size", "Region", SIZ, (f, lv, s, o) -> Cell.size(SegmentTypes.of(s).regionSize(s), o.units), Cell.EMPTY);
        seg("chunk_size", "Chunk", SIZ, (f, lv, s, o) -> Cell.size(chunk(f, lv, s), o.units), Cell.EMPTY);
        seg("seg_start", "Start", SIZ, (f, lv, s, o) -> Cell.size(s.start() * f.vg.extentSize(), o.units), Cell.EMPTY);
        seg("seg_start_pe", "Start", NUM, (f, lv, s, o) -> Cell.num(s.start()), Cell.num(0));
        seg("seg_size", "SSize", SIZ, (f, lv, s, o) -> Cell.size(s.count() * f.vg.extentSize(), o.units), Cell.EMPTY);
        seg("seg_size_pe", "SSize", NUM, (f, lv, s, o) -> Cell.num(s.count()), Cell.EMPTY);
        seg("seg_tags", "Seg Tags", STRLIST, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        seg("seg_pe_ranges", "PE Ranges", STRLIST, (f, lv, s, o) -> Cell.str(String.join(" ", ranges(f, s.areas(), s.areaLength(), false))), Cell.EMPTY);
        seg("seg_le_ranges", "LE Ranges", STRLIST, (f, lv, s, o) -> Cell.str(String.join(",", ranges(f, s.areas(), s.areaLength(), true))), Cell.EMPTY);
        seg("seg_metadata_le_ranges", "Metadata LE Ranges", STRLIST, (f, lv, s, o) -> Cell.str(String.join(",", ranges(f, metaAreas(s), 1, true))), Cell.EMPTY);
        seg("devices", "Devices", STRLIST, (f, lv, s, o) -> Cell.str(devices(f, s)), Cell.EMPTY);
        seg("metadata_devices", "Metadata Devs", STRLIST, (f, lv, s, o) -> {
            List<String> out = new ArrayList<>();
            for (Area a : metaAreas(s)) out.add(areaName(f, a) + "(0)");
            return Cell.str(String.join(",", out));
        }, Cell.EMPTY);
        seg("seg_monitor", "Monitor", STR, (f, lv, s, o) -> {
            SegmentType t = SegmentTypes.of(s); // lv.c lvseg_monitor_dup: raid0 is never monitored
            return t.monitored() && !t.monitorable() ? Cell.str("not monitored") : Cell.EMPTY;
        }, Cell.EMPTY);
    }
}
