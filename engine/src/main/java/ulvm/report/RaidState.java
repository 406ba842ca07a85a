package ulvm.report;

import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.raid.RaidStatus;
import ulvm.segtype.RaidType;

/**
 * What reports derive from a raid LV's running state (lib/metadata/lv.c, lib/report/report.c). The hidden sub-LVs
 * of an active raid LV are active and open (the array holds them); a visible image (split off with
 * --trackchanges) has its own activation.
 */
final class RaidState {
    private RaidState() {}

    /** The raid LV a hidden raid sub-LV belongs to, or null. */
    static Lv heldBy(VgFacts f, Lv lv) {
        if (f.visible(lv) || !(f.raidImages.contains(lv.name()) || f.raidMetas.contains(lv.name()))) return null;
        String p = f.parent.get(lv.name());
        return p == null ? null : f.byName.get(p);
    }

    static boolean active(VgFacts f, Lv lv, LvActivity act) {
        if (f.isPvmove(lv)) return MoveState.active(f, lv, act);
        Lv top = heldBy(f, lv);
        return act.active(f.vg.name(), top != null ? top : lv);
    }

    static boolean open(VgFacts f, Lv lv, LvActivity act) {
        if (f.isPvmove(lv)) return MoveState.active(f, lv, act);
        Lv top = heldBy(f, lv);
        if (top != null) return act.active(f.vg.name(), top);
        return act.active(f.vg.name(), lv) && act.open(f.vg.name(), lv);
    }

    /** The status of the raid LV itself, or of the raid LV a sub-LV (hidden or tracked) belongs to; null inactive. */
    static RaidStatus status(VgFacts f, Lv lv, LvActivity act) {
        Lv top = Attrs.isRaid(lv) ? lv : f.byName.get(f.parent.getOrDefault(lv.name(), ""));
        if (top == null || !Attrs.isRaid(top) || !act.active(f.vg.name(), top)) return null;
        return act.raid(f.vg.name(), top);
    }

    /** The dm-raid health character of a sub-LV (image or metadata), or 0 when unknown. */
    static char legHealth(VgFacts f, Lv lv, LvActivity act) {
        RaidStatus st = status(f, lv, act);
        Lv top = f.byName.get(f.parent.getOrDefault(lv.name(), ""));
        RaidSegment r = top == null ? null : RaidType.first(top);
        if (st == null || r == null) return 0;
        int i = r.imageLvs().indexOf(lv.name());
        if (i < 0) i = r.metaLvs().indexOf(lv.name());
        return i >= 0 && i < st.legs().length() ? st.legs().charAt(i) : 0;
    }

    /** lv_raid_image_in_sync: an active image whose leg is 'A'. */
    static boolean imageInSync(VgFacts f, Lv lv, LvActivity act) {
        return active(f, lv, act) && legHealth(f, lv, act) == 'A';
    }

    /** lv_raid_healthy: inactive counts as healthy; the array without a 'D' leg; a sub-LV whose leg is not 'D'. */
    static boolean healthy(VgFacts f, Lv lv, LvActivity act) {
        RaidStatus st = status(f, lv, act);
        if (st == null) return true;
        if (Attrs.isRaid(lv)) return st.legs().indexOf('D') < 0;
        return legHealth(f, lv, act) != 'D';
    }

    /** The 9th lv_attr character for a raid LV or sub-LV. */
    static char healthChar(VgFacts f, Lv lv, LvActivity act) {
        if (!healthy(f, lv, act)) return 'r';
        if (Attrs.isRaid(lv)) {
            RaidStatus st = status(f, lv, act);
            if (st != null && st.mismatches() > 0) return 'm';
        } else if (lv.hasStatus("WRITEMOSTLY")) return 'w';
        return '-';
    }

    static String health(VgFacts f, Lv lv, LvActivity act) {
        if (!healthy(f, lv, act)) return "refresh needed";
        if (Attrs.isRaid(lv)) {
            RaidStatus st = status(f, lv, act);
            return st != null && st.mismatches() > 0 ? "mismatches exist" : "";
        }
        return lv.hasStatus("WRITEMOSTLY") ? "writemostly" : "";
    }

    static Cell percent(VgFacts f, Lv lv, LvActivity act) {
        if (f.isPvmove(lv)) return MoveState.percent(f, lv, act);
        if (!Attrs.isRaid(lv)) return Cell.EMPTY;
        RaidStatus st = status(f, lv, act);
        if (st == null) return Cell.EMPTY;
        double p = st.percent();
        return new Cell(String.format(java.util.Locale.ROOT, "%.2f", p), p);
    }
}
