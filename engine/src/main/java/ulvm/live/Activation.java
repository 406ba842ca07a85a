package ulvm.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import ulvm.io.BlockDevice;
import ulvm.io.Devices;
import ulvm.io.MissingDevice;
import ulvm.mapping.DeviceMap;
import ulvm.mapping.FailedTarget;
import ulvm.mapping.LvTable;
import ulvm.mapping.MoveLock;
import ulvm.mapping.MoveLocks;
import ulvm.move.MoveCopier;
import ulvm.mapping.TableBuilder;
import ulvm.model.Lv;
import ulvm.model.Pv;
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
    }

    private final Listener listener;
    private final Devices.Opener images;
    private final Consumer<String> messages;
    private final Map<String, Map<String, LiveVolume>> active = new LinkedHashMap<>();
    private final Map<Path, BlockDevice> files = new HashMap<>();
    private final Map<String, Vg> vgs = new HashMap<>();
    private final List<LiveVolume> suspended = new ArrayList<>();
    private final MoveLocks moveLocks = new MoveLocks();
    /** Running raid1 arrays by LV id: they outlive table swaps. */
    private final RaidArrays arrays;
    /** Running snapshot origins and COW stores: they outlive table swaps. */
    private final Snapshots snapshots = new Snapshots();
    /** LVs activated with --activationmode partial: their extents on missing PVs fail every I/O. */
    private final Set<String> partialIds = new java.util.HashSet<>();

    public Activation(Listener listener) { this(listener, m -> { }, RaidSettings.defaults()); }

    /** {@code messages}: lines for the daemon log (a merge or resync finished, a leg failed). Images are plain files. */
    public Activation(Listener listener, Consumer<String> messages, RaidSettings raid) { this(listener, messages, raid, Devices.FILES); }

    /** As above, the PV images opened through {@code images}. */
    public Activation(Listener listener, Consumer<String> messages, RaidSettings raid, Devices.Opener images) {
        this.listener = listener;
        this.images = images;
        this.arrays = new RaidArrays(messages, raid);
        this.messages = messages;
    }

    /** LVs shown as files: visible, not internal. */
    static boolean shown(Vg vg, Lv lv) {
        if (lv.hasStatus("PVMOVE") || lv.segments().stream().anyMatch(s -> s.type().equals("snapshot"))) return false;
        SnapshotSegment cow = SnapshotLvs.ofCow(vg, lv.name()).orElse(null);
        if (cow == null) return lv.visible();
        // LVM2's lv_is_visible: a COW LV carries no VISIBLE flag; it is shown while its origin is, unless it merges
        return !cow.merging() && vg.lv(cow.origin()).map(Lv::visible).orElse(false);
    }

    private synchronized BlockDevice device(Path p) throws IOException {
        BlockDevice d = files.get(p);
        if (d == null) {
            d = images.open(p, true);
            files.put(p, d);
        }
        return d;
    }

    private DeviceMap devices(Vg vg) throws IOException { return devices(vg, false); }

    /** {@code errors}: missing PVs fail every I/O (an LV activated in partial mode) instead of failing the table. */
    private DeviceMap devices(Vg vg, boolean errors) throws IOException {
        Map<String, BlockDevice> byId = new HashMap<>();
        for (Pv p : vg.pvs()) {
            if (p.device() != null && !p.missingFlag()) byId.put(p.id(), device(Path.of(p.device())));
            else if (errors) byId.put(p.id(), new MissingDevice(ulvm.format.Uuid.withDashes(p.id()), p.devSize() * 512));
        }
        return DeviceMap.of(byId::get, moveLocks);
    }

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
    private LvTable rawTable(Vg vg, Lv lv) throws IOException {
        DeviceMap devs = devices(vg, partialIds.contains(lv.id()) && !Raid1Array.handles(lv));
        return TableBuilder.build(vg, lv, devs, (v, l, s) -> arrays.target(v, l, devs));
    }

    /** The live table: a COW LV shows its snapshot, an origin copies to its snapshots before it is written. */
    private LvTable table(Vg vg, Lv lv) throws IOException {
        return snapshots.table(vg, lv, rawTable(vg, lv));
    }

    /** Brings the running snapshots in line with {@code vg}; failures leave the origins concerned inactive. */
    private void reconcileSnapshots(Vg vg, Consumer<String> problems) {
        try {
            snapshots.reconcile(vg, this::rawTable);
        } catch (IOException e) {
            problems.accept("VG " + vg.name() + ": snapshot: " + e.getMessage());
        }
    }

    /** A COW LV whose snapshot merges (metadata): hidden once the merge runs, not shown at activation. */
    private static boolean mergingCow(Vg vg, Lv lv) {
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
        for (Lv lv : vg.lvs()) {
            if (!shown(vg, lv) || m.containsKey(lv.name()) || (only != null && !only.contains(lv.name()))) continue;
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

    public synchronized void deactivate(String vg, Set<String> only) {
        Map<String, LiveVolume> m = active.get(vg);
        if (m == null) return;
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
        if (m.isEmpty() && only == null) active.remove(vg);
    }

    public synchronized boolean isActive(String vg, String lv) {
        Map<String, LiveVolume> m = active.get(vg);
        return m != null && m.containsKey(lv);
    }

    public synchronized boolean vgActive(String vg) { return active.containsKey(vg); }

    public synchronized LiveVolume volume(String vg, String lv) {
        Map<String, LiveVolume> m = active.get(vg);
        return m == null ? null : m.get(lv);
    }

    /** Suspend: every active LV of the VG that the new metadata changes. */
    public synchronized void suspend(Vg next, VgCopies before) {
        String name = before == null ? next.name() : before.vg().name();
        Map<String, LiveVolume> m = active.get(name);
        if (m == null) return;
        Vg old = before == null ? null : before.vg();
        for (Map.Entry<String, LiveVolume> e : m.entrySet()) {
            Lv was = old == null ? null : old.lv(e.getKey()).orElse(null);
            Lv now = next.lv(e.getKey()).orElse(null);
            if (was == null || now == null || !was.equals(now) || !SubLvs.closure(old, was).equals(SubLvs.closure(next, now))) {
                e.getValue().suspend();
                suspended.add(e.getValue());
                if (was != null) arrays.suspend(was.id());
            }
        }
    }

    /**
     * After a commit: new tables for changed LVs, new files for new LVs, removed files for gone ones; resume. The
     * committed metadata is the truth from here on: an LV whose new table cannot be loaded resumes on an error table
     * (its I/O fails with EIO until it is reactivated), never on its old one, and the failure is thrown once every LV
     * has resumed, with LVM2's words for each such LV.
     */
    public synchronized void committed(Vg vg, VgCopies before) throws IOException {
        String oldName = before == null ? vg.name() : before.vg().name();
        Map<String, LiveVolume> m = active.remove(oldName);
        if (!oldName.equals(vg.name())) {
            if (m != null) for (String lv : m.keySet()) listener.hidden(oldName, lv);
            listener.vgGone(oldName);
        }
        Vg old = before == null ? null : before.vg();
        List<String> failed = new ArrayList<>();
        try {
            if (m == null) {
                // no LV of the VG is active (it was created since the mount, or deactivated): only the LVs this change
                // creates become active, as LVM2's lvcreate activates a new LV whatever its VG's other LVs are
                if (old == null || vg.lvs().stream().noneMatch(lv -> shown(vg, lv) && isNewLv(old, lv))) return;
                m = new LinkedHashMap<>();
            }
            Set<String> wereActive = Set.copyOf(m.keySet());
            String arraysFailed = null;
            try {
                arrays.committed(vg, devices(vg));
            } catch (IOException | RuntimeException e) {
                arraysFailed = "raid1 arrays of VG " + vg.name() + " not updated: " + e.getMessage();
                messages.accept(arraysFailed);
            }
            reconcileSnapshots(vg, messages);
            Map<String, LiveVolume> next = new LinkedHashMap<>();
            for (Map.Entry<String, LiveVolume> e : m.entrySet()) {
                // a snapshot whose merge waits keeps its file until the merge starts (it may be open)
                Lv now = vg.lv(e.getKey()).filter(l -> shown(vg, l) || mergingCow(vg, l)).orElse(null);
                LiveVolume v = e.getValue();
                if (now == null) {
                    if (oldName.equals(vg.name())) listener.hidden(vg.name(), e.getKey());
                    if (suspended.remove(v)) { // a file still open: renamed, it maps the LV's new table; removed, it fails
                        String id = old == null ? null : old.lv(e.getKey()).map(Lv::id).orElse(null);
                        Lv renamed = vg.lvs().stream().filter(l -> l.id().equals(id)).findFirst().orElse(null);
                        v.resume(renamed != null ? newTable(vg, renamed, arraysFailed, failed)
                                : FailedTarget.table(v.size(), "the LV was removed"), v.readOnly());
                    }
                    continue;
                }
                boolean changed = suspended.remove(v);
                if (changed) v.resume(newTable(vg, now, arraysFailed, failed), !now.writable());
                next.put(now.name(), v);
                if (!oldName.equals(vg.name()) || changed) listener.shown(vg.name(), now.name(), v);
            }
            active.put(vg.name(), next);
            vgs.put(vg.name(), vg);
            java.util.Set<String> moving = new java.util.HashSet<>();
            for (Lv lv : vg.lvs()) if (lv.hasStatus("PVMOVE")) moving.add(lv.id());
            moveLocks.retain(vg.name(), moving); // finished or aborted moves' locks go
            // LVs created by this change appear at once (lvcreate in a mounted VG)
            for (Lv lv : vg.lvs()) {
                if (!shown(vg, lv) || next.containsKey(lv.name())) continue;
                String oldLvName = lv.name();
                boolean isNew = isNewLv(old, lv);
                // an active LV renamed shows under its new name (an inactive one stays inactive)
                boolean renamed = !isNew && old.lvs().stream()
                        .anyMatch(o -> o.id().equals(lv.id()) && !o.name().equals(oldLvName) && wereActive.contains(o.name()));
                // a raid image split off with tracking becomes visible: it shows (read-only) at once
                boolean appeared = !isNew && old.lvs().stream().anyMatch(o -> o.id().equals(lv.id()) && !shown(old, o)) && !wereActive.isEmpty();
                if (isNew || renamed || appeared) {
                    LiveVolume v = new LiveVolume(newTable(vg, lv, arraysFailed, failed), !lv.writable());
                    next.put(lv.name(), v);
                    listener.shown(vg.name(), lv.name(), v);
                }
            }
        } finally {
            // whatever is still suspended (an unexpected failure above) resumes failing: its old table is stale
            for (LiveVolume v : suspended) {
                v.resume(FailedTarget.table(v.size(), "the LV's new mapping was not loaded after a commit"), v.readOnly());
                failed.add("Problem reactivating logical volume in VG " + vg.name() + ".");
            }
            suspended.clear();
            arrays.resumeAll();
        }
        if (!failed.isEmpty()) throw new IOException(String.join("\n", failed));
    }

    /** The table of {@code lv} after a commit, or an error table (said in the log, its LVM2 line added to {@code failed}). */
    private LvTable newTable(Vg vg, Lv lv, String arraysFailed, List<String> failed) {
        String why = arraysFailed;
        if (why == null) {
            try {
                return table(vg, lv);
            } catch (IOException | RuntimeException e) {
                why = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        messages.accept(vg.name() + "/" + lv.name() + ": its new mapping cannot be loaded (" + why + "): its I/O fails until it is reactivated");
        failed.add("Problem reactivating logical volume " + vg.name() + "/" + lv.name() + ".");
        return FailedTarget.table(lv.extents() * vg.extentBytes(), why);
    }

    public synchronized void aborted() {
        for (LiveVolume v : suspended) v.resume(null, false);
        suspended.clear();
        arrays.resumeAll();
    }

    /** The VG is gone with its rmeta LVs: its arrays stop without writing. */
    public synchronized void removedVg(String vg) {
        Vg known = vgs.get(vg);
        if (known != null) for (Lv l : known.lvs()) arrays.abandon(l.id());
        if (known != null) snapshots.forget(known);
        deactivate(vg, null);
        vgs.remove(vg);
        listener.vgGone(vg);
    }

    private static boolean isNewLv(Vg old, Lv lv) {
        return old == null || old.lvs().stream().noneMatch(o -> o.id().equals(lv.id()));
    }

    /**
     * The state of an active snapshot named by its COW LV: Data%, valid, merging; null when neither the snapshot nor
     * its merge runs.
     */
    public synchronized SnapshotStatus snapshotStatus(String vg, String cowLv) {
        Vg known = vgs.get(vg);
        if (known == null) return null;
        Lv cow = known.lv(cowLv).orElse(null);
        SnapshotSegment seg = SnapshotLvs.ofCow(known, cowLv).orElse(null);
        if (cow == null || seg == null) return null;
        Lv origin = known.lv(seg.origin()).orElse(null);
        boolean running = origin != null && snapshots.mergeRunning(origin.id());
        if (!running && !isActive(vg, cowLv)) return null;
        return snapshots.status(cow.id(), seg.merging());
    }

    /**
     * Starts the merge of the snapshot merging into {@code origin} (metadata says so): the snapshot's file goes, the
     * origin's I/O is redirected to the chunks not merged yet. Returns the origin's running state for the copy, or
     * null when there is nothing to merge or the origin is not active.
     */
    public synchronized SnapshotOrigin startMerge(String vg, String origin) throws IOException {
        Vg known = vgs.get(vg);
        if (known == null) return null;
        Lv o = known.lv(origin).orElse(null);
        SnapshotSegment seg = o == null ? null : SnapshotLvs.merging(known, origin).orElse(null);
        if (seg == null || !isActive(vg, origin)) return null;
        if (snapshots.mergeRunning(o.id())) return snapshots.origin(o.id());
        LiveVolume ov = volume(vg, origin);
        LiveVolume cv = volume(vg, seg.cowStore());
        ov.suspend();
        if (cv != null) cv.suspend();
        try {
            snapshots.startMerge(o.id());
            snapshots.reconcile(known, this::rawTable);
        } finally {
            if (cv != null) {
                cv.resume(null, false);
                active.get(vg).remove(seg.cowStore());
                listener.hidden(vg, seg.cowStore());
            }
            ov.resume(null, false);
        }
        return snapshots.origin(o.id());
    }

    /** The COW LV of the snapshot merging into {@code origin} (metadata), or null. */
    public synchronized String mergingCow(String vg, String origin) {
        Vg known = vgs.get(vg);
        return known == null ? null : SnapshotLvs.merging(known, origin).map(SnapshotSegment::cowStore).orElse(null);
    }

    /** The running state of an origin whose merge runs, or null. */
    public synchronized SnapshotOrigin mergingOrigin(String vg, String origin) {
        Vg known = vgs.get(vg);
        Lv o = known == null ? null : known.lv(origin).orElse(null);
        return o != null && snapshots.mergeRunning(o.id()) ? snapshots.origin(o.id()) : null;
    }

    /** The running state of an active raid1 LV, or null. */
    public synchronized RaidStatus raidStatus(String vg, String lv) {
        Raid1Array a = array(vg, lv);
        return a == null ? null : a.status();
    }

    /** Starts lvchange --syncaction check|repair on an active raid1 LV; false when it is not active. */
    public synchronized boolean syncAction(String vg, String lv, String action) {
        Raid1Array a = array(vg, lv);
        return a != null && a.syncAction(action);
    }

    /**
     * lvchange --refresh of an active LV: a raid1 LV's failed legs whose devices work again come back (recovering
     * what they missed); nothing for an inactive or other LV.
     */
    public synchronized void refresh(String vg, String lv) throws IOException {
        Raid1Array a = array(vg, lv);
        if (a == null) return;
        Vg known = vgs.get(vg);
        a.refresh(known, known.lv(lv).orElseThrow(), devices(known));
    }

    /** The running array of an active raid1 LV, or null. */
    public synchronized Raid1Array array(String vg, String lv) {
        Vg known = vgs.get(vg);
        if (known == null || !isActive(vg, lv)) return null;
        return known.lv(lv).map(l -> arrays.get(l.id())).orElse(null);
    }

    @Override
    public synchronized void close() {
        arrays.closeAll();
        for (BlockDevice d : files.values()) {
            try {
                d.flush();
                d.close();
            } catch (IOException ignored) { }
        }
        files.clear();
    }
}
