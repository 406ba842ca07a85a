package ulvm.live;

import java.util.HashSet;
import java.util.Set;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.segtype.PartialLvs;
import ulvm.segtype.RaidType;

/**
 * LVM2's --activationmode (lvm.conf activation_mode, default "degraded"): which LVs with extents on missing PVs may
 * be activated (lib/activate/activate.c, lv_activate_with_filter; raid_manip.c, degraded activation).
 */
public enum ActivationMode {
    /** Only LVs with every extent present. */
    COMPLETE,
    /**
     * Also raid1 LVs with at least one whole image (and its rmeta), and raid4/5/6/10 LVs that stay redundant
     * ({@link ulvm.model.RaidLevels#redundant}): they run degraded.
     */
    DEGRADED,
    /** Every LV; the parts on missing PVs fail every I/O. */
    PARTIAL;

    /** The mode named on the command line; null for the default, degraded. */
    public static ActivationMode of(String arg) {
        return arg == null ? DEGRADED : valueOf(arg.toUpperCase(java.util.Locale.ROOT));
    }

    /** PV ids of {@code vg} (as VgCopies.vgWithPaths gives it) that are missing. */
    public static Set<String> missingPvs(Vg vg) {
        Set<String> out = new HashSet<>();
        for (Pv p : vg.pvs()) if (p.missingFlag() || p.device() == null) out.add(p.id());
        return out;
    }

    /** LVM2's refusal to activate {@code lv}, or null when this mode lets it be activated. */
    public String refusal(Vg vg, Lv lv, Set<String> missing) {
        if (this == PARTIAL || missing.isEmpty() || !partial(vg, lv, missing)) return null;
        String name = vg.name() + "/" + lv.name();
        if (!degradable(vg, lv, missing)) return "Refusing activation of partial LV " + name + ".  Use '--activationmode partial' to override.";
        if (this == COMPLETE) return "Refusing activation of partial LV " + name + ".  Try '--activationmode degraded'.";
        return null;
    }

    /** LVM2's lv_is_partial: an extent on a missing PV, in {@code lv}, under it, or in its snapshot's origin or COW. */
    public static boolean partial(Vg vg, Lv lv, Set<String> missing) { return PartialLvs.of(vg, missing::contains).contains(lv.name()); }

    /**
     * A raid1 LV with at least one image whose image and rmeta are both whole, or a raid4/5/6/10 LV whose images
     * with a part missing (image or rmeta) are few enough for its level (LVM2: still redundant enough).
     */
    private static boolean degradable(Vg vg, Lv lv, Set<String> missing) {
        RaidSegment r = RaidType.raid1(lv);
        RaidSegment level = RaidType.only(lv);
        if (r == null && level != null && ulvm.model.RaidLevels.parity(level.type()) + (ulvm.model.RaidLevels.raid10(level.type()) ? 1 : 0) > 0) {
            boolean[] failed = new boolean[level.imageLvs().size()]; // raid4/5/6/10: LVM2's per-level rule
            for (int i = 0; i < failed.length; i++) {
                Lv img = vg.lv(level.imageLvs().get(i)).orElse(null);
                String metaName = i < level.metaLvs().size() ? level.metaLvs().get(i) : null;
                Lv meta = metaName == null ? null : vg.lv(metaName).orElse(null);
                failed[i] = img == null || partial(vg, img, missing) || meta != null && partial(vg, meta, missing);
            }
            return ulvm.model.RaidLevels.redundant(level.type(), failed);
        }
        if (r == null) return false;
        for (int i = 0; i < r.imageLvs().size(); i++) {
            Lv img = vg.lv(r.imageLvs().get(i)).orElse(null);
            String metaName = i < r.metaLvs().size() ? r.metaLvs().get(i) : null;
            Lv meta = metaName == null ? null : vg.lv(metaName).orElse(null);
            if (img != null && !partial(vg, img, missing) && (meta == null || !partial(vg, meta, missing))) return true;
        }
        return false;
    }
}
