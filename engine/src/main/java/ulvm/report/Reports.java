package ulvm.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.Tags;

/** pvs, vgs and lvs: one call per command, returning the lines LVM2 2.03 prints on standard output. */
public final class Reports {
    static final String LVS_COLS = "lv_name,vg_name,lv_attr,lv_size,pool_lv,origin,data_percent,metadata_percent,move_pv,mirror_log,copy_percent,convert_lv";
    static final String VGS_COLS = "vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free";
    static final String PVS_COLS = "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free";
    static final String SEGS_COLS = "lv_name,vg_name,lv_attr,stripes,segtype,seg_size";
    static final String PVSEGS_COLS = "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,pvseg_start,pvseg_size";
    static final String LVS_COLS_VERB = "lv_name,vg_name,seg_count,lv_attr,lv_size,lv_major,lv_minor,lv_kernel_major,lv_kernel_minor,pool_lv,origin,data_percent,metadata_percent,move_pv,copy_percent,mirror_log,convert_lv,lv_uuid,lv_profile";
    static final String VGS_COLS_VERB = "vg_name,vg_attr,vg_extent_size,pv_count,lv_count,snap_count,vg_size,vg_free,vg_uuid,vg_profile";
    static final String PVS_COLS_VERB = "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,dev_size,pv_uuid";
    static final String SEGS_COLS_VERB = "lv_name,vg_name,lv_attr,seg_start,seg_size,stripes,segtype,stripesize,chunksize";
    static final String PVSEGS_COLS_VERB = "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,pvseg_start,pvseg_size,lv_name,seg_start_pe,segtype,seg_pe_ranges";

    private Reports() {}

    /**
     * lvs. {@code names}: VG names or VG/LV names to report on; empty for all. Throws LvmException for an
     * unknown field (exit 5) or a VG/LV that does not exist (exit 5).
     */
    public static List<String> lvs(Source src, List<String> names, ReportOptions o) throws LvmException {
        ReportType base = o.segments ? ReportType.SEG : ReportType.LV;
        String dflt = o.segments ? (o.verbose ? o.setting("segs_cols_verbose", SEGS_COLS_VERB) : o.setting("segs_cols", SEGS_COLS))
                : (o.verbose ? o.setting("lvs_cols_verbose", LVS_COLS_VERB) : o.setting("lvs_cols", LVS_COLS));
        List<Field> cols = Report.columns(dflt, o.columns, base);
        Set<ReportType> used = types(cols);
        if (used.contains(ReportType.PV) || used.contains(ReportType.PVSEG))
            throw new LvmException("Can't report LV and PV fields at the same time in report type \"" + (o.segments ? "seg" : "lv") + "\".");
        List<Report.Key> keys = Report.sortKeys(o.segments ? o.setting("segs_sort", "vg_name,lv_name,seg_start") : o.setting("lvs_sort", "vg_name,lv_name"), o.sort, base);
        Selection sel = Selection.parse(o.select, base);
        if (sel.types().contains(ReportType.PV) || sel.types().contains(ReportType.PVSEG))
            throw new LvmException("Can't report LV and PV fields at the same time in report type \"" + (o.segments ? "seg" : "lv") + "\".");
        boolean perSeg = o.segments || used.contains(ReportType.SEG) || sortTypes(keys).contains(ReportType.SEG) || sel.types().contains(ReportType.SEG);
        List<Row> rows = new ArrayList<>();
        for (VgFacts f : facts(src)) {
            List<Lv> listed = f.listed(o.all);
            for (Lv lv : f.listed(true)) { // a hidden LV named as VG/LV is reported without -a too, as in LVM2
                if (listed.contains(lv) ? !selected(f, lv, names) : !names.contains(f.vg.name() + "/" + lv.name())) continue;
                if (perSeg) for (Segment s : lv.segments()) rows.add(new Row(f, null, lv, s, null));
                else rows.add(new Row(f, null, lv, null, null));
            }
        }
        checkNames(src, names);
        rows = sel.filter(rows, cols, o);
        Report.sort(rows, keys, o);
        return Report.render(base.jsonName(), cols, rows, o);
    }

