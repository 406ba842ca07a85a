package ulvm.report;

import java.util.ArrayList;
import java.util.List;
import ulvm.model.Lv;
import ulvm.model.Vg;

/**
 * The display commands' -c (colon-separated) and pvdisplay's -s forms, field for field as LVM2 2.03.16's
 * pvdisplay_colons, lvdisplay_colons and vgdisplay_colons (lib/display/display.c), status bits included.
 */
public final class Colons {
    private static final long LVM_READ = 0x100, LVM_WRITE = 0x200, RESIZEABLE_VG = 0x004, EXPORTED_VG = 0x002, ALLOCATABLE_PV = 0x008;

    private Colons() {}

    /** pvdisplay -c; an orphan PV is announced first, as in the full display. */
    public static List<String> pvs(Source src, List<String> names, ReportOptions o) {
        List<String> out = new ArrayList<>();
        for (PvRef p : Reports.pvRefs(src)) {
            if (!names.isEmpty() && !names.contains(p.name())) continue;
            long status = (p.allocatable() ? ALLOCATABLE_PV : 0) | (!p.orphan() && p.vg().vg().exported() ? EXPORTED_VG : 0);
            long extent = p.orphan() ? 0 : p.vg().vg().extentSize();
            long size = p.orphan() ? p.size() : p.pv().devSize();
            if (p.orphan()) out.add("  \"" + p.name() + "\" is a new physical volume of \"" + o.units.shortForm(p.devSize()) + "\"");
            out.add("  " + p.name() + ":" + p.vgName() + ":" + size + ":-1:" + status + ":" + (status & ALLOCATABLE_PV) + ":-1:" + extent / 2 + ":"
                    + p.peCount() + ":" + (p.peCount() - p.allocated()) + ":" + p.allocated() + ":" + p.uuidDashes());
        }
        return out;
    }

    /** pvdisplay -s: each PV's free space. */
    public static List<String> pvsShort(Source src, List<String> names, ReportOptions o) {
        List<String> out = new ArrayList<>();
        for (PvRef p : Reports.pvRefs(src)) {
            if (!names.isEmpty() && !names.contains(p.name())) continue;
            out.add("  Device \"" + p.name() + "\" has a capacity of " + o.units.shortForm(p.free()));
        }
        return out;
    }

    public static List<String> lvs(Source src, List<String> names, boolean all, ReportOptions o) {
        List<String> out = new ArrayList<>();
        for (VgFacts f : Reports.facts(src)) {
            Vg vg = f.vg;
            for (Lv lv : f.listed(all)) {
                if (!names.isEmpty() && !names.contains(vg.name()) && !names.contains(vg.name() + "/" + lv.name())) continue;
                boolean in = o.activity.active(vg.name(), lv);
                long access = ((lv.hasStatus("READ") ? LVM_READ : 0) | (lv.hasStatus("WRITE") ? LVM_WRITE : 0)) >> 8;
                String ra = LvFields.extra(lv, "read_ahead");
                long readAhead = ra == null ? -1 : Long.parseLong(ra) == -1 ? 0 : Long.parseLong(ra);
                out.add("  /dev/" + vg.name() + "/" + lv.name() + ":" + vg.name() + ":" + access + ":" + (in ? 1 : 0) + ":-1:"
                        + (in && o.activity.open(vg.name(), lv) ? 1 : 0) + ":" + lv.extents() * vg.extentSize() + ":" + lv.extents() + ":-1:"
                        + ("contiguous".equals(lv.allocationPolicy()) ? 2 : 0) + ":" + readAhead + ":-1:-1");
            }
        }
        return out;
    }

    public static List<String> vgs(Source src, List<String> names, ReportOptions o) {
        List<String> out = new ArrayList<>();
        for (VgFacts f : Reports.facts(src)) {
            Vg vg = f.vg;
            if (!names.isEmpty() && !names.contains(vg.name())) continue;
            boolean r = vg.status().contains("READ"), w = vg.status().contains("WRITE");
            long status = (r ? LVM_READ : 0) | (w ? LVM_WRITE : 0) | (vg.status().contains("RESIZEABLE") ? RESIZEABLE_VG : 0)
                    | (vg.exported() ? EXPORTED_VG : 0);
            long open = 0;
            for (Lv lv : vg.lvs()) if (o.activity.active(vg.name(), lv) && o.activity.open(vg.name(), lv)) open++;
            long ext = vg.extentSize(), total = vg.totalExtents(), alloc = f.allocatedExtents();
            long present = vg.pvs().size() - VgFields.missingCount(f);
            out.add("  " + vg.name() + ":" + (r && w ? "r/w" : r ? "r" : w ? "w" : "") + ":" + status + ":-1:" + vg.maxLv() + ":" + f.visibleCount() + ":"
                    + open + ":-1:" + vg.maxPv() + ":" + vg.pvs().size() + ":" + present + ":" + total * (ext / 2) + ":" + ext / 2 + ":" + total + ":"
                    + alloc + ":" + (total - alloc) + ":" + ulvm.format.Uuid.withDashes(vg.id()));
        }
        return out;
    }
}
