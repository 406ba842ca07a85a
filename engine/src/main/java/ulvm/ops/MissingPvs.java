package ulvm.ops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulvm.format.ConfigSection;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.OpaqueSegment;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.segtype.SegmentTypes;
import ulvm.store.PvDevice;
import ulvm.store.VgCopies;

/** How LVM2 writes the PVs of a partial VG (metadata.c, _set_pv_device): a PV without a device gets MISSING. */
final class MissingPvs {
    /** LVM2's pv_dev_name of a PV without a device, written as its device hint. */
    static final String UNKNOWN = "[unknown]";

    private MissingPvs() {}

    /**
     * {@code next} with every PV that is not among {@code devices} flagged MISSING: with device hint "[unknown]" when
     * its device is gone, keeping its path when it reappeared but is still flagged (as LVM2 writes them).
     */
    static Vg flagged(Vg next, Map<String, PvDevice> devices, VgCopies before) {
        List<Pv> pvs = new ArrayList<>();
        boolean changed = false;
        for (Pv p : next.pvs()) {
            if (devices.containsKey(p.id())) {
                pvs.add(p);
                continue;
            }
            PvDevice back = before == null ? null : before.reappeared().get(p.id());
            List<String> flags = new ArrayList<>(p.flags());
            if (!flags.contains("MISSING")) flags.add("MISSING");
            pvs.add(p.withFlags(flags).withDevice(back != null ? back.name() : UNKNOWN));
            changed = true;
        }
        return changed ? next.withPvs(pvs) : next;
    }

    /** LVs with extents on a PV of {@code missing}, or with a sub-LV that has (vg_mark_partial_lvs), in VG order. */
    static List<String> partialLvs(Vg vg, Set<String> missing) {
        Set<String> partial = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Lv lv : vg.lvs()) {
                if (partial.contains(lv.name())) continue;
                if (partial(lv, missing, partial)) {
                    partial.add(lv.name());
                    grew = true;
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Lv lv : vg.lvs()) if (partial.contains(lv.name())) out.add(lv.name());
        return out;
    }

    private static boolean partial(Lv lv, Set<String> missing, Set<String> partial) {
        for (Segment s : lv.segments()) {
            for (Area a : s.areas()) {
                if (a instanceof Area.OnPv p && missing.contains(p.pvId())) return true;
                if (a instanceof Area.OnLv l && partial.contains(l.lv())) return true;
            }
            for (String m : SegmentTypes.of(s).metaLvs(s)) if (partial.contains(m)) return true;
        }
        return false;
    }

    /** The ids of the VG's PVs that are missing: no device, or reappeared but still flagged. */
    static Set<String> ids(VgCopies vc) {
        Set<String> out = new LinkedHashSet<>();
        for (Pv p : vc.missingPvs()) out.add(p.id());
        return out;
    }

    /** An LV whose extents become LVM2's "error" segment (replace_lv_with_error_segment). */
    static Lv errorLv(Lv lv) {
        long n = lv.extents();
        ConfigSection raw = new ConfigSection();
        raw.put("start_extent", 0L);
        raw.put("extent_count", n);
        raw.put("type", "error");
        return lv.withSegments(List.of(new OpaqueSegment(0, n, "error", raw, List.of())));
    }
}
