package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.ThinSegment;
import ulvm.model.Vg;
import ulvm.segtype.ThinPoolType;
import ulvm.segtype.ThinType;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvremove of thin LVs and pools (LVM2 2.03.16's lv_manip.c lv_remove_with_dependencies, lv_remove_single,
 * pool_manip.c detach_pool_lv): a thin LV queues the delete of its device on its pool; a pool with thin LVs asks
 * first, then removes them before itself; the last pool takes the metadata spare with it.
 */
final class ThinRemove {
    private final Session s;

    ThinRemove(Session s) { this.s = s; }

    static boolean handles(Lv lv) { return ThinType.of(lv) != null || ThinPoolType.of(lv) != null; }

    /**
     * lvremove of a pool's hidden LVs, named: its data or metadata LV is refused; the metadata spare goes quietly
     * (LVM2 names the hidden LVs it is given). False for any other LV.
     */
    boolean hidden(Scan scan, VgCopies vc, Lv lv) throws LvmException {
        Vg vg = vc.vg();
        if (ThinPoolType.owner(vg, lv.name()) != null)
            throw new LvmException("Can't remove logical volume " + vg.name() + "/" + lv.name() + " used by a pool.");
        if (!ThinPoolType.isSpare(lv)) return false;
        Vg done = s.commit(vc, vg.withoutLv(lv.name()));
        scan.vgs().put(vg.name(), new VgCopies(done, vc.devices(), List.of(), vc.reappeared()));
        return true;
    }

    void remove(Scan scan, VgCopies vc, Lv lv, boolean force) throws LvmException {
        Vg vg = vc.vg();
        List<Lv> thins = ThinType.of(lv) != null ? List.of(lv) : ThinPoolType.thins(vg, lv.name());
        if (ThinPoolType.of(lv) != null && !thins.isEmpty() && !force
                && !s.console().ask("Removing pool " + vg.name() + "/" + lv.name() + " will remove " + thins.size() + " dependent volume(s). Proceed? [y/n]: ")) {
            throw new LvmException("Logical volume " + vg.name() + "/" + lv.name() + " not removed.");
        }
        List<Lv> gone = new ArrayList<>(thins);
        Vg next = vg;
        Lv poolLv = ThinPoolType.of(lv) != null ? lv : vg.lv(ThinType.of(lv).pool()).orElse(null);
        if (poolLv != null) next = next.withLv(poolLv.withSegments(List.of(ThinDelivered.prune(vc, vg, ThinPoolType.of(poolLv)))));
        for (Lv t : thins) {
            next = ThinMessages.detach(next, t).withoutLv(t.name());
            // a thin snapshot outlives its origin, without the origin
            for (Lv l : next.lvs()) {
                ThinSegment ts = ThinType.of(l);
                if (ts != null && t.name().equals(ts.origin()))
                    next = next.withLv(l.withSegments(List.of(new ThinSegment(ts.start(), ts.count(), ts.pool(), ts.transactionId(), ts.deviceId(), null,
                            ts.externalOrigin(), ts.merge()))));
            }
        }
        List<String> reported = new ArrayList<>();
        for (Lv t : thins) reported.add(t.name());
        if (ThinPoolType.of(lv) != null) {
            gone.add(lv);
            List<Lv> subs = new ArrayList<>();
            LvOps.collectSubLvs(vg, lv, subs);
            gone.addAll(subs);
            next = next.withoutLv(lv.name());
            for (Lv sub : subs) next = next.withoutLv(sub.name());
            boolean lastPool = next.lvs().stream().noneMatch(l -> ThinPoolType.of(l) != null);
            Lv spare = ThinPoolType.spare(next);
            if (lastPool && spare != null) next = next.withoutLv(spare.name());
            reported.add(lv.name());
        }
        LvOps.checkNotInUse(s, vg, gone);
        Vg done = s.commit(vc, next);
        if (ThinType.of(lv) != null) done = ThinMessages.deliver(s, vc, done, ThinType.of(lv).pool());
        scan.vgs().put(vg.name(), new VgCopies(done, vc.devices(), List.of(), vc.reappeared()));
        for (String n : reported) s.say("Logical volume \"" + n + "\" successfully removed.");
    }
}
