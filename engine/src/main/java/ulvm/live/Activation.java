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
import ulvm.io.FileBlockDevice;
import java.util.concurrent.locks.Lock;
import ulvm.mapping.DeviceMap;
import ulvm.mapping.LvTable;
import ulvm.mapping.MoveLocks;
import ulvm.move.MoveCopier;
import ulvm.mapping.TableBuilder;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Vg;
import ulvm.raid.Raid1Array;
import ulvm.raid.RaidSettings;
import ulvm.raid.RaidStatus;
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
    }

    private final Listener listener;
    private final Map<String, Map<String, LiveVolume>> active = new LinkedHashMap<>();
    private final Map<Path, FileBlockDevice> files = new HashMap<>();
    private final Map<String, Vg> vgs = new HashMap<>();
    private final List<LiveVolume> suspended = new ArrayList<>();
    private final MoveLocks moveLocks = new MoveLocks();
    /** Running raid1 arrays by LV id: they outlive table swaps. */
    private final RaidArrays arrays;

    public Activation(Listener listener) { this(listener, m -> { }, RaidSettings.defaults()); }

    /** {@code messages}: lines for the daemon log (a merge or resync finished, a leg failed). */
    public Activation(Listener listener, Consumer<String> messages, RaidSettings raid) {
        this.listener = listener;
        this.arrays = new RaidArrays(messages, raid);
    }

    /** LVs shown as files: visible, not internal. */
    static boolean shown(Lv lv) {
        return lv.visible() && !lv.hasStatus("PVMOVE") && lv.segments().stream().noneMatch(s -> s.type().equals("snapshot"));
    }

    private synchronized BlockDevice device(Path p) throws IOException {
        FileBlockDevice d = files.get(p);
        if (d == null) {
            d = FileBlockDevice.open(p, true);
            files.put(p, d);
        }
        return d;
    }

    private DeviceMap devices(Vg vg) throws IOException {
        Map<String, BlockDevice> byId = new HashMap<>();
        for (Pv p : vg.pvs()) if (p.device() != null && !p.missingFlag()) byId.put(p.id(), device(Path.of(p.device())));
        return DeviceMap.of(byId::get, moveLocks);
    }

    /**
     * The copier's side of a running move's lock (see {@link MoveLocks}): held around each chunk's copy, it makes
     * writes to the move's incomplete extents wait. The lock object is the one the live tables of the VG use.
     */
    public MoveCopier.ChunkLock chunkLock(String vg, String pvmoveLvId) {
        Lock l = moveLocks.of(vg, pvmoveLvId).writeLock();
        return (pvmove, le, count) -> {
            l.lock();
            return l::unlock;
        };
    }

    private LvTable table(Vg vg, Lv lv) throws IOException {
        DeviceMap devs = devices(vg);
        return TableBuilder.build(vg, lv, devs, (v, l, s) -> arrays.target(v, l, devs));
    }

    /** vgchange -ay for every VG of the scan whose PVs are all present; returns what could not be activated. */
    public synchronized List<String> activateAll(Scan scan) {
        List<String> problems = new ArrayList<>();
        for (VgCopies vc : scan.vgs().values()) {
            try {
                activateVg(vc.vgWithPaths(), null);
            } catch (IOException e) {
                problems.add("VG " + vc.vg().name() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** Activates the LVs of a VG ({@code only} null for all shown LVs). */
    public synchronized void activateVg(Vg vg, Set<String> only) throws IOException {
        vgs.put(vg.name(), vg);
        Map<String, LiveVolume> m = active.computeIfAbsent(vg.name(), k -> new LinkedHashMap<>());
        for (Lv lv : vg.lvs()) {
            if (!shown(lv) || m.containsKey(lv.name()) || (only != null && !only.contains(lv.name()))) continue;
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
        for (String lv : new ArrayList<>(m.keySet())) {
            if (only != null && !only.contains(lv)) continue;
            m.remove(lv);
            listener.hidden(vg, lv);
            Vg known = vgs.get(vg);
            if (known != null) known.lv(lv).ifPresent(l -> arrays.close(l.id()));
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

    /** After a commit: new tables for changed LVs, new files for new LVs, removed files for gone ones; resume. */
    public synchronized void committed(Vg vg, VgCopies before) throws IOException {
        String oldName = before == null ? vg.name() : before.vg().name();
        Map<String, LiveVolume> m = active.remove(oldName);
        if (m != null && !oldName.equals(vg.name())) for (String lv : m.keySet()) listener.hidden(oldName, lv);
        try {
            if (m == null) return; // VG not active: nothing live to change
            arrays.committed(vg, devices(vg));
            Map<String, LiveVolume> next = new LinkedHashMap<>();
            for (Map.Entry<String, LiveVolume> e : m.entrySet()) {
                Lv now = vg.lv(e.getKey()).filter(Activation::shown).orElse(null);
                if (now == null) {
                    if (oldName.equals(vg.name())) listener.hidden(vg.name(), e.getKey());
                    continue;
                }
                LiveVolume v = e.getValue();
                if (suspended.contains(v)) v.resume(table(vg, now), !now.writable());
                next.put(now.name(), v);
                if (!oldName.equals(vg.name()) || suspended.contains(v)) listener.shown(vg.name(), now.name(), v);
            }
            active.put(vg.name(), next);
            vgs.put(vg.name(), vg);
            java.util.Set<String> moving = new java.util.HashSet<>();
            for (Lv lv : vg.lvs()) if (lv.hasStatus("PVMOVE")) moving.add(lv.id());
            moveLocks.retain(vg.name(), moving); // finished or aborted moves' locks go
            // LVs created by this change appear at once (lvcreate in a mounted, active VG)
            Vg old = before == null ? null : before.vg();
            for (Lv lv : vg.lvs()) {
                if (!shown(lv) || next.containsKey(lv.name())) continue;
                String oldLvName = lv.name();
                boolean isNew = old == null || old.lvs().stream().noneMatch(o -> o.id().equals(lv.id()));
                boolean renamed = !isNew && old.lvs().stream().anyMatch(o -> o.id().equals(lv.id()) && !o.name().equals(oldLvName));
                // a raid image split off with tracking becomes visible: it shows (read-only) at once
                boolean appeared = !isNew && old.lvs().stream().anyMatch(o -> o.id().equals(lv.id()) && !shown(o));
                if (isNew || renamed || appeared) {
                    LiveVolume v = new LiveVolume(table(vg, lv), !lv.writable());
                    next.put(lv.name(), v);
                    listener.shown(vg.name(), lv.name(), v);
                }
            }
        } finally {
            for (LiveVolume v : suspended) v.resume(null, false);
            suspended.clear();
            arrays.resumeAll();
        }
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
        deactivate(vg, null);
        vgs.remove(vg);
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

    /** The running array of an active raid1 LV, or null. */
    public synchronized Raid1Array array(String vg, String lv) {
        Vg known = vgs.get(vg);
        if (known == null || !isActive(vg, lv)) return null;
        return known.lv(lv).map(l -> arrays.get(l.id())).orElse(null);
    }

    @Override
    public synchronized void close() {
        arrays.closeAll();
        for (FileBlockDevice d : files.values()) {
            try {
                d.flush();
                d.close();
            } catch (IOException ignored) { }
        }
        files.clear();
    }
}
