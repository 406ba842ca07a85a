package ulvm.report;

import static ulvm.report.Field.Kind.BIN;
import static ulvm.report.Field.Kind.NUM;
import static ulvm.report.Field.Kind.SIZ;
import static ulvm.report.Field.Kind.STR;
import static ulvm.report.Field.Kind.STRLIST;

import java.util.List;
import ulvm.report.Field.Kind;

/** Physical volume and PV label fields (pvs). */
final class PvFields {
    private PvFields() {}

    private interface PvFn { Cell apply(PvRef p, ReportOptions o); }

    private static void pv(String id, String heading, int width, Kind kind, PvFn fn) {
        Fields.add(ReportType.PV, id, heading, width, kind, (r, o) -> r.pv() == null ? Cell.EMPTY : fn.apply(r.pv(), o));
    }

    static long extraNum(PvRef p, String key) {
        if (p.pv() == null) return 0;
        for (var e : p.pv().extras()) if (e.key().equals(key) && e.value() instanceof Long l) return l;
        return 0;
    }

    static String extraStr(PvRef p, String key) {
        if (p.pv() == null) return "";
        for (var e : p.pv().extras()) {
            if (!e.key().equals(key)) continue;
            if (e.value() instanceof String s) return s;
            if (e.value() instanceof List<?> l) {
                StringBuilder sb = new StringBuilder();
                for (Object x : l) sb.append(sb.length() > 0 ? "," : "").append(x);
                return sb.toString();
            }
        }
        return "";
    }

    static void register() {
        pv("pv_fmt", "Fmt", 0, STR, (p, o) -> Cell.str("lvm2"));
        pv("pv_uuid", "PV UUID", 38, STR, (p, o) -> Cell.str(p.uuidDashes()));
        pv("dev_size", "DevSize", 0, SIZ, (p, o) -> Cell.size(p.devSize(), o.units));
        pv("pv_name", "PV", 10, STR, (p, o) -> Cell.str(p.name()));
        // an image file has no device number; -1 as for an LV without a kernel device
        pv("pv_major", "Maj", 0, STR, (p, o) -> Cell.str("-1"));
        pv("pv_minor", "Min", 0, STR, (p, o) -> Cell.str("-1"));
        pv("pv_mda_free", "PMdaFree", 9, SIZ, (p, o) -> p.dev() == null ? Cell.EMPTY : Cell.size(p.dev().mdaFree(), o.units));
        pv("pv_mda_size", "PMdaSize", 9, SIZ, (p, o) -> p.dev() == null ? Cell.EMPTY : Cell.size(p.dev().mdaSize(), o.units));
        pv("pv_ext_vsn", "PExtVsn", 0, NUM, (p, o) -> p.dev() == null ? Cell.EMPTY : Cell.num(p.dev().extVersion()));
        pv("pe_start", "1st PE", 7, NUM, (p, o) -> Cell.size(p.peStart(), o.units));
        pv("pv_size", "PSize", 0, SIZ, (p, o) -> Cell.size(p.size(), o.units));
        pv("pv_free", "PFree", 0, SIZ, (p, o) -> Cell.size(p.free(), o.units));
        pv("pv_used", "Used", 0, SIZ, (p, o) -> Cell.size(p.used(), o.units));
        pv("pv_attr", "Attr", 0, STR, (p, o) -> Cell.str(Attrs.pvAttr(p.vg(), p.pv())));
        pv("pv_allocatable", "Allocatable", 0, BIN, (p, o) -> Cell.bin(p.allocatable(), "allocatable"));
        pv("pv_exported", "Exported", 10, BIN, (p, o) -> Cell.bin(p.vg() != null && p.vg().vg().status().contains("EXPORTED"), "exported"));
        pv("pv_missing", "Missing", 10, BIN, (p, o) -> Cell.bin(p.missing(), "missing"));
        pv("pv_pe_count", "PE", 3, NUM, (p, o) -> Cell.num(p.peCount()));
        pv("pv_pe_alloc_count", "Alloc", 0, NUM, (p, o) -> Cell.num(p.allocated()));
        pv("pv_tags", "PV Tags", 0, STRLIST, (p, o) -> Cell.str(p.pv() == null ? "" : LvFields.sortedList(ulvm.model.Tags.of(p.pv().extras()))));
        pv("pv_mda_count", "#PMda", 0, NUM, (p, o) -> p.dev() == null ? Cell.EMPTY : Cell.num(p.dev().mdaCount()));
        pv("pv_mda_used_count", "#PMdaUse", 0, NUM, (p, o) -> p.dev() == null ? Cell.EMPTY : Cell.num(p.dev().mdaUsed()));
        pv("pv_ba_start", "BA Start", 0, SIZ, (p, o) -> Cell.size(p.pv() != null || p.dev() == null ? extraNum(p, "ba_start") : p.dev().baStart(), o.units));
        pv("pv_ba_size", "BA Size", 0, SIZ, (p, o) -> Cell.size(p.pv() != null || p.dev() == null ? extraNum(p, "ba_size") : p.dev().baSize(), o.units));
        pv("pv_in_use", "PInUse", 0, BIN, (p, o) -> Cell.bin(!p.orphan(), "used"));
        pv("pv_duplicate", "Duplicate", 0, BIN, (p, o) -> Cell.bin(false, "duplicate"));
        pv("pv_device_id", "DeviceID", 0, STR, (p, o) -> Cell.str(extraStr(p, "device_id")));
        pv("pv_device_id_type", "DeviceIDType", 0, STR, (p, o) -> Cell.str(extraStr(p, "device_id_type")));
    }
}
