package ulvm.fuse;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import ulvm.io.Volume;

/**
 * What the mount shows: VG name -> LV name -> {@link Volume}, held as an immutable snapshot that
 * writers replace atomically. The file system reads the current snapshot on every call, so volumes
 * may appear, disappear or change size while mounted; readers never lock.
 */
public final class VolumeTree {
    private final AtomicReference<SortedMap<String, SortedMap<String, Volume>>> current =
            new AtomicReference<>(Collections.emptySortedMap());
    private final FileOwner owner;
    private final java.util.List<BiConsumer<String, String>> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public VolumeTree(FileOwner owner) {
        this.owner = Objects.requireNonNull(owner);
    }

    public VolumeTree() {
        this(FileOwner.currentUser());
    }

    public FileOwner owner() {
        return owner;
    }

    /** The volume, or null when there is no such VG or LV. */
    public Volume volume(String vg, String lv) {
        Map<String, Volume> lvs = current.get().get(vg);
        return lvs == null ? null : lvs.get(lv);
    }

    public boolean hasVg(String vg) {
        return current.get().containsKey(vg);
    }

    /** The current snapshot (unmodifiable; later changes make a new one). */
    public SortedMap<String, SortedMap<String, Volume>> snapshot() {
        return current.get();
    }

    /**
     * Calls {@code watcher} after every change, with (VG, LV) for one LV (shown, hidden or resized), (VG, null) for
     * a VG directory, (null, null) for everything.
     */
    public void watch(BiConsumer<String, String> watcher) {
        watchers.add(Objects.requireNonNull(watcher));
    }

    private void changed(String vg, String lv) {
        for (BiConsumer<String, String> w : watchers) w.accept(vg, lv);
    }

    /** Replaces everything at once; {@code vgs} is copied. */
    public void replaceAll(Map<String, ? extends Map<String, ? extends Volume>> vgs) {
        TreeMap<String, SortedMap<String, Volume>> copy = new TreeMap<>();
        vgs.forEach((vg, lvs) -> copy.put(checkName(vg), freeze(new TreeMap<>(lvs))));
        copy.values().forEach(lvs -> lvs.keySet().forEach(VolumeTree::checkName));
        current.set(Collections.unmodifiableSortedMap(copy));
        changed(null, null);
    }

    /** Adds or replaces one LV, creating its VG directory if needed. */
    public void put(String vg, String lv, Volume volume) {
        checkName(vg);
        checkName(lv);
        Objects.requireNonNull(volume);
        update(vg, lvs -> {
            lvs.put(lv, volume);
            return lvs;
        });
        changed(vg, lv);
    }

    /** Removes one LV; its VG directory stays (empty) until {@link #removeVg}. Returns the removed volume. */
    public Volume remove(String vg, String lv) {
        Volume removed = volume(vg, lv);
        if (hasVg(vg)) {
            update(vg, lvs -> {
                lvs.remove(lv);
                return lvs;
            });
            changed(vg, lv);
        }
        return removed;
    }

    /** Shows an empty VG directory (no-op when it exists). */
    public void putVg(String vg) {
        checkName(vg);
        boolean isNew = !hasVg(vg);
        update(vg, lvs -> lvs);
        if (isNew) changed(vg, null);
    }

    public void removeVg(String vg) {
        current.updateAndGet(old -> {
            TreeMap<String, SortedMap<String, Volume>> next = new TreeMap<>(old);
            next.remove(vg);
            return Collections.unmodifiableSortedMap(next);
        });
        changed(vg, null);
    }

    private void update(String vg, UnaryOperator<TreeMap<String, Volume>> change) {
        current.updateAndGet(old -> {
            TreeMap<String, SortedMap<String, Volume>> next = new TreeMap<>(old);
            SortedMap<String, Volume> lvs = old.get(vg);
            next.put(vg, freeze(change.apply(lvs == null ? new TreeMap<>() : new TreeMap<>(lvs))));
            return Collections.unmodifiableSortedMap(next);
        });
    }

    private static SortedMap<String, Volume> freeze(TreeMap<String, Volume> lvs) {
        return Collections.unmodifiableSortedMap(lvs);
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a usable file name: " + name);
        }
        return name;
    }
}
