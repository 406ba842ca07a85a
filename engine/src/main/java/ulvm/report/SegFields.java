package ulvm.report;

import static ulvm.report.Field.Kind.BIN;
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
        if (SegmentTypes.of(s).snapshot() || ulvm.segtype.ThinPoolType.view(s) != null) return SegmentTypes.of(s).chunkSize(s);
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

    static List<String> ranges(VgFacts f, List<Area> areas, long len) { return ranges(f, areas, len, false); }

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
        // reshaping raid levels: none in ulvm; data copies as LVM2 counts them (an image each for raid1, 1 for striped)
        seg("reshape_len", "RSize", SIZ, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        seg("reshape_len_le", "RSize", NUM, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        seg("data_copies", "#Cpy", NUM, (f, lv, s, o) -> Cell.num(Math.max(1, SegmentTypes.of(s).mirroredVolumes(s))), Cell.EMPTY);
        seg("data_offset", "DOff", SIZ, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        seg("new_data_offset", "NOff", SIZ, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        seg("parity_chunks", "#Par", NUM, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        seg("stripe_size", "Stripe", SIZ, (f, lv, s, o) -> Cell.size(SegmentTypes.of(s).stripeSize(s), o.units), Cell.EMPTY);
        seg("region_size", "Region", SIZ, (f, lv, s, o) -> Cell.size(SegmentTypes.of(s).regionSize(s), o.units), Cell.EMPTY);
        seg("chunk_size", "Chunk", SIZ, (f, lv, s, o) -> Cell.size(chunk(f, lv, s), o.units), Cell.EMPTY);
        // cache and vdo segments: none in ulvm; blank, as LVM2's for other segments
        seg("thin_count", "#Thins", NUM, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY); // thin pools only
        seg("discards", "Discards", STR, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        seg("cache_metadata_format", "CMFmt", NUM, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        seg("cache_mode", "CacheMode", STR, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        seg("zero", "Zero", BIN, (f, lv, s, o) -> LvFields.UNKNOWN, Cell.EMPTY); // thin pools only: undefined for others
        seg("transaction_id", "TransId", NUM, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        seg("thin_id", "ThId", NUM, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        seg("seg_start", "Start", SIZ, (f, lv, s, o) -> Cell.size(s.start() * f.vg.extentSize(), o.units), Cell.EMPTY);
        seg("seg_start_pe", "Start", NUM, (f, lv, s, o) -> Cell.num(s.start()), Cell.num(0));
        seg("seg_size", "SSize", SIZ, (f, lv, s, o) -> Cell.size(s.count() * f.vg.extentSize(), o.units), Cell.EMPTY);
        seg("seg_size_pe", "SSize", NUM, (f, lv, s, o) -> Cell.num(s.count()), Cell.EMPTY);
        seg("seg_tags", "Seg Tags", STRLIST, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        seg("seg_pe_ranges", "PE Ranges", STRLIST, (f, lv, s, o) -> Cell.str(String.join(" ", ranges(f, s.areas(), s.areaLength(), false))), Cell.EMPTY);
        seg("seg_le_ranges", "LE Ranges", STRLIST, (f, lv, s, o) -> Cell.str(String.join(",", ranges(f, s.areas(), s.areaLength(), o.markHidden))), Cell.EMPTY);
        seg("seg_metadata_le_ranges", "Metadata LE Ranges", STRLIST, (f, lv, s, o) -> Cell.str(String.join(",", ranges(f, metaAreas(s), 1, o.markHidden))), Cell.EMPTY);
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
        seg("cache_policy", "CachePolicy", STR, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        seg("cache_settings", "CacheSettings", STRLIST, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
        for (String[] v : new String[][] {{"vdo_compression", "VDOCompression", "B"}, {"vdo_deduplication", "VDODeduplication", "B"},
                {"vdo_use_metadata_hints", "VDOMetadataHints", "B"}, {"vdo_minimum_io_size", "VDOMinimumIOSize", "S"},
                {"vdo_block_map_cache_size", "VDOBlockMapCacheSize", "S"}, {"vdo_block_map_era_length", "VDOBlockMapEraLength", "N"},
                {"vdo_use_sparse_index", "VDOSparseIndex", "B"}, {"vdo_index_memory_size", "VDOIndexMemorySize", "S"},
                {"vdo_slab_size", "VDOSlabSize", "S"}, {"vdo_ack_threads", "VDOAckThreads", "N"}, {"vdo_bio_threads", "VDOBioThreads", "N"},
                {"vdo_bio_rotation", "VDOBioRotation", "N"}, {"vdo_cpu_threads", "VDOCPUThreads", "N"},
                {"vdo_hash_zone_threads", "VDOHashZoneThreads", "N"}, {"vdo_logical_threads", "VDOLogicalThreads", "N"},
                {"vdo_physical_threads", "VDOPhysicalThreads", "N"}, {"vdo_max_discard", "VDOMaxDiscard", "N"},
                {"vdo_write_policy", "VDOWritePolicy", "T"}, {"vdo_header_size", "VDOHeaderSize", "S"}})
            seg(v[0], v[1], v[2].equals("B") ? BIN : v[2].equals("S") ? SIZ : v[2].equals("N") ? NUM : STR, (f, lv, s, o) -> Cell.EMPTY, Cell.EMPTY);
    }
}
