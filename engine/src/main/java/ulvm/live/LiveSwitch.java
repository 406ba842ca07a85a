package ulvm.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulvm.mapping.FailedTarget;
import ulvm.mapping.LvTable;
import ulvm.model.Lv;
import ulvm.model.SnapshotSegment;
import ulvm.model.Vg;
import ulvm.snapshot.SnapshotLvs;
import ulvm.snapshot.SnapshotOrigin;
import ulvm.store.VgCopies;

/**
 * The live switch of an {@link Activation} (docs/design.md §4): suspend what a metadata change alters, then after the
 * commit new tables (or error tables), new and removed files, resume; or resume on the old tables when the commit
 * failed; and the suspend that starts a snapshot merge. Called under the activation's lock.
 */
final class LiveSwitch {
    private final Activation act;

    LiveSwitch(Activation act) { this.act = act; }

    /** Suspend: every active LV of the VG that the new metadata changes. */
    void suspend(Vg next, VgCopies before) {
        String name = before == null ? next.name() : before.vg().name();
        Map<String, LiveVolume> m = act.active.get(name);
        if (m == null) return;
        Vg old = before == null ? null : before.vg();
        for (Map.Entry<String, LiveVolume> e : m.entrySet()) {
            Lv was = old == null ? null : old.lv(e.getKey()).orElse(null);
            Lv now = next.lv(e.getKey()).orElse(null);
            if (was == null || now == null || !was.equals(now) || !SubLvs.closure(old, was).equals(SubLvs.closure(next, now))) {
                e.getValue().suspend();
                act.suspended.add(e.getValue());
                if (was != null) act.arrays.suspend(was.id());
            }
        }
    }

    /**
     * After a commit: new tables for changed LVs, new files for new LVs, removed files for gone ones; resume. The
     * committed metadata is the truth from here on: an LV whose new table cannot be loaded resumes on an error table
     * (its I/O fails with EIO until it is reactivated), never on its old one, and the failure is thrown once every LV
     * has resumed, with LVM2's words for each such LV.
     */
    void committed(Vg vg, VgCopies before) throws IOException {
        String oldName = before == null ? vg.name() : before.vg().name();
        Map<String, LiveVolume> m = act.active.remove(oldName);
        if (!oldName.equals(vg.name())) {
            if (m != null) for (String lv : m.keySet()) act.listener.hidden(oldName, lv);
            act.listener.vgGone(oldName);
        }
        Vg old = before == null ? null : before.vg();
        List<String> failed = new ArrayList<>();
        try {
            if (m == null) {
                // no LV of the VG is active (it was created since the mount, or deactivated): only the LVs this change
                // creates become active, as LVM2's lvcreate activates a new LV whatever its VG's other LVs are
                if (old == null || vg.lvs().stream().noneMatch(lv -> Activation.shown(vg, lv) && isNewLv(old, lv))) return;
                m = new LinkedHashMap<>();
            }
            Set<String> wereActive = Set.copyOf(m.keySet());
            String arraysFailed = null;
            try {
                act.arrays.committed(vg, act.files.devices(vg));
            } catch (IOException | RuntimeException e) {
                arraysFailed = "raid1 arrays of VG " + vg.name() + " not updated: " + e.getMessage();
                act.messages.accept(arraysFailed);
            }
            if (act.pools.running(vg.name())) {
                try {
                    act.pools.committed(vg, act.files.devices(vg));
                } catch (IOException | RuntimeException e) {
                    act.messages.accept("thin pools of VG " + vg.name() + " not updated: " + e.getMessage());
                    failed.add(e.getMessage());
                }
            }
            act.reconcileSnapshots(vg, act.messages);
            Map<String, LiveVolume> next = new LinkedHashMap<>();
            for (Map.Entry<String, LiveVolume> e : m.entrySet()) {
                // a snapshot whose merge waits keeps its file until the merge starts (it may be open)
                Lv now = vg.lv(e.getKey()).filter(l -> Activation.shown(vg, l) || Activation.mergingCow(vg, l) || Activation.component(vg, l)).orElse(null);
                LiveVolume v = e.getValue();
                if (now == null) {
                    if (oldName.equals(vg.name())) act.listener.hidden(vg.name(), e.getKey());
                    if (act.suspended.remove(v)) { // a file still open: renamed, it maps the LV's new table; removed, it fails
                        String id = old == null ? null : old.lv(e.getKey()).map(Lv::id).orElse(null);
                        Lv renamed = vg.lvs().stream().filter(l -> l.id().equals(id)).findFirst().orElse(null);
                        v.resume(renamed != null ? newTable(vg, renamed, arraysFailed, failed)
                                : FailedTarget.table(v.size(), "the LV was removed"), v.readOnly());
                    }
                    continue;
                }
                boolean changed = act.suspended.remove(v);
                if (changed) v.resume(newTable(vg, now, arraysFailed, failed), !now.writable() || Activation.component(vg, now));
                next.put(now.name(), v);
                if (!oldName.equals(vg.name()) || changed) act.listener.shown(vg.name(), now.name(), v);
            }
            act.active.put(vg.name(), next);
            act.vgs.put(vg.name(), vg);
            java.util.Set<String> moving = new java.util.HashSet<>();
            for (Lv lv : vg.lvs()) if (lv.hasStatus("PVMOVE")) moving.add(lv.id());
            act.moveLocks.retain(vg.name(), moving); // finished or aborted moves' locks go
            // LVs created by this change appear at once (lvcreate in a mounted VG)
            for (Lv lv : vg.lvs()) {
                if (!Activation.shown(vg, lv) || next.containsKey(lv.name())) continue;
                String oldLvName = lv.name();
                boolean isNew = isNewLv(old, lv);
                // an active LV renamed shows under its new name (an inactive one stays inactive)
                boolean renamed = !isNew && old.lvs().stream()
                        .anyMatch(o -> o.id().equals(lv.id()) && !o.name().equals(oldLvName) && wereActive.contains(o.name()));
                // a raid image split off with tracking becomes visible: it shows (read-only) at once
                boolean appeared = !isNew && old.lvs().stream().anyMatch(o -> o.id().equals(lv.id()) && !Activation.shown(old, o)) && !wereActive.isEmpty();
                if (isNew && lv.flags().contains("ACTIVATION_SKIP")) continue; // lvcreate -s of a thin LV: -K activates it
                if (isNew || renamed || appeared) {
                    LiveVolume v = new LiveVolume(newTable(vg, lv, arraysFailed, failed), !lv.writable());
                    next.put(lv.name(), v);
                    act.listener.shown(vg.name(), lv.name(), v);
                }
            }
        } finally {
            // whatever is still suspended (an unexpected failure above) resumes failing: its old table is stale
            for (LiveVolume v : act.suspended) {
                v.resume(FailedTarget.table(v.size(), "the LV's new mapping was not loaded after a commit"), v.readOnly());
                failed.add("Problem reactivating logical volume in VG " + vg.name() + ".");
            }
            act.suspended.clear();
            act.arrays.resumeAll();
        }
        if (!failed.isEmpty()) throw new IOException(String.join("\n", failed));
    }