    /** pvs. {@code names}: PV paths to report on; empty for all (PVs of every VG, missing ones, orphans). */
    public static List<String> pvs(Source src, List<String> names, ReportOptions o) throws LvmException {
        ReportType base = o.segments ? ReportType.PVSEG : ReportType.PV;
        String dflt = o.segments ? (o.verbose ? o.setting("pvsegs_cols_verbose", PVSEGS_COLS_VERB) : o.setting("pvsegs_cols", PVSEGS_COLS))
                : (o.verbose ? o.setting("pvs_cols_verbose", PVS_COLS_VERB) : o.setting("pvs_cols", PVS_COLS));
        List<Field> cols = Report.columns(dflt, o.columns, base);
        List<Report.Key> keys = Report.sortKeys(o.segments ? o.setting("pvsegs_sort", "pv_name,pvseg_start") : o.setting("pvs_sort", "pv_name"), o.sort, base);
        Selection sel = Selection.parse(o.select, base);
        Set<ReportType> used = types(cols);
        used.addAll(sortTypes(keys));
        used.addAll(sel.types());
        boolean perSeg = o.segments || used.contains(ReportType.PVSEG) || used.contains(ReportType.LV) || used.contains(ReportType.SEG);
        List<Row> rows = new ArrayList<>();
        for (PvRef p : pvRefs(src)) {
            if (!named(names, p.name(), p.pv() == null ? List.of() : Tags.of(p.pv().extras()))) continue;
            if (!perSeg) rows.add(new Row(p.vg(), p, null, null, null));
            else if (p.pv() == null) rows.add(new Row(null, p, null, null, new PvSeg(0, 0, null, null)));
            else for (PvSeg s : p.vg().pvSegments(p.pv())) rows.add(new Row(p.vg(), p, s.lv(), s.seg(), s));
        }
        rows = sel.filter(rows, cols, o);
        Report.sort(rows, keys, o);
        return Report.render(base.jsonName(), cols, rows, o);
    }

    /** vgs. {@code names}: VG names; empty for all. */
    public static List<String> vgs(Source src, List<String> names, ReportOptions o) throws LvmException {
        List<Field> cols = Report.columns(o.verbose ? o.setting("vgs_cols_verbose", VGS_COLS_VERB) : o.setting("vgs_cols", VGS_COLS), o.columns, ReportType.VG);
        List<Report.Key> keys = Report.sortKeys(o.setting("vgs_sort", "vg_name"), o.sort, ReportType.VG);
        Selection sel = Selection.parse(o.select, ReportType.VG);
        Set<ReportType> used = types(cols);
        used.addAll(sortTypes(keys));
        used.addAll(sel.types());
        boolean lvs = used.contains(ReportType.LV) || used.contains(ReportType.SEG);
        boolean pvs = used.contains(ReportType.PV) || used.contains(ReportType.PVSEG);
        if (lvs && pvs) throw new LvmException("Can't report LV and PV fields at the same time in report type \"vg\".");
        List<Row> rows = new ArrayList<>();
        for (VgFacts f : facts(src)) {
            if (!named(names, f.vg.name(), Tags.of(f.vg.extras()))) continue;
            if (lvs) {
                for (Lv lv : f.listed(false)) {
                    if (used.contains(ReportType.SEG)) for (Segment s : lv.segments()) rows.add(new Row(f, null, lv, s, null));
                    else rows.add(new Row(f, null, lv, null, null));
                }
            } else if (pvs) {
                for (Pv p : f.vg.pvs()) {
                    PvRef r = new PvRef(f, p, p.id(), f.devices.get(p.id()));
                    if (used.contains(ReportType.PVSEG)) for (PvSeg s : f.pvSegments(p)) rows.add(new Row(f, r, s.lv(), s.seg(), s));
                    else rows.add(new Row(f, r, null, null, null));
                }
            } else rows.add(new Row(f, null, null, null, null));
        }
        for (String n : names) if (!n.startsWith("@") && src.vgs().stream().noneMatch(v -> v.vg().name().equals(n))) throw new LvmException("Volume group \"" + n + "\" not found");
        rows = sel.filter(rows, cols, o);
        Report.sort(rows, keys, o);
        return Report.render("vg", cols, rows, o);
    }

