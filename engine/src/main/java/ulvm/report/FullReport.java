package ulvm.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;

/**
 * fullreport (LVM2 2.03.16's report.c with report/*_cols_full and *_sort_full): for each VG in name order, its VG,
 * PV, LV, PV segment and LV segment sub-reports; then the orphan PVs' PV and PV segment sub-reports. As 2.03.16 prints
 * it, -o and -O given before any --configreport change nothing.
 */
public final class FullReport {
    /** Columns and sort keys of one sub-report, LVM2's defaults unless --configreport or lvm.conf say otherwise. */
    public static final class Sub {
        public final List<String> columns = new ArrayList<>(), sort = new ArrayList<>();
    }

    /** Per sub-report: the lvm.conf name ("vgs" in vgs_cols_full), LVM2's default columns and sort keys. */
    private static final Map<ReportType, String[]> DEFAULTS = Map.of(
            ReportType.VG, new String[] {"vgs", "vg_all", "vg_name"},
            ReportType.PV, new String[] {"pvs", "pv_all", "pv_name"},
            ReportType.LV, new String[] {"lvs", "lv_all", "vg_name,lv_name"},
            ReportType.PVSEG, new String[] {"pvsegs", "pvseg_all,pv_uuid,lv_uuid", "pv_uuid,pvseg_start"},
            ReportType.SEG, new String[] {"segs", "seg_all,lv_uuid", "lv_uuid,seg_start"});

    private FullReport() {}

    public static Map<ReportType, Sub> subs() {
        Map<ReportType, Sub> m = new EnumMap<>(ReportType.class);
        for (ReportType t : ReportType.values()) m.put(t, new Sub());
        return m;
    }

    /** The lines of the full report of {@code names} (VG names; empty for all, orphans included). */
    public static List<String> of(Source src, List<String> names, ReportOptions o, Map<ReportType, Sub> subs) throws LvmException {
        if (o.json) throw new LvmException("fullreport --reportformat json is not supported by this version of ulvm yet.");
        Map<ReportType, List<Field>> cols = new EnumMap<>(ReportType.class);
        Map<ReportType, List<Report.Key>> keys = new EnumMap<>(ReportType.class);
        for (ReportType t : ReportType.values()) {
            String[] d = DEFAULTS.get(t);
            cols.put(t, Report.columns(o.setting(d[0] + "_cols_full", d[1]), subs.get(t).columns, t));
            keys.put(t, Report.sortKeys(o.setting(d[0] + "_sort_full", d[2]), subs.get(t).sort, t));
        }
        List<String> out = new ArrayList<>();
        List<VgFacts> facts = Reports.facts(src);
        facts.sort((a, b) -> a.vg.name().compareTo(b.vg.name()));
        for (String n : names)
            if (facts.stream().noneMatch(f -> f.vg.name().equals(n))) throw new LvmException("Volume group \"" + n + "\" not found\nCannot process volume group " + n);
        for (VgFacts f : facts) {
            if (!names.isEmpty() && !names.contains(f.vg.name())) continue;
            List<Row> pvs = new ArrayList<>(), pvsegs = new ArrayList<>(), lvs = new ArrayList<>(), segs = new ArrayList<>();
            for (Pv p : f.vg.pvs()) {
                PvRef r = new PvRef(f, p, p.id(), f.devices.get(p.id()));
                pvs.add(new Row(f, r, null, null, null));
                for (PvSeg s : f.pvSegments(p)) pvsegs.add(new Row(f, r, s.lv(), s.seg(), s));
            }
            for (Lv lv : f.listed(o.all)) {
                lvs.add(new Row(f, null, lv, null, null));
                for (Segment s : lv.segments()) segs.add(new Row(f, null, lv, s, null));
            }
            out.addAll(sub(ReportType.VG, new ArrayList<>(List.of(new Row(f, null, null, null, null))), cols, keys, o));
            out.addAll(sub(ReportType.PV, pvs, cols, keys, o));
            out.addAll(sub(ReportType.LV, lvs, cols, keys, o));
            out.addAll(sub(ReportType.PVSEG, pvsegs, cols, keys, o));
            out.addAll(sub(ReportType.SEG, segs, cols, keys, o));
        }
        if (names.isEmpty() && !src.orphans().isEmpty()) {
            List<Row> pvs = new ArrayList<>(), pvsegs = new ArrayList<>();
            for (Orphan or : src.orphans()) {
                PvRef r = new PvRef(null, null, or.uuid(), or.device());
                pvs.add(new Row(null, r, null, null, null));
                pvsegs.add(new Row(null, r, null, null, new PvSeg(0, 0, null, null)));
            }
            out.addAll(sub(ReportType.PV, pvs, cols, keys, o));
            out.addAll(sub(ReportType.PVSEG, pvsegs, cols, keys, o));
        }
        return out;
    }

    private static List<String> sub(ReportType t, List<Row> rows, Map<ReportType, List<Field>> cols, Map<ReportType, List<Report.Key>> keys,
                                    ReportOptions o) {
        if (rows.isEmpty()) return List.of();
        Report.sort(rows, keys.get(t), o);
        return Report.render(t.jsonName(), cols.get(t), rows, o);
    }
}