    /** The table of {@code lv} after a commit, or an error table (said in the log, its LVM2 line added to {@code failed}). */
    private LvTable newTable(Vg vg, Lv lv, String arraysFailed, List<String> failed) {
        String why = arraysFailed;
        if (why == null) {
            try {
                return act.table(vg, lv);
            } catch (IOException | RuntimeException e) {
                why = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        act.messages.accept(vg.name() + "/" + lv.name() + ": its new mapping cannot be loaded (" + why + "): its I/O fails until it is reactivated");
        failed.add("Problem reactivating logical volume " + vg.name() + "/" + lv.name() + ".");
        return FailedTarget.table(lv.extents() * vg.extentBytes(), why);
    }

    void aborted() {
        for (LiveVolume v : act.suspended) v.resume(null, false);
        act.suspended.clear();
        act.arrays.resumeAll();
    }

    private static boolean isNewLv(Vg old, Lv lv) {
        return old == null || old.lvs().stream().noneMatch(o -> o.id().equals(lv.id()));
    }

    /**
     * Starts the merge of the snapshot merging into {@code origin} (metadata says so): the snapshot's file goes, the
     * origin's I/O is redirected to the chunks not merged yet. Returns the origin's running state for the copy, or
     * null when there is nothing to merge or the origin is not active.
     */
    SnapshotOrigin startMerge(String vg, String origin) throws IOException {
        Vg known = act.vgs.get(vg);
        if (known == null) return null;
        Lv o = known.lv(origin).orElse(null);
        SnapshotSegment seg = o == null ? null : SnapshotLvs.merging(known, origin).orElse(null);
        if (seg == null || !act.isActive(vg, origin)) return null;
        if (act.snapshots.mergeRunning(o.id())) return act.snapshots.origin(o.id());
        LiveVolume ov = act.volume(vg, origin);
        LiveVolume cv = act.volume(vg, seg.cowStore());
        ov.suspend();
        if (cv != null) cv.suspend();
        try {
            act.snapshots.startMerge(o.id());
            act.snapshots.reconcile(known, act::rawTable);
        } finally {
            if (cv != null) {
                cv.resume(null, false);
                act.active.get(vg).remove(seg.cowStore());
                act.listener.hidden(vg, seg.cowStore());
            }
            ov.resume(null, false);
        }
        return act.snapshots.origin(o.id());
    }
}