    /**
     * The VG/LV names of the visible LVs that {@code names} (VG, VG/LV, @tag; empty: all) and the -S {@code select}
     * take, for the commands that change LVs (lvchange, lvremove) as LVM2's process_each_lv with a selection.
     */
    public static List<String> selectLvs(Source src, List<String> names, String select) throws LvmException {
        Selection sel = Selection.parse(select, ReportType.LV);
        ReportOptions o = new ReportOptions();
        List<String> out = new ArrayList<>();
        for (VgFacts f : facts(src))
            for (Lv lv : f.listed(false))
                if (selected(f, lv, names) && sel.test(new Row(f, null, lv, null, null), o)) out.add(f.vg.name() + "/" + lv.name());
        return out;
    }

    /** The VG names that {@code names} (VG, @tag; empty: all) and the -S {@code select} take (vgchange, vgremove). */
    public static List<String> selectVgs(Source src, List<String> names, String select) throws LvmException {
        Selection sel = Selection.parse(select, ReportType.VG);
        ReportOptions o = new ReportOptions();
        List<String> out = new ArrayList<>();
        for (VgFacts f : facts(src))
            if (named(names, f.vg.name(), Tags.of(f.vg.extras())) && sel.test(new Row(f, null, null, null, null), o)) out.add(f.vg.name());
        return out;
    }

    /** The paths of the PVs that {@code names} (paths, @tag; empty: all) and the -S {@code select} take (pvchange). */
    public static List<String> selectPvs(Source src, List<String> names, String select) throws LvmException {
        Selection sel = Selection.parse(select, ReportType.PV);
        ReportOptions o = new ReportOptions();
        List<String> out = new ArrayList<>();
        for (PvRef p : pvRefs(src))
            if (named(names, p.name(), p.pv() == null ? List.of() : Tags.of(p.pv().extras())) && sel.test(new Row(p.vg(), p, null, null, null), o))
                out.add(p.name());
        return out;
    }

    static List<VgFacts> facts(Source src) {
        List<VgFacts> out = new ArrayList<>();
        for (Source.VgEntry e : src.vgs()) out.add(new VgFacts(e.vg(), e.devices()));
        return out;
    }

    static List<PvRef> pvRefs(Source src) {
        List<PvRef> out = new ArrayList<>();
        for (VgFacts f : facts(src)) for (Pv p : f.vg.pvs()) out.add(new PvRef(f, p, p.id(), f.devices.get(p.id())));
        for (Orphan or : src.orphans()) out.add(new PvRef(null, null, or.uuid(), or.device()));
        return out;
    }

    private static Set<ReportType> types(List<Field> cols) {
        Set<ReportType> s = EnumSet.noneOf(ReportType.class);
        for (Field f : cols) s.add(f.type());
        return s;
    }

    private static Set<ReportType> sortTypes(List<Report.Key> keys) {
        Set<ReportType> s = EnumSet.noneOf(ReportType.class);
        for (Report.Key k : keys) s.add(k.field().type());
        return s;
    }

    private static boolean selected(VgFacts f, Lv lv, List<String> names) {
        if (names.isEmpty()) return true;
        for (String n : names) {
            // @tag: the LVs with that tag, and all LVs of a VG with it (process_each_lv)
            if (n.startsWith("@") && (lv.tags().contains(n.substring(1)) || Tags.of(f.vg.extras()).contains(n.substring(1)))) return true;
            String m = ulvm.api.DevPaths.strip(n);
            if (m.equals(f.vg.name()) || m.equals(f.vg.name() + "/" + lv.name())) return true;
        }
        return false;
    }

    /** Whether a name list (empty: everything) takes an object called {@code name} with {@code tags} (@tag arguments). */
    static boolean named(List<String> names, String name, List<String> tags) {
        if (names.isEmpty()) return true;
        for (String n : names) if (n.equals(name) || n.startsWith("@") && tags.contains(n.substring(1))) return true;
        return false;
    }

    private static void checkNames(Source src, List<String> names) throws LvmException {
        for (String n : names) {
            if (n.startsWith("@")) continue;
            String m = ulvm.api.DevPaths.strip(n);
            String vg = m.contains("/") ? m.substring(0, m.indexOf('/')) : m;
            Source.VgEntry e = src.vgs().stream().filter(v -> v.vg().name().equals(vg)).findFirst().orElse(null);
            if (e == null) throw new LvmException("Volume group \"" + vg + "\" not found");
            if (m.contains("/") && e.vg().lv(m.substring(m.indexOf('/') + 1)).isEmpty())
                throw new LvmException("Failed to find logical volume \"" + m + "\"");
        }
    }
}
