package ulvm.report;

import static ulvm.report.Field.Kind.BIN;
import static ulvm.report.Field.Kind.NUM;
import static ulvm.report.Field.Kind.SIZ;
import static ulvm.report.Field.Kind.STR;
import static ulvm.report.Field.Kind.STRLIST;

import java.util.List;
import ulvm.format.Uuid;
import ulvm.model.Lv;
import ulvm.model.Vg;
import ulvm.report.Field.Kind;

/** Volume group fields (vgs). */
final class VgFields {
    private VgFields() {}

    private interface VgFn { Cell apply(VgFacts f, Vg vg, ReportOptions o); }

    private static void vg(String id, String heading, int width, Kind kind, VgFn fn) {
        Fields.add(ReportType.VG, id, heading, width, kind, (r, o) -> r.vg() == null ? Cell.EMPTY : fn.apply(r.vg(), r.vg().vg(), o));
    }

    static String extra(Vg vg, String key) {
        for (var e : vg.extras()) {
            if (!e.key().equals(key)) continue;
            if (e.value() instanceof List<?> l) {
                StringBuilder sb = new StringBuilder();
                for (Object x : l) sb.append(sb.length() > 0 ? "," : "").append(x);
                return sb.toString();
            }
            if (e.value() != null) return String.valueOf(e.value());
        }
        return "";
    }

    static long mdaCount(VgFacts f) {
        long n = 0;
        for (Device d : f.devices.values()) n += d.mdaCount();
        return n;
    }

    static long mdaUsed(VgFacts f) {
        long n = 0;
        for (Device d : f.devices.values()) n += d.mdaUsed();
        return n;
    }

    /** LVM2's vg_mda_free and vg_mda_size: the least free space and the smallest size of the areas in use, in sectors. */
    static long mdaLeast(VgFacts f, boolean free) {
        long least = 0;
        for (Device d : f.devices.values()) {
            if (d.mdaUsed() == 0) continue;
            long v = free ? d.usedFree() : d.mdaSize();
            if (least == 0 || v < least) least = v;
        }
        return least;
    }

    static long freeExtents(VgFacts f) { return f.vg.totalExtents() - f.allocatedExtents(); }

    static long snapCount(VgFacts f) { return f.cows.size(); }

    static long lvCount(VgFacts f) {
        long n = 0;
        for (Lv lv : f.vg.lvs()) if (f.visible(lv)) n++;
        return n;
    }

    static long missingCount(VgFacts f) {
        long n = 0;
        for (var p : f.vg.pvs()) if (f.missing(p.id())) n++;
        return n;
    }

    static void register() {
        vg("vg_fmt", "Fmt", 0, STR, (f, vg, o) -> Cell.str("lvm2"));
        vg("vg_uuid", "VG UUID", 38, STR, (f, vg, o) -> Cell.str(Uuid.withDashes(vg.id())));
        vg("vg_name", "VG", 0, STR, (f, vg, o) -> Cell.str(vg.name()));
        vg("vg_attr", "Attr", 5, STR, (f, vg, o) -> Cell.str(Attrs.vgAttr(f)));
        vg("vg_permissions", "VPerms", 10, STR, (f, vg, o) -> Cell.str(vg.status().contains("WRITE") ? "writeable" : "read-only"));
        vg("vg_extendable", "Extendable", 0, BIN, (f, vg, o) -> Cell.bin(vg.status().contains("RESIZEABLE"), "extendable"));
        vg("vg_exported", "Exported", 10, BIN, (f, vg, o) -> Cell.bin(vg.status().contains("EXPORTED"), "exported"));
        vg("vg_autoactivation", "AutoAct", 0, BIN, (f, vg, o) -> Cell.bin(!vg.flags().contains("NOAUTOACTIVATE"), "enabled"));
        vg("vg_partial", "Partial", 10, BIN, (f, vg, o) -> Cell.bin(f.partialVg(), "partial"));
        vg("vg_allocation_policy", "AllocPol", 10, STR, (f, vg, o) -> Cell.str(Attrs.policyName(Attrs.vgPolicy(vg))));
        vg("vg_clustered", "Clustered", 10, BIN, (f, vg, o) -> Cell.bin(vg.status().contains("CLUSTERED"), "clustered"));
        vg("vg_shared", "Shared", 7, BIN, (f, vg, o) -> Cell.bin(vg.status().contains("SHARED"), "shared"));
        vg("vg_size", "VSize", 0, SIZ, (f, vg, o) -> Cell.size(vg.totalExtents() * vg.extentSize(), o.units));
        vg("vg_free", "VFree", 0, SIZ, (f, vg, o) -> Cell.size(freeExtents(f) * vg.extentSize(), o.units));
        vg("vg_sysid", "SYS ID", 0, STR, (f, vg, o) -> Cell.str(extra(vg, "system_id")));
        vg("vg_systemid", "System ID", 0, STR, (f, vg, o) -> Cell.str(extra(vg, "system_id")));
        vg("vg_lock_type", "LockType", 0, STR, (f, vg, o) -> Cell.str(extra(vg, "lock_type")));
        vg("vg_lock_args", "VLockArgs", 0, STR, (f, vg, o) -> Cell.str(extra(vg, "lock_args")));
        vg("vg_extent_size", "Ext", 0, SIZ, (f, vg, o) -> Cell.size(vg.extentSize(), o.units));
        vg("vg_extent_count", "#Ext", 0, NUM, (f, vg, o) -> Cell.num(vg.totalExtents()));
        vg("vg_free_count", "Free", 0, NUM, (f, vg, o) -> Cell.num(freeExtents(f)));
        vg("max_lv", "MaxLV", 0, NUM, (f, vg, o) -> Cell.num(vg.maxLv()));
        vg("max_pv", "MaxPV", 0, NUM, (f, vg, o) -> Cell.num(vg.maxPv()));
        vg("pv_count", "#PV", 0, NUM, (f, vg, o) -> Cell.num(vg.pvs().size()));
        vg("vg_missing_pv_count", "#PV Missing", 0, NUM, (f, vg, o) -> Cell.num(missingCount(f)));
        vg("lv_count", "#LV", 0, NUM, (f, vg, o) -> Cell.num(lvCount(f)));
        vg("snap_count", "#SN", 0, NUM, (f, vg, o) -> Cell.num(snapCount(f)));
        vg("vg_seqno", "Seq", 0, NUM, (f, vg, o) -> Cell.num(vg.seqno()));
        vg("vg_tags", "VG Tags", 0, STRLIST, (f, vg, o) -> Cell.str(LvFields.sortedList(ulvm.model.Tags.of(vg.extras()))));
        vg("vg_profile", "VProfile", 0, STR, (f, vg, o) -> Cell.str(extra(vg, "profile")));
        vg("vg_mda_count", "#VMda", 0, NUM, (f, vg, o) -> Cell.num(mdaCount(f)));
        vg("vg_mda_used_count", "#VMdaUse", 0, NUM, (f, vg, o) -> Cell.num(mdaUsed(f)));
        vg("vg_mda_free", "VMdaFree", 9, SIZ, (f, vg, o) -> Cell.size(mdaLeast(f, true), o.units));
        vg("vg_mda_size", "VMdaSize", 9, SIZ, (f, vg, o) -> Cell.size(mdaLeast(f, false), o.units));
        vg("vg_mda_copies", "#VMdaCps", 0, NUM, (f, vg, o) -> vg.metadataCopies() == 0 ? new Cell("unmanaged", SelectionValue.UNDEF) : Cell.num(vg.metadataCopies()));
    }
}
