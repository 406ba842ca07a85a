package ulvm.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulvm.mapping.LvTable;
import ulvm.model.Lv;
import ulvm.model.SnapshotSegment;
import ulvm.model.Vg;
import ulvm.snapshot.CowStore;
import ulvm.snapshot.SnapshotLvs;
import ulvm.snapshot.SnapshotOrigin;
import ulvm.snapshot.SnapshotStatus;

/**
 * The running snapshots of an {@link Activation}: one {@link SnapshotOrigin} per origin LV (by LV id) and one
 * {@link CowStore} per COW LV (by LV id). They outlive table swaps: {@link #reconcile} brings them in line with new
 * metadata (new snapshots get their store, removed ones are dropped, a grown COW gets its new table) while the LVs
 * concerned are suspended. Called under the Activation's lock.
 */
final class RunningSnapshots {
    /** Builds the plain mapping table of an LV (its own segments). */
    interface Tables {
        LvTable of(Vg vg, Lv lv) throws IOException;
    }

    private final Map<String, SnapshotOrigin> origins = new HashMap<>();
    private final Map<String, CowStore> stores = new HashMap<>();
    /** Origins (by id) whose merge runs: their merging store no longer takes copies and redirects their I/O. */
    private final Set<String> merging = new HashSet<>();
    /** Origins (by id) whose snapshot state could not be loaded: they do not activate (no write may miss a copy). */
    private final Map<String, String> broken = new HashMap<>();

    /** Opens, resizes and drops the VG's snapshot state to match {@code vg}; origins' stores are reconfigured. */
    void reconcile(Vg vg, Tables tables) throws IOException {
        Set<String> cows = new HashSet<>();
        Set<String> originIds = new HashSet<>();
        IOException first = null;
        for (Lv origin : vg.lvs()) {
            List<SnapshotSegment> snaps = SnapshotLvs.of(vg, origin.name());
            if (snaps.isEmpty()) continue;
            originIds.add(origin.id());
            broken.remove(origin.id());
            try {
                LvTable base = tables.of(vg, origin);
                SnapshotOrigin o = origins.get(origin.id());
                if (o == null) {
                    o = new SnapshotOrigin(vg.name() + "/" + origin.name(), base);
                    origins.put(origin.id(), o);
                }
                List<CowStore> copies = new ArrayList<>();
                CowStore merge = null;
                for (SnapshotSegment s : snaps) {
                    Lv cowLv = vg.lv(s.cowStore()).orElseThrow(() -> new IOException("COW LV " + s.cowStore() + " not found"));
                    cows.add(cowLv.id());
                    LvTable cowTable = tables.of(vg, cowLv);
                    CowStore st = stores.get(cowLv.id());
                    if (st == null) {
                        st = CowStore.open(vg.name() + "/" + cowLv.name(), cowTable, s.chunkSize());
                        stores.put(cowLv.id(), st);
                    } else {
                        st.resize(cowTable);
                    }
                    if (s.merging() && merging.contains(origin.id())) merge = st;
                    else copies.add(st);
                }
                if (merge == null) merging.remove(origin.id());
                o.configure(base, copies, merge);
            } catch (IOException e) {
                broken.put(origin.id(), e.getMessage());
                origins.remove(origin.id());
                if (first == null) first = e;
            }
        }
        Set<String> ids = new HashSet<>();
        for (Lv l : vg.lvs()) ids.add(l.id());
        origins.keySet().removeIf(id -> ids.contains(id) && !originIds.contains(id));
        stores.keySet().removeIf(id -> ids.contains(id) && !cows.contains(id));
        merging.removeIf(id -> ids.contains(id) && !originIds.contains(id));
        broken.keySet().removeIf(id -> ids.contains(id) && !originIds.contains(id));
        if (first != null) throw first;
    }

    /** The live table of an LV: a snapshot view for a COW LV, copy-on-write in front of an origin, else {@code raw}. */
    LvTable table(Vg vg, Lv lv, LvTable raw) throws IOException {
        SnapshotSegment seg = SnapshotLvs.ofCow(vg, lv.name()).orElse(null);
        if (seg != null) {
            Lv origin = vg.lv(seg.origin()).orElseThrow(() -> new IOException("origin " + seg.origin() + " not found"));
            if (broken.containsKey(origin.id())) throw new IOException(broken.get(origin.id()));
            SnapshotOrigin o = origins.get(origin.id());
            CowStore st = stores.get(lv.id());
            if (o == null || st == null) throw new IOException("snapshot " + lv.name() + " is not running");
            return o.snapshotTable(st);
        }
        if (broken.containsKey(lv.id())) throw new IOException(broken.get(lv.id()));
        SnapshotOrigin o = origins.get(lv.id());
        return o == null ? raw : o.originTable();
    }

    /** Marks the origin's merge as running (its merging store redirects origin I/O from the next reconcile on). */
    void startMerge(String originId) { merging.add(originId); }

    boolean mergeRunning(String originId) { return merging.contains(originId); }

    SnapshotOrigin origin(String originId) { return origins.get(originId); }

    /** The status of a running snapshot's store, or null. */
    SnapshotStatus status(String cowId, boolean mergingNow) {
        CowStore st = stores.get(cowId);
        return st == null ? null : st.status(mergingNow);
    }

    /** The VG is gone: its state goes without writing. */
    void forget(Vg vg) {
        for (Lv l : vg.lvs()) {
            origins.remove(l.id());
            stores.remove(l.id());
            merging.remove(l.id());
            broken.remove(l.id());
        }
    }
}
