package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.ThinPoolSegment;
import ulvm.model.ThinSegment;
import ulvm.model.Vg;
import ulvm.segtype.ThinPoolType;
import ulvm.segtype.ThinType;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvconvert --merge VG/THINSNAP as LVM2 2.03.16's _lvconvert_merge_thin_snapshot: the snapshot and an active origin
 * are deactivated and the snapshot takes the origin's place at once (thin_merge_finish); when either is open the merge
 * waits (init_snapshot_merge: the snapshot's segment gets {@code merge = "ORIGIN"} and the snapshot is hidden) and is
 * finished at the origin's next activation ({@link #finishPending}).
 */
public final class ThinMerge {
    private final Session s;

    public ThinMerge(Session s) { this.s = s; }

    public void merge(String vgName, String snapName) throws LvmException {
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, vgName);
            Vg vg = vc.vg();
            Lv snap = vg.lv(snapName).orElseThrow(() -> new LvmException("Failed to find logical volume \"" + vgName + "/" + snapName + "\""));
            ThinSegment t = ThinType.of(snap);
            if (t == null || t.origin() == null) throw new LvmException(vgName + "/" + snapName + " is not a mergeable logical volume.");
            Lv origin = vg.lv(t.origin()).orElseThrow();
            String merging = mergingInto(vg, origin.name());
            if (merging != null)
                throw new LvmException("Cannot merge snapshot " + vgName + "/" + snapName + " into the origin " + vgName + "/" + origin.name()
                        + " with merging snapshot " + vgName + "/" + merging + ".");
            boolean originActive = s.hooks().isActive(vgName, origin.name());
            String delay = s.hooks().isOpen(vgName, snapName) ? "Delaying merge since snapshot is open."
                    : originActive && s.hooks().isOpen(vgName, origin.name()) ? "Delaying merge since origin volume is open." : null;
            if (delay != null) {
                s.say(delay);
                ThinSegment marked = new ThinSegment(t.start(), t.count(), t.pool(), t.transactionId(), t.deviceId(), t.origin(), t.externalOrigin(), origin.name());
                s.commit(vc, vg.withLv(snap.withStatusFlag("VISIBLE", false).withSegments(List.of(marked))));
                s.say("Merging of thin snapshot " + vgName + "/" + snapName + " will occur on next activation of " + vgName + "/" + origin.name() + ".");
                return;
            }
            activate(vg, snapName, false);
            if (originActive) activate(vg, origin.name(), false);
            Vg done = finish(vc, vg, snap, origin);
            s.say("Volume " + vgName + "/" + snapName + " replaced origin " + vgName + "/" + origin.name() + ".");
            if (originActive) activate(new VgCopies(done, vc.devices(), List.of()).vgWithPaths(), origin.name(), true);
        }
    }

    /** The thin snapshot whose merge into {@code origin} waits (its segment's merge key), or null. */
    public static String mergingInto(Vg vg, String origin) {
        for (Lv l : vg.lvs()) {
            ThinSegment t = ThinType.of(l);
            if (t != null && origin.equals(t.merge())) return l.name();
        }
        return null;
    }

    /**
     * Before {@code origin} is activated: a merge waiting for it is finished (lvconvert_merge_finish, with its line);
     * returns the VG as committed then, or {@code vg} when nothing waits.
     */
    public Vg finishPending(VgCopies vc, Vg vg, String origin) throws LvmException {
        String snap = mergingInto(vg, origin);
        if (snap == null) return vg;
        s.say("Merge of snapshot into logical volume " + vg.name() + "/" + origin + " has finished.");
        return finish(vc, vg, vg.lv(snap).orElseThrow(), vg.lv(origin).orElseThrow());
    }

    /**
     * ulvm mount's start-up, before it activates what it finds: the merges waiting for an origin the mount activates
     * (visible, without the activation skip flag) are finished, as LVM2 finishes them at the origin's next activation.
     * {@code refusal} names the VGs the mount leaves alone. A VG that cannot be written keeps its merges waiting: its
     * error is returned, one line each.
     */
    public List<String> finishAtStartup(Scan scan, java.util.function.Function<Vg, String> refusal) {
        List<String> problems = new ArrayList<>();
        for (VgCopies found : scan.vgs().values()) {
            if (refusal.apply(found.vg()) != null || startupOrigins(found.vg()).isEmpty()) continue;
            try {
                VgCopies vc = s.writableVg(scan, found.vg().name());
                Vg vg = vc.vg();
                for (String origin : startupOrigins(vg)) {
                    vg = finishPending(vc, vg, origin);
                    vc = new VgCopies(vg, vc.devices(), List.of());
                }
            } catch (LvmException e) {
                problems.add(found.vg().name() + ": thin snapshot merge left waiting: " + e.getMessage());
            }
        }
        return problems;
    }

    /** Whether some VG of {@code scan} has a merge the mount's start-up finishes. */
    public static boolean waitingAtStartup(Scan scan) {
        for (VgCopies vc : scan.vgs().values()) if (!startupOrigins(vc.vg()).isEmpty()) return true;
        return false;
    }

    private static List<String> startupOrigins(Vg vg) {
        List<String> out = new ArrayList<>();
        for (Lv l : vg.lvs())
            if (l.visible() && !l.flags().contains("ACTIVATION_SKIP") && mergingInto(vg, l.name()) != null) out.add(l.name());
        return out;
    }

    private void activate(Vg vg, String lv, boolean on) throws LvmException {
        try {
            if (on || s.hooks().isActive(vg.name(), lv)) s.hooks().activate(vg, Set.of(lv), on);
        } catch (java.io.IOException e) {
            throw new LvmException("Activation of " + vg.name() + " failed: " + e.getMessage());
        }
    }

    /**
     * thin_merge_finish: the snapshot takes the origin's place (its name, id, status, flags and tags); the origin goes
     * as a thin LV removal does (its device deleted by a pool message). Returns the committed VG.
     */
    private Vg finish(VgCopies vc, Vg vg, Lv snap, Lv origin) throws LvmException {
        ThinSegment t = ThinType.of(snap);
        Vg next = ThinMessages.detach(vg, origin).withoutLv(origin.name());
        ThinSegment merged = new ThinSegment(t.start(), t.count(), t.pool(), t.transactionId(), t.deviceId(), null, t.externalOrigin(), null);
        Lv replaced = new Lv(origin.name(), origin.id(), origin.status(), origin.flags(), origin.tags(), origin.creationTime(), origin.creationHost(),
                origin.allocationPolicy(), origin.extras(), List.of(merged));
        List<Lv> lvs = new ArrayList<>();
        for (Lv l : next.lvs()) {
            if (l.name().equals(snap.name())) lvs.add(replaced);
            else {
                ThinSegment ts = ThinType.of(l);
                // other snapshots of the old origin keep no origin, as after its removal
                lvs.add(ts != null && origin.name().equals(ts.origin())
                        ? l.withSegments(List.of(new ThinSegment(ts.start(), ts.count(), ts.pool(), ts.transactionId(), ts.deviceId(), null, ts.externalOrigin(), ts.merge())))
                        : l);
            }
        }
        next = next.withLvs(lvs);
        // a queued create of the snapshot now names it by the origin's name
        Lv poolLv = next.lv(t.pool()).orElseThrow();
        ThinPoolSegment p = ThinPoolType.of(poolLv);
        List<ThinPoolSegment.Message> msgs = new ArrayList<>();
        for (ThinPoolSegment.Message m : p.messages()) msgs.add(snap.name().equals(m.create()) ? ThinPoolSegment.Message.creating(origin.name()) : m);
        next = next.withLv(poolLv.withSegments(List.of(p.withMessages(msgs, p.transactionId()))));
        Vg done = s.commit(vc, next);
        ThinMessages.deliver(s, vc, done, t.pool());
        return done;
    }
}
