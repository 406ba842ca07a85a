package ulvm.live;

import java.io.IOException;
import ulvm.model.Lv;
import ulvm.model.SnapshotSegment;
import ulvm.model.Vg;
import ulvm.raid.Raid1Array;
import ulvm.raid.RaidStatus;
import ulvm.snapshot.SnapshotLvs;
import ulvm.snapshot.SnapshotOrigin;
import ulvm.snapshot.SnapshotStatus;

/**
 * What the running raid1 arrays and snapshots of an {@link Activation} report (lvs' Cpy%Sync, Data%, merging), and the
 * actions on a running array ({@code --syncaction}, {@code --refresh}). Called under the activation's lock.
 */
final class LiveStatus {
    private final Activation act;

    LiveStatus(Activation act) { this.act = act; }

    /**
     * The state of an active snapshot named by its COW LV: Data%, valid, merging; null when neither the snapshot nor
     * its merge runs.
     */
    SnapshotStatus snapshotStatus(String vg, String cowLv) {
        Vg known = act.vgs.get(vg);
        if (known == null) return null;
        Lv cow = known.lv(cowLv).orElse(null);
        SnapshotSegment seg = SnapshotLvs.ofCow(known, cowLv).orElse(null);
        if (cow == null || seg == null) return null;
        Lv origin = known.lv(seg.origin()).orElse(null);
        boolean running = origin != null && act.snapshots.mergeRunning(origin.id());
        if (!running && !act.isActive(vg, cowLv)) return null;
        return act.snapshots.status(cow.id(), seg.merging());
    }

    /** The running state of an origin whose merge runs, or null. */
    SnapshotOrigin mergingOrigin(String vg, String origin) {
        Vg known = act.vgs.get(vg);
        Lv o = known == null ? null : known.lv(origin).orElse(null);
        return o != null && act.snapshots.mergeRunning(o.id()) ? act.snapshots.origin(o.id()) : null;
    }

    /** The running state of an active raid1 LV, or null. */
    RaidStatus raidStatus(String vg, String lv) {
        Raid1Array a = array(vg, lv);
        if (a != null) return a.status();
        ulvm.raid.MdRaidArray m = mdArray(vg, lv);
        return m == null ? null : m.status();
    }

    /** Starts lvchange --syncaction check|repair on an active raid1 LV; false when it is not active. */
    boolean syncAction(String vg, String lv, String action) {
        Raid1Array a = array(vg, lv);
        if (a == null) {
            ulvm.raid.MdRaidArray m = mdArray(vg, lv);
            return m != null && m.syncAction(action);
        }
        return a.syncAction(action);
    }

    /**
     * lvchange --refresh of an active LV: a raid1 LV's failed legs whose devices work again come back (recovering
     * what they missed); nothing for an inactive or other LV.
     */
    void refresh(String vg, String lv) throws IOException {
        Raid1Array a = array(vg, lv);
        ulvm.raid.MdRaidArray m = mdArray(vg, lv);
        if (m != null) {
            Vg known = act.vgs.get(vg);
            m.refresh(known, known.lv(lv).orElseThrow(), act.files.devices(known));
        }
        if (a == null) return;
        Vg known = act.vgs.get(vg);
        a.refresh(known, known.lv(lv).orElseThrow(), act.files.devices(known));
    }

    /** The running array of an active raid4/5/6/10 LV, or null. */
    ulvm.raid.MdRaidArray mdArray(String vg, String lv) {
        Vg known = act.vgs.get(vg);
        if (known == null || !act.isActive(vg, lv)) return null;
        return known.lv(lv).map(l -> act.arrays.md.get(l.id())).orElse(null);
    }

    /** The running array of an active raid1 LV, or null. */
    Raid1Array array(String vg, String lv) {
        Vg known = act.vgs.get(vg);
        if (known == null || !act.isActive(vg, lv)) return null;
        return known.lv(lv).map(l -> act.arrays.get(l.id())).orElse(null);
    }
}
