package ulvm.report;

import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.move.MoveProgress;

/**
 * What reports show of a pvmove LV: LVM2 activates it together with the LVs it moves (they map through it), so it
 * is active and open while any of them is active; its Cpy%Sync is copy_percent over the extents copied (extents_moved
 * and the move's progress record, {@link LvActivity#moved}), shown only then.
 */
final class MoveState {
    private MoveState() {}

    static boolean active(VgFacts f, Lv pvmove, LvActivity act) {
        for (Lv lv : f.vg.lvs()) {
            if (lv == pvmove || !act.active(f.vg.name(), lv)) continue;
            for (Segment s : lv.segments())
                for (Area a : s.areas())
                    if (a instanceof Area.OnLv on && on.lv().equals(pvmove.name())) return true;
        }
        return false;
    }

    static Cell percent(VgFacts f, Lv pvmove, LvActivity act) {
        if (!active(f, pvmove, act)) return Cell.EMPTY;
        long moved = act.moved(f.vg, pvmove), total = MoveProgress.total(pvmove);
        String s = MoveProgress.percent(moved, total);
        return new Cell(s, Double.parseDouble(s));
    }
}
