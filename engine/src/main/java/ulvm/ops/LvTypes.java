package ulvm.ops;

import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.segtype.SegmentTypes;

/** LVM2's LV types (tools/lv_types.h, toollib.c get_lvt_enum) and its words for an LV a command does not take. */
public final class LvTypes {
    private LvTypes() {}

    /** The type LVM2 names an LV by: from its first segment, a COW LV being "snapshot", any raid LV "raid". */
    public static String of(Vg vg, Lv lv) {
        if (SnapshotRoles.isCow(vg, lv.name())) return "snapshot";
        if (lv.segments().isEmpty()) return "unknown (0)";
        Segment first = lv.segments().get(0);
        return SegmentTypes.of(first).lvType(first);
    }

    /** _check_lv_types' warning (alone when the LV came from a VG argument). */
    public static String notAccepted(Vg vg, Lv lv) {
        return "Command on LV " + vg.name() + "/" + lv.name() + " does not accept LV type " + of(vg, lv) + ".";
    }

    /** The segment types LVM2 2.03.16 knows (lib/metadata/segtype.h, those it registers); "linear" is its alias of striped. */
    public static final java.util.Set<String> SEGMENT_TYPES = java.util.Set.of("linear", "striped", "mirror", "snapshot", "thin", "thin-pool",
            "cache", "cache-pool", "writecache", "integrity", "error", "zero", "vdo", "vdo-pool", "raid0", "raid0_meta", "raid1", "raid10",
            "raid10_near", "raid4", "raid5", "raid5_n", "raid5_la", "raid5_ls", "raid5_ra", "raid5_rs", "raid6", "raid6_nc", "raid6_nr",
            "raid6_zr", "raid6_la_6", "raid6_ls_6", "raid6_ra_6", "raid6_rs_6", "raid6_n_6");

    /**
     * lvextend/lvresize --type: the type only has to match the LV's last segment (lv_manip.c _lvresize_adjust_extents;
     * LVM2 would also mix striped, error and zero, which ulvm does not). An LV or VG that is not there is left to
     * the resize to report.
     */
    public static void checkResize(Session s, String lvArg, String type) throws LvmException {
        String want = type.equals("linear") ? "striped" : type;
        String[] vl = LvOps.vgLv(lvArg, null);
        try (ulvm.store.Scan scan = s.scan(false)) {
            Vg vg = scan.vg(vl[0]).map(ulvm.store.VgCopies::vg).orElse(null);
            Lv lv = vg == null ? null : vg.lv(vl[1]).orElse(null);
            if (lv == null || lv.segments().isEmpty()) return;
            Segment last = lv.segments().get(lv.segments().size() - 1);
            String have = last.type();
            if (want.equals(have)) return;
            boolean mixable = java.util.Set.of("striped", "error", "zero", "raid0", "raid0_meta").contains(want);
            if (!mixable || !java.util.Set.of("striped", "error", "zero").contains(have))
                throw new LvmException("VolumeType does not match (" + want + ").");
            throw new LvmException("Extending " + vl[0] + "/" + vl[1] + " with segment type " + want + " is not supported by this version of ulvm.");
        }
    }
}
