package ulvm.fuse.nbd;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import ulvm.fuse.VolumeTree;
import ulvm.io.Volume;
import ulvm.live.LiveVolume;
import ulvm.nbd.Export;
import ulvm.nbd.Exports;

/**
 * The mount's active LVs as NBD exports named {@code VG/LV}: all of them by default, less those `ulvm nbd --remove`
 * hid. Read-only are read-only LVs (tracked split images, `lvchange -p r`), snapshots (unless `ulvm nbd --add` added one
 * without --readonly) and those `ulvm nbd --add --readonly` added. An open export is a use of its LV: {@link #isOpen}
 * is what lvremove and deactivation ask.
 */
public final class LiveExports implements Exports {
    private final VolumeTree tree;
    /** Names hidden by --remove. */
    private final Set<String> hidden = ConcurrentHashMap.newKeySet();
    /** Names `ulvm nbd --add` gave an access: true with --readonly, false without. */
    private final Map<String, Boolean> access = new ConcurrentHashMap<>();
    /** Open exports per volume object (a renamed LV keeps its object, and so its opens). */
    private final Map<Volume, Integer> opens = new IdentityHashMap<>();

    public LiveExports(VolumeTree tree) { this.tree = tree; }

    @Override
    public List<String> names() {
        List<String> out = new ArrayList<>();
        tree.snapshot().forEach((vg, lvs) -> lvs.keySet().forEach(lv -> {
            if (!hidden.contains(vg + "/" + lv)) out.add(vg + "/" + lv);
        }));
        return out;
    }

    @Override
    public String description(String name) {
        Volume v = volume(name);
        return v == null ? null : "ulvm LV " + name + (readOnly(name, v) ? " (read-only)" : "");
    }

    @Override
    public Export open(String name) {
        Volume v = volume(name);
        if (v == null || hidden.contains(name)) return null;
        synchronized (opens) {
            opens.merge(v, 1, Integer::sum);
        }
        return new LvExport(v, readOnly(name, v), () -> {
            synchronized (opens) {
                opens.computeIfPresent(v, (k, n) -> n > 1 ? n - 1 : null);
            }
        });
    }

    /** True while an NBD client has the LV open. */
    public boolean isOpen(String vg, String lv) { return clients(vg + "/" + lv) > 0; }

    /** How many NBD clients have export {@code name} open. */
    public int clients(String name) {
        Volume v = volume(name);
        if (v == null) return 0;
        synchronized (opens) {
            return opens.getOrDefault(v, 0);
        }
    }

    /** Whether export {@code name} is listed (the LV is active and not hidden). */
    public boolean listed(String name) { return volume(name) != null && !hidden.contains(name); }

    /** Whether export {@code name} is advertised read-only. */
    public boolean readOnly(String name) {
        Volume v = volume(name);
        return v != null && readOnly(name, v);
    }

    /** `ulvm nbd --add`: listed again, read-only or not. */
    public void add(String name, boolean ro) {
        access.put(name, ro);
        hidden.remove(name);
    }

    /** `ulvm nbd --remove`: no longer listed nor opened by new clients. */
    public void remove(String name) { hidden.add(name); }

    /** A read-only LV; else what --add said; else read-only for a snapshot (a backup's source), writable otherwise. */
    private boolean readOnly(String name, Volume v) {
        return v.readOnly() || access.getOrDefault(name, v instanceof LiveVolume lv && lv.snapshot());
    }

    /** The active LV {@code VG/LV}, or null. */
    public Volume volume(String name) {
        int slash = name.indexOf('/');
        if (slash <= 0 || slash != name.lastIndexOf('/')) return null;
        return tree.volume(name.substring(0, slash), name.substring(slash + 1));
    }
}
