package ulvm.report;

import ulvm.model.Lv;

/** Kernel state of LVs, supplied by whoever knows it (a daemon); offline everything is inactive. */
public interface LvActivity {
    LvActivity NONE = (vg, lv) -> false;

    /** True when the LV is active (has a live mapping). */
    boolean active(String vgName, Lv lv);

    /** True when thin pool {@code pool} is active itself, not only as its thin LVs' -tpool layer. */
    default boolean poolActivated(String vgName, Lv pool) { return active(vgName, pool); }

    /** True when the active LV is open. */
    default boolean open(String vgName, Lv lv) { return false; }

    /** The running state of an active raid LV (Cpy%Sync, health, sync action); null when inactive. */
    default ulvm.raid.RaidStatus raid(String vgName, Lv lv) { return null; }

    /**
     * Extents an active pvmove LV has copied, as the kernel's mirror status would tell: by default its committed
     * extents_moved; the command line adds the move's progress record (move.MoveRecord).
     */
    default long moved(ulvm.model.Vg vg, Lv pvmove) { return ulvm.move.MoveProgress.moved(pvmove); }

    /** The running state of an active snapshot (its COW LV {@code lv}): Data%, valid, merging; null when inactive. */
    default ulvm.snapshot.SnapshotStatus snapshot(String vgName, Lv lv) { return null; }

    /** What an active thin pool or thin LV uses (Data%, Meta%); null when inactive. */
    default ulvm.thin.ThinUsage thin(String vgName, Lv lv) { return null; }
}
