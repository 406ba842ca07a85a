package ulvm.report;

import static ulvm.report.Field.Kind.NUM;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import ulvm.report.Field.Kind;

/** The field registry, in LVM2's order (lib/report/columns.h); lookups follow libdm's name matching. */
final class Fields {
    static final List<Field> ALL = new ArrayList<>();

    private Fields() {}

    static void add(ReportType t, String id, String heading, int width, Kind kind, BiFunction<Row, ReportOptions, Cell> fn) {
        Field f = new Field(id, heading, width, kind, t, fn);
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).id().equals(id) && ALL.get(i).type() == t) { // a placeholder kept in LVM2's order, given its meaning
                ALL.set(i, f);
                return;
            }
        }
        ALL.add(f);
    }

    static {
        LvFields.register();
        PvFields.register();
        VgFields.register();
        SegFields.register();
        ThinFields.register();
        add(ReportType.PVSEG, "pvseg_start", "Start", 0, NUM, (r, o) -> r.pvseg() == null ? Cell.EMPTY : Cell.num(r.pvseg().pe()));
        add(ReportType.PVSEG, "pvseg_size", "SSize", 0, NUM, (r, o) -> r.pvseg() == null ? Cell.EMPTY : Cell.num(r.pvseg().len()));
    }

    /**
     * libdm's implicit field "selected" (-o selected): 1 for the rows -S takes, 0 for the others, which are then shown
     * too. It belongs to whatever type the report is.
     */
    static Field selected(ReportType reportType) {
        return new Field("selected", "Selected", 0, NUM, reportType, (r, o) -> Cell.num(o.selection.test(r, o) ? 1 : 0));
    }

    /** A column or sort key name: {@link #find}, or "selected". */
    static Field column(String name, ReportType reportType) {
        return canon(name).equals("selected") ? selected(reportType) : find(name, reportType);
    }

    /**
     * libdm's "all" names: "lv_all", "vg_all", "pv_all", "seg_all", "pvseg_all" (case and underscores ignored) give every
     * field of that type in LVM2's order; "all" alone those of the report's own type. Null for any other name.
     */
    static List<Field> all(String name, ReportType reportType) {
        String c = canon(name);
        ReportType t = null;
        if (c.equals("all")) t = reportType;
        else for (ReportType r : ReportType.values()) if (c.equals(canon(r.prefix()) + "all")) t = r;
        if (t == null) return null;
        List<Field> out = new ArrayList<>();
        for (Field f : ALL) if (f.type() == t) out.add(f);
        return out;
    }

    /** Whether {@code f} is among {@code names} (field names as -o takes them, matched as libdm does). */
    static boolean listed(java.util.Collection<String> names, Field f, ReportType reportType) {
        for (String n : names) if (find(n, reportType) == f) return true;
        return false;
    }

    private static String canon(String s) { return s.replace("_", "").toLowerCase(Locale.ROOT); }

    /**
     * libdm's matching: underscores and case are ignored, and the report's prefix ("lv_", "pv_", "vg_",
     * "seg_", "pvseg_") may be left out. Null when unknown.
     */
    static Field find(String name, ReportType reportType) {
        String c = canon(name);
        String p = canon(reportType.prefix());
        for (Field f : ALL) {
            String id = canon(f.id());
            if (id.equals(c) || (id.startsWith(p) && id.substring(p.length()).equals(c))) return f;
        }
        return null;
    }
}
