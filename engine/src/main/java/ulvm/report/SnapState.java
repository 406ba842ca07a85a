package ulvm.report;

import java.util.Locale;
import ulvm.model.Lv;
import ulvm.snapshot.SnapshotStatus;

/** What reports show of a snapshot's running state (its COW LV): Data%, invalid, active. */
final class SnapState {
    private SnapState() {}

    /** The running state of the snapshot whose COW LV is {@code lv}; null when it is not a COW or not active. */
    static SnapshotStatus status(VgFacts f, Lv lv, LvActivity act) {
        if (!f.isCow(lv)) return null;
        return act.snapshot(f.vg.name(), lv);
    }

    /** LVM2's snap_seg percent: 100 for an invalid store, 0 while only metadata is used, else used/total. */
    static double percent(SnapshotStatus st) {
        if (!st.valid()) return 100.0;
        if (st.metadataSectors() > 0 && st.allocatedSectors() == st.metadataSectors()) return 0.0;
        return st.percent();
    }

    /** Data% / Snap% of an LV: the snapshot's usage when it is active, else blank. */
    static Cell cell(VgFacts f, Lv lv, LvActivity act) {
        SnapshotStatus st = status(f, lv, act);
        if (st == null) return Cell.EMPTY;
        double p = percent(st);
        return new Cell(String.format(Locale.ROOT, "%.2f", p), p);
    }

    /** True when the snapshot is active and still valid (lvdisplay's "active" as opposed to "INACTIVE"). */
    static boolean activeValid(VgFacts f, Lv lv, LvActivity act) {
        SnapshotStatus st = status(f, lv, act);
        return st != null && st.valid();
    }
}
