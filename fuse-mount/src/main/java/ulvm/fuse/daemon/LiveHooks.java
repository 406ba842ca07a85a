package ulvm.fuse.daemon;

import java.io.IOException;
import java.util.Set;
import ulvm.fuse.VolumeFiles;
import ulvm.live.Activation;
import ulvm.model.Vg;
import ulvm.ops.Session;
import ulvm.ops.SnapshotMerge;
import ulvm.store.VgCopies;

/** Connects commands run by the daemon to the live volumes: suspend/commit/resume, activation, open files. */
final class LiveHooks implements Session.LiveHooks, SnapshotMerge.Live {
    private final Activation activation;
    private final VolumeFiles fs;
    private volatile BackgroundMoves moves;
    private volatile BackgroundMerges merges;
    /** The LVs served over NBD, or null when the mount serves none. */
    private volatile ulvm.fuse.nbd.LiveExports nbd;

    /** Null without --dev-links. */
    private final DevLinks devLinks;

    LiveHooks(Activation activation, VolumeFiles fs, DevLinks devLinks) {
        this.activation = activation;
        this.fs = fs;
        this.devLinks = devLinks;
    }

    @Override
    public void suspend(Vg next, VgCopies before) {
        if (devLinks != null) devLinks.freeze(next.name(), newSnapshotOrigins(next, before)); // thawed at resume, as LVM2's lockfs
        activation.suspend(next, before);
    }

    @Override
    public void committed(Vg vg, VgCopies before) throws IOException {
        try {
            activation.committed(vg, before);
        } finally { // committed either way: the movers follow the new metadata
            thaw();
            BackgroundMoves m = moves;
            if (m != null) m.committed(vg);
        }
    }

    @Override
    public void aborted(Vg next, VgCopies before) {
        try {
            activation.aborted();
        } finally {
            thaw();
        }
    }

    /** The origins of the snapshots {@code next} creates (their file systems are frozen while the snapshot is taken). */
    private static Set<String> newSnapshotOrigins(Vg next, VgCopies before) {
        Set<String> had = new java.util.HashSet<>(), origins = new java.util.HashSet<>();
        if (before != null) for (var lv : before.vg().lvs()) for (var seg : lv.segments())
            if (seg instanceof ulvm.model.SnapshotSegment s) had.add(s.cowStore());
        for (var lv : next.lvs()) for (var seg : lv.segments())
            if (seg instanceof ulvm.model.SnapshotSegment s && !had.contains(s.cowStore())) origins.add(s.origin());
        return origins;
    }

    private void thaw() {
        if (devLinks != null) devLinks.thaw();
    }

    @Override public void removed(VgCopies vg) { activation.removedVg(vg.vg().name()); }

    /** Open as a file of the mount (with --dev-links: its loop device held, our own handle not counting), or by an NBD client. */
    @Override
    public boolean isOpen(String vg, String lv) {
        ulvm.fuse.nbd.LiveExports n = nbd;
        if (n != null && n.isOpen(vg, lv)) return true;
        return devLinks == null ? fs.isOpen(vg, lv) : devLinks.isOpen(vg, lv, fs.openCount(vg, lv));
    }

    void nbd(ulvm.fuse.nbd.LiveExports exports) { nbd = exports; }

    /** What the mount serves over NBD, or null (no --nbd). */
    ulvm.fuse.nbd.LiveExports nbd() { return nbd; }

    @Override
    public String blockDevice(String vg, String lv) {
        if (devLinks == null) return null;
        devLinks.await(); // the loop follows the LV's new size first
        return devLinks.device(vg, lv);
    }

    @Override public boolean isActive(String vg, String lv) { return activation.isActive(vg, lv); }

    @Override public boolean isPoolActivated(String vg, String pool) { return activation.isPoolActivated(vg, pool); }

    @Override public ulvm.thin.PoolMessages poolMessages() { return activation.poolMessages(); }

    @Override public ulvm.thin.ThinUsage thinUsage(String vg, String lv) { return activation.thinUsage(vg, lv); }

    @Override
    public boolean activate(Vg vg, Set<String> lvs, boolean on) throws IOException { return activate(vg, lvs, on, false); }

    @Override
    public boolean activate(Vg vg, Set<String> lvs, boolean on, boolean partial) throws IOException {
        if (on) activation.activateVg(vg, lvs, partial);
        else activation.deactivate(vg.name(), lvs);
        return true;
    }

    void merges(BackgroundMerges m) { merges = m; }

    @Override public ulvm.snapshot.SnapshotStatus snapshotStatus(String vg, String cow) { return activation.snapshotStatus(vg, cow); }

    @Override
    public ulvm.snapshot.SnapshotOrigin startMerge(String vg, String origin) throws IOException { return activation.startMerge(vg, origin); }

    @Override
    public void mergeLater(String vg, String origin) {
        BackgroundMerges m = merges;
        if (m != null) m.later(vg, origin);
    }

    @Override public ulvm.raid.RaidStatus raidStatus(String vg, String lv) { return activation.raidStatus(vg, lv); }

    @Override public boolean syncAction(String vg, String lv, String action) { return activation.syncAction(vg, lv, action); }

    @Override public void refresh(String vg, String lv) throws IOException { activation.refresh(vg, lv); }

    @Override
    public ulvm.move.MoveCopier.ChunkLock chunkLock(String vg, String pvmoveLvId) { return activation.chunkLock(vg, pvmoveLvId); }

    @Override public boolean movesInBackground() { return true; }

    @Override
    public boolean awaitMove(String vg, String pvmoveLv, long intervalSecs, boolean atOnce, Session.MoveWatcher progress) throws IOException {
        BackgroundMoves m = moves;
        return m != null && m.await(vg, pvmoveLv, intervalSecs, atOnce, progress);
    }

    /** The daemon's movers, once started: foreground pvmoves hand their copy to them. */
    void moves(BackgroundMoves m) { moves = m; }

    @Override
    public int activeCount(String vg) {
        int n = 0;
        for (var lv : fs.tree().snapshot().getOrDefault(vg, new java.util.TreeMap<>()).keySet()) n++;
        return n + activation.poolsActivated(vg); // lvs_in_vg_activated: an activated pool counts, though no file shows it
    }
}
