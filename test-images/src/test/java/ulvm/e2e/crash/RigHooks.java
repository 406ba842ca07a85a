package ulvm.e2e.crash;

import java.io.IOException;
import java.util.Set;
import ulvm.live.Activation;
import ulvm.model.Vg;
import ulvm.move.MoveCopier;
import ulvm.ops.Session;
import ulvm.raid.RaidStatus;
import ulvm.snapshot.SnapshotStatus;
import ulvm.store.VgCopies;

/**
 * What the mount daemon's hooks do, minus FUSE: commands swap the live tables of the rig's {@link Activation} (when
 * one runs) and every metadata version a command precommits or commits is told to {@link Versions}.
 */
final class RigHooks implements Session.LiveHooks, ulvm.ops.SnapshotMerge.Live {
    private final Rig rig;

    RigHooks(Rig rig) { this.rig = rig; }

    @Override
    public void suspend(Vg next, VgCopies before) {
        rig.versions.attempted(next);
        Activation a = rig.act;
        if (a != null) a.suspend(next, before);
    }

    @Override
    public void committed(Vg vg, VgCopies before) throws IOException {
        rig.versions.committed(vg);
        Activation a = rig.act;
        if (a != null) a.committed(vg, before);
    }

    @Override
    public void aborted(Vg next, VgCopies before) {
        Activation a = rig.act;
        if (a != null) a.aborted();
    }

    @Override
    public void removed(VgCopies vg) {
        Activation a = rig.act;
        if (a != null) a.removedVg(vg.vg().name());
    }

    @Override public boolean isActive(String vg, String lv) { return rig.act != null && rig.act.isActive(vg, lv); }

    @Override
    public boolean activate(Vg vg, Set<String> lvs, boolean on) throws IOException {
        Activation a = rig.act;
        if (a == null) return false;
        if (on) a.activateVg(vg, lvs);
        else a.deactivate(vg.name(), lvs);
        return true;
    }

    @Override public RaidStatus raidStatus(String vg, String lv) { return rig.act == null ? null : rig.act.raidStatus(vg, lv); }

    @Override public SnapshotStatus snapshotStatus(String vg, String cow) { return rig.act == null ? null : rig.act.snapshotStatus(vg, cow); }

    @Override public boolean syncAction(String vg, String lv, String action) { return rig.act != null && rig.act.syncAction(vg, lv, action); }

    @Override
    public void refresh(String vg, String lv) throws IOException {
        Activation a = rig.act;
        if (a != null) a.refresh(vg, lv);
    }

    /** The daemon's merge start (its background merger's and a foreground lvconvert's). */
    @Override
    public ulvm.snapshot.SnapshotOrigin startMerge(String vg, String origin) throws IOException {
        Activation a = rig.act;
        return a == null ? null : a.startMerge(vg, origin);
    }

    /** A deferred or -b merge: the scenario drives it ({@link Rig#snapshotMerge}), as the daemon's merger would. */
    @Override public void mergeLater(String vg, String origin) { }

    @Override
    public MoveCopier.ChunkLock chunkLock(String vg, String pvmoveLvId) {
        return rig.act == null ? MoveCopier.NO_LOCK : rig.act.chunkLock(vg, pvmoveLvId);
    }
}
