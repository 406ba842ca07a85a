package ulvm.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import ulvm.io.Devices;
import ulvm.mapping.DeviceMap;
import ulvm.mapping.LvTable;
import ulvm.mapping.MoveLock;
import ulvm.mapping.MoveLocks;
import ulvm.move.MoveCopier;
import ulvm.mapping.TableBuilder;
import ulvm.model.Lv;
import ulvm.model.Vg;
import ulvm.raid.Raid1Array;
import ulvm.raid.RaidSettings;
import ulvm.raid.RaidStatus;
import ulvm.model.SnapshotSegment;
import ulvm.snapshot.SnapshotLvs;
import ulvm.snapshot.SnapshotOrigin;
import ulvm.snapshot.SnapshotStatus;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * The daemon's active volumes: which LVs are active, their live tables, and the image files they run on
 * (kept open for the daemon's life). Metadata changes arrive as suspend / committed / aborted.
 */
public final class Activation implements AutoCloseable {
    /** Told when an LV file should appear (or change size) and disappear. */
    public interface Listener {
        void shown(String vg, String lv, LiveVolume v);

        void hidden(String vg, String lv);

        /** The VG was renamed or removed: its directory goes too. */
        default void vgGone(String vg) { }

        /** A leg of raid LV "VG/LV" failed and the array runs degraded (lvm.conf's raid_fault_policy may repair it). */
        default void legFailed(String vgLv) { }
    }

    final Listener listener;
    final Consumer<String> messages;
    final Map<String, Map<String, LiveVolume>> active = new LinkedHashMap<>();
    final Map<String, Vg> vgs = new HashMap<>();
    final List<LiveVolume> suspended = new ArrayList<>();
    final MoveLocks moveLocks = new MoveLocks();
    /** The image files the active LVs run on. */
    final ImageFiles files;
    /** Running raid1 arrays by LV id: they outlive table swaps. */
    final RunningArrays arrays;
    /** Running snapshot origins and COW stores: they outlive table swaps. */
    final RunningSnapshots snapshots = new RunningSnapshots();
    /** Running thin pools by pool LV id: opened with their first thin LV, closed with their last. */
    final RunningPools pools;
    private final LiveSwitch change = new LiveSwitch(this);
    private final LiveStatus status = new LiveStatus(this);
    /** LVs activated with --activationmode partial: their extents on missing PVs fail every I/O. */
    private final Set<String> partialIds = new java.util.HashSet<>();

    public Activation(Listener listener) { this(listener, m -> { }, RaidSettings.defaults()); }

    /** {@code messages}: lines for the daemon log (a merge or resync finished, a leg failed). Images are plain files. */
    public Activation(Listener listener, Consumer<String> messages, RaidSettings raid) { this(listener, messages, raid, Devices.FILES); }

    /** As above, the PV images opened through {@code images}. */
    public Activation(Listener listener, Consumer<String> messages, RaidSettings raid, Devices.Opener images) {
        this.listener = listener;
        this.files = new ImageFiles(images, moveLocks);
        this.arrays = new RunningArrays(messages, raid);
        this.pools = new RunningPools(messages);
        arrays.onLegFailure(listener::legFailed);
        this.messages = messages;
    }

    /** LVs shown as files: visible, not internal. */
    static boolean shown(Vg vg, Lv lv) {
        return !lv.hasStatus("PVMOVE") && ulvm.segtype.SnapshotType.visible(vg, lv) && ulvm.segtype.ThinPoolType.of(lv) == null;
    }

    /** A thin pool's data or metadata LV: shown read-only when named alone (LVM2's component activation). */
    static boolean component(Vg vg, Lv lv) { return ulvm.segtype.ThinPoolType.owner(vg, lv.name()) != null; }

    /**
     * The copier's side of a running move's lock (see {@link MoveLock}): held around each chunk's copy, it makes
     * writes to that chunk wait (writes to the rest of the move go on). The lock object is the one the live tables of the VG use.
     */
    public MoveCopier.ChunkLock chunkLock(String vg, String pvmoveLvId) {
        MoveLock l = moveLocks.of(vg, pvmoveLvId);
        return (pvmove, le, count) -> {
            long eb;
            synchronized (this) {
                Vg known = vgs.get(vg);
                eb = known == null ? 0 : known.extentBytes();
            }
            if (eb == 0) return l.copy(0, Long.MAX_VALUE); // not active here: the whole move
            return l.copy(le * eb, (le + count) * eb);
        };
    }

    /** As LVM2 (de)activates them: an origin with its snapshots, a snapshot with its origin and siblings. */
    private static Set<String> family(Vg vg, Set<String> only) {
        if (only == null) return null;
        Set<String> out = new java.util.LinkedHashSet<>(only);
        for (String n : only) {
            SnapshotSegment cow = SnapshotLvs.ofCow(vg, n).orElse(null);
            String origin = cow != null ? cow.origin() : n;
            List<SnapshotSegment> snaps = SnapshotLvs.of(vg, origin);
            if (snaps.isEmpty()) continue;
            out.add(origin);
            for (SnapshotSegment sn : snaps) out.add(sn.cowStore());
        }
        return out;
    }

    /** The LV's own mapping (no snapshot in front). */
    LvTable rawTable(Vg vg, Lv lv) throws IOException {
        DeviceMap devs = files.devices(vg, partialIds.contains(lv.id()) && !Raid1Array.handles(lv));
        return TableBuilder.build(vg, lv, devs, (v, l, s) -> ulvm.segtype.ThinType.view(s) != null ? pools.target(v, l, ulvm.segtype.ThinType.view(s), devs)
                : s.type().equals("raid1") ? arrays.target(v, l, devs) : arrays.levelTarget(v, l, s, devs));
    }

    /** The live table: a COW LV shows its snapshot, an origin copies to its snapshots before it is written. */
    LvTable table(Vg vg, Lv lv) throws IOException {
        return snapshots.table(vg, lv, rawTable(vg, lv));
    }

    /** Brings the running snapshots in line with {@code vg}; failures leave the origins concerned inactive. */
    void reconcileSnapshots(Vg vg, Consumer<String> problems) {
        try {
            snapshots.reconcile(vg, this::rawTable);
        } catch (IOException e) {
            problems.accept("VG " + vg.name() + ": snapshot: " + e.getMessage());
        }
    }

    /** A COW LV whose snapshot merges (metadata): hidden once the merge runs, not shown at activation. */
    static boolean mergingCow(Vg vg, Lv lv) {
        return SnapshotLvs.ofCow(vg, lv.name()).map(s -> s.merging()).orElse(false);
    }

    /**
     * vgchange -ay of every VG of the scan in the default activation mode (degraded): LVs with extents on missing
     * PVs stay inactive unless they are raid1 with a whole image; returns LVM2's refusals and what failed.
     */
    public synchronized List<String> activateAll(Scan scan) { return activateAll(scan, vg -> null); }

    /** As {@link #activateAll(Scan)}, leaving inactive the VGs LVM2 would not touch ({@code refusal} says why; null: none). */
    public synchronized List<String> activateAll(Scan scan, java.util.function.Function<Vg, String> refusal) {
        List<String> problems = new ArrayList<>();
        for (VgCopies vc : scan.vgs().values()) {
            String refused = refusal.apply(vc.vg());
            if (refused != null) {
                problems.add(inactiveWarning(vc.vg().name(), refused));
                continue;
            }
            Vg vg = vc.vgWithPaths();
            Set<String> missing = ActivationMode.missingPvs(vg);
            Set<String> allowed = new java.util.LinkedHashSet<>();
            for (Lv lv : vg.lvs()) {
                if (!shown(vg, lv)) continue;
                String no = ActivationMode.DEGRADED.refusal(vg, lv, missing);
                if (no == null) allowed.add(lv.name());
                else problems.add(no);
            }
            try {
                activateVg(vg, missing.isEmpty() ? null : allowed);
            } catch (IOException e) {
                problems.add("VG " + vc.vg().name() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** The mount's line for a VG it leaves inactive. */
    public static String inactiveWarning(String vg, String why) { return "WARNING: VG " + vg + " left inactive: " + why; }

    /** Activates the LVs of a VG ({@code only} null for all shown LVs). */
    public synchronized void activateVg(Vg vg, Set<String> only) throws IOException { activateVg(vg, only, false); }

    /**
     * As {@link #activateVg(Vg, Set)}; {@code partialMode} (--activationmode partial): LVs with extents on missing
     * PVs are activated too, those extents failing every I/O (raid1 legs there run failed).
     */
    public synchronized void activateVg(Vg vg, Set<String> only, boolean partialMode) throws IOException {
        if (partialMode) {
            Set<String> missing = ActivationMode.missingPvs(vg);
            for (Lv lv : vg.lvs())
                if ((only == null || only.contains(lv.name())) && ActivationMode.partial(vg, lv, missing)) partialIds.add(lv.id());
        }
        only = family(vg, only);
        vgs.put(vg.name(), vg);
        reconcileSnapshots(vg, messages);
        Map<String, LiveVolume> m = active.computeIfAbsent(vg.name(), k -> new LinkedHashMap<>());
        if (only != null) activateNamedPoolsAndComponents(vg, only, m);
        Set<String> failedPools = only == null ? activatePools(vg) : Set.of();
        for (Lv lv : vg.lvs()) {
            if (!shown(vg, lv) || m.containsKey(lv.name()) || (only != null && !only.contains(lv.name()))) continue;
            if (only == null && lv.flags().contains("ACTIVATION_SKIP")) continue; // a whole VG leaves them out (lvchange -k y; -K names them)
            ulvm.model.ThinSegment thin = ulvm.segtype.ThinType.of(lv);
            if (thin != null && failedPools.contains(thin.pool())) continue; // its pool said why already
            LiveVolume v;
            try {
                v = new LiveVolume(table(vg, lv), !lv.writable());
            } catch (IOException e) {
                arrays.abandon(lv.id());
                continue; // e.g. on a missing PV: stays inactive
            }
            m.put(lv.name(), v);
            listener.shown(vg.name(), lv.name(), v);
        }
    }

    /**
     * A whole VG's activation (vgchange -ay, the mount's start) activates its thin pools too, as LVM2's
     * _activate_lvs_in_vg does: each runs on its own until deactivated by name or with the VG. Returns the pools that
     * could not be opened (their metadata failed thin_check, a PV is missing): they stay inactive.
     */
    private Set<String> activatePools(Vg vg) {
        Set<String> failed = new java.util.HashSet<>();
        for (Lv lv : vg.lvs()) {
            if (ulvm.segtype.ThinPoolType.of(lv) == null || lv.flags().contains("ACTIVATION_SKIP")) continue;
            try {
                pools.openAlone(vg, lv, files.devices(vg, false));
            } catch (IOException e) {
                failed.add(lv.name());
            }
        }
        return failed;
    }

    /**
     * Named LVs of thin pools: a pool runs on its own (lvchange -ay VG/POOL, no file shows it); a pool's data or
     * metadata LV is shown read-only (LVM2's component activation), so thin_check can read MNT/VG/POOL_tmeta.
     */
    private void activateNamedPoolsAndComponents(Vg vg, Set<String> only, Map<String, LiveVolume> m) throws IOException {
        for (String n : only) {
            Lv lv = vg.lv(n).orElse(null);
            if (lv == null || m.containsKey(n)) continue;
            if (ulvm.segtype.ThinPoolType.of(lv) != null) {
                pools.openAlone(vg, lv, files.devices(vg, false));
            } else if (component(vg, lv)) {
                LiveVolume v = new LiveVolume(rawTable(vg, lv), true);
                m.put(n, v);
                listener.shown(vg.name(), n, v);
            }
        }
    }

    public synchronized void deactivate(String vg, Set<String> only) {
        Map<String, LiveVolume> m = active.get(vg);
        if (m == null) return;
        for (RunningPools.Pool p : pools.all())
            if (p.vg().equals(vg) && (only == null || only.contains(p.name()))) pools.deactivateAlone(vg, p.name());
        if (vgs.containsKey(vg)) only = family(vgs.get(vg), only);
        for (String lv : new ArrayList<>(m.keySet())) {
            if (only != null && !only.contains(lv)) continue;
            m.remove(lv);
            listener.hidden(vg, lv);
            Vg known = vgs.get(vg);
            if (known != null) known.lv(lv).ifPresent(l -> {
                arrays.close(l.id());
                partialIds.remove(l.id());
            });
        }
        if (vgs.containsKey(vg)) pools.release(vgs.get(vg), m.keySet());
        if (m.isEmpty() && only == null) active.remove(vg);
    }

    /** Whether thin pool {@code vg/pool} runs activated itself, not only for its thin LVs. */
    public synchronized boolean isPoolActivated(String vg, String pool) { return pools.activatedAlone(vg, pool); }

    /** Thin pools of {@code vg} activated themselves (lvchange -ay VG/POOL, vgchange -ay): LVs without a file that count as active. */
    public synchronized int poolsActivated(String vg) { return pools.activatedAlone(vg); }

    /** Whether the LV has a live mapping: a file, or a thin pool running for its thin LVs. */
    public synchronized boolean isActive(String vg, String lv) {
        Map<String, LiveVolume> m = active.get(vg);
        return m != null && m.containsKey(lv) || pools.get(vg, lv) != null;
    }

    public synchronized boolean vgActive(String vg) { return active.containsKey(vg); }

    public synchronized LiveVolume volume(String vg, String lv) {
        Map<String, LiveVolume> m = active.get(vg);
        return m == null ? null : m.get(lv);
    }

    /** Suspend: every active LV of the VG that the new metadata changes ({@link LiveSwitch#suspend}). */
    public synchronized void suspend(Vg next, VgCopies before) { change.suspend(next, before); }

    /** After a commit: new tables, files and resume; failures thrown once every LV has resumed ({@link LiveSwitch#committed}). */
    public synchronized void committed(Vg vg, VgCopies before) throws IOException { change.committed(vg, before); }

    /** The commit failed: the suspended LVs resume on their old tables. */
    public synchronized void aborted() { change.aborted(); }

    /** The VG is gone with its rmeta LVs: its arrays stop without writing. */
    public synchronized void removedVg(String vg) {
        Vg known = vgs.get(vg);
        if (known != null) for (Lv l : known.lvs()) arrays.abandon(l.id());
        if (known != null) snapshots.forget(known);
        pools.forget(vg);
        deactivate(vg, null);
        vgs.remove(vg);
        listener.vgGone(vg);
    }

    /** The state of an active snapshot named by its COW LV, or null ({@link LiveStatus#snapshotStatus}). */
    public synchronized SnapshotStatus snapshotStatus(String vg, String cowLv) { return status.snapshotStatus(vg, cowLv); }

    /** Starts the merge of the snapshot merging into {@code origin}, or null ({@link LiveSwitch#startMerge}). */
    public synchronized SnapshotOrigin startMerge(String vg, String origin) throws IOException { return change.startMerge(vg, origin); }

    /** The COW LV of the snapshot merging into {@code origin} (metadata), or null. */
    public synchronized String mergingCow(String vg, String origin) {
        Vg known = vgs.get(vg);
        return known == null ? null : SnapshotLvs.merging(known, origin).map(SnapshotSegment::cowStore).orElse(null);
    }

    /** The running state of an origin whose merge runs, or null. */
    public synchronized SnapshotOrigin mergingOrigin(String vg, String origin) { return status.mergingOrigin(vg, origin); }

    /** The running state of an active raid1 LV, or null. */
    public synchronized RaidStatus raidStatus(String vg, String lv) { return status.raidStatus(vg, lv); }

    /** Starts lvchange --syncaction check|repair on an active raid1 LV; false when it is not active. */
    public synchronized boolean syncAction(String vg, String lv, String action) { return status.syncAction(vg, lv, action); }

    /** lvchange --refresh of an active LV: a raid1 LV's failed legs whose devices work again come back. */
    public synchronized void refresh(String vg, String lv) throws IOException { status.refresh(vg, lv); }

    /** The running array of an active raid1 LV, or null. */
    public synchronized Raid1Array array(String vg, String lv) { return status.array(vg, lv); }

    /**
     * Where the daemon's commands send thin pool messages: a running pool took them at the commit that queued them
     * ({@link RunningPools#committed}), so they are checked here, and the VG is then written without them.
     */
    public ulvm.thin.PoolMessages poolMessages() {
        return new ulvm.thin.PoolMessages() {
            @Override public boolean reachable(String vg, String pool) {
                synchronized (Activation.this) {
                    return pools.get(vg, pool) != null;
                }
            }

            private PoolMetadataView meta(String vg, String pool) throws IOException {
                synchronized (Activation.this) {
                    RunningPools.Pool p = pools.get(vg, pool);
                    if (p == null) throw new IOException("thin pool " + vg + "/" + pool + " is not active");
                    return new PoolMetadataView(p.meta());
                }
            }

            @Override public void createThin(String vg, String pool, long id) throws IOException { meta(vg, pool).has(id, true); }

            @Override public void createSnap(String vg, String pool, long id, long origin) throws IOException { meta(vg, pool).has(id, true); }

            @Override public void delete(String vg, String pool, long id) throws IOException { meta(vg, pool).has(id, false); }

            @Override public void setTransactionId(String vg, String pool, long from, long to) throws IOException {
                long now = meta(vg, pool).meta.transactionId();
                if (now != to) {
                    throw new IOException("Thin pool " + vg + "-" + pool + "-tpool transaction_id is " + now
                            + " and does not match expected  " + to + ".");
                }
            }
        };
    }

    private record PoolMetadataView(ulvm.thin.meta.PoolMetadata meta) {
        void has(long id, boolean present) throws IOException {
            if ((meta.details(id) != null) != present)
                throw new IOException("thin device " + id + (present ? " was not created" : " was not deleted"));
        }
    }

    /** The running thin pools, as "VG/POOL". */
    public synchronized List<String> runningPools() {
        return pools.all().stream().map(p -> p.vg() + "/" + p.name()).toList();
    }

    /** The metadata profile VG/LV names, else its VG's (LVM2's lv_config_profile); null: none, or not known here. */
    public synchronized String metadataProfile(String vg, String lv) {
        Vg known = vgs.get(vg);
        if (known == null) return null;
        Lv l = known.lv(lv).orElse(null);
        String p = l == null ? null : ulvm.config.LvmConfig.profileOf(l.extras());
        return p != null ? p : known.setting("profile");
    }

    /** What an active pool or thin LV uses (lvs' Data% and Meta%), or null when it is not active. */
    public synchronized ulvm.thin.ThinUsage thinUsage(String vg, String lv) {
        Vg known = vgs.get(vg);
        Lv l = known == null ? null : known.lv(lv).orElse(null);
        if (l == null) return null;
        RunningPools.Pool p = pools.get(vg, lv);
        if (p != null) {
            return new ulvm.thin.ThinUsage(p.meta().usedDataBlocks(), p.meta().nrDataBlocks(), 
                    p.meta().usedMetadataBlocks() + p.meta().reservedMetadataBlocks(), p.meta().nrMetadataBlocks()); // dm-thin counts its reserve as used
        }
        ulvm.model.ThinSegment t = ulvm.segtype.ThinType.of(l);
        if (t == null || !isActive(vg, lv) || (p = pools.get(vg, t.pool())) == null) return null;
        ulvm.thin.meta.DeviceDetails d = p.meta().details(t.deviceId());
        if (d == null) return null;
        return new ulvm.thin.ThinUsage(d.mappedBlocks(), l.extents() * known.extentBytes() / p.io().blockBytes(), 0, 0);
    }

    @Override
    public synchronized void close() {
        pools.closeAll();
        arrays.closeAll();
        files.close();
    }
}
