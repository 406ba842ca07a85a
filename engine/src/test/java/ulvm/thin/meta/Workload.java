package ulvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded mix of what a pool sees (writes with dm-thin's copy-on-write of shared blocks, snapshots, deletions,
 * discards), applied to a {@link PoolMetadata} and to a plain model of its mappings.
 */
final class Workload {
    final PoolMetadata pool;
    final Random rnd;
    /** device -> vblock -> data block. */
    final Map<Long, TreeMap<Long, Long>> model = new TreeMap<>();
    long nextId;

    Workload(PoolMetadata pool, long seed) {
        this.pool = pool;
        this.rnd = new Random(seed);
    }

    void create() throws IOException {
        long id = nextId++;
        pool.createThin(id);
        model.put(id, new TreeMap<>());
    }

    void snap(long origin) throws IOException {
        long id = nextId++;
        pool.createSnap(id, origin);
        model.put(id, new TreeMap<>(model.get(origin)));
    }

    void delete(long id) throws IOException {
        pool.deleteDevice(id);
        model.remove(id);
    }

    /** A write of {@code vblock}: a new block unless mapped and not shared, as dm-thin does. */
    void write(long id, long vblock) throws IOException {
        Mapping m = pool.find(id, vblock);
        if (m != null && !m.shared()) return;
        long b = pool.allocDataBlock();
        if (b < 0) throw new IOException("pool full");
        pool.insert(id, vblock, b);
        model.get(id).put(vblock, b);
    }

    void discard(long id, long from, long to) throws IOException {
        long n = pool.removeRange(id, from, to);
        TreeMap<Long, Long> m = model.get(id);
        assertEquals(m.subMap(from, to).size(), n, "discarded blocks");
        m.subMap(from, to).clear();
    }

    long anyDevice() {
        List<Long> ids = new ArrayList<>(model.keySet());
        return ids.get(rnd.nextInt(ids.size()));
    }

    /** {@code ops} random steps over virtual blocks [0, span). */
    void run(int ops, long span) throws IOException {
        for (int i = 0; i < ops; i++) {
            int r = rnd.nextInt(1000);
            if (model.isEmpty() || (r < 2 && model.size() < 4)) create();
            else if (r < 4 && model.size() < 8) snap(anyDevice());
            else if (r < 5 && model.size() > 5) delete(anyDevice());
            else if (r < 15) {
                long from = (long) rnd.nextInt((int) span);
                discard(anyDevice(), from, from + rnd.nextInt(64));
            } else write(anyDevice(), rnd.nextInt((int) span));
        }
    }

    /** Every model mapping is what the pool finds, and the pool maps nothing else. */
    void matchesPool(PoolMetadata p) throws IOException {
        assertEquals(new ArrayList<>(model.keySet()), p.deviceIds());
        for (var e : model.entrySet()) {
            TreeMap<Long, Long> seen = new TreeMap<>();
            p.forEachMapping(e.getKey(), (v, m) -> seen.put(v, m.dataBlock()));
            assertEquals(e.getValue(), seen, "device " + e.getKey());
            for (var m : e.getValue().entrySet()) assertEquals(m.getValue(), p.lookup(e.getKey(), m.getKey()));
            assertEquals(e.getValue().size(), p.details(e.getKey()).mappedBlocks(), "mapped blocks of " + e.getKey());
            assertEquals(e.getValue().isEmpty() ? -1 : e.getValue().lastKey(), p.highestMapped(e.getKey()));
        }
    }

    /** thin_dump's mappings equal the model's, and their times and the devices' details are the pool's. */
    void matchesDump(ThinTools.Dump d) throws IOException {
        assertEquals(model.keySet(), d.mappings().keySet());
        for (var e : model.entrySet()) {
            TreeMap<Long, Long> dumped = new TreeMap<>();
            d.mappings().get(e.getKey()).forEach((v, bt) -> dumped.put(v, bt[0]));
            assertEquals(e.getValue(), dumped, "device " + e.getKey());
            assertEquals(String.valueOf(e.getValue().size()), d.devices().get(e.getKey()).get("mapped_blocks"));
            DeviceDetails det = pool.details(e.getKey());
            assertEquals(String.valueOf(det.creationTime()), d.devices().get(e.getKey()).get("creation_time"));
            assertEquals(String.valueOf(det.snapshottedTime()), d.devices().get(e.getKey()).get("snap_time"));
            assertEquals(String.valueOf(det.transactionId()), d.devices().get(e.getKey()).get("transaction"));
            for (var m : d.mappings().get(e.getKey()).entrySet()) assertEquals(m.getValue()[1], pool.find(e.getKey(), m.getKey()).time());
        }
    }

    /** How many distinct data blocks the model maps. */
    long distinctBlocks() {
        return model.values().stream().flatMap(m -> m.values().stream()).distinct().count();
    }

    /** The data space map's counts are the references the mapping trees hold (thin_check 0.9.0 leaves this out). */
    static void dataCountsMatchTrees(PoolMetadata p) throws IOException {
        long[] refs = p.dataReferencesInTrees();
        for (int b = 0; b < refs.length; b++) if (refs[b] != p.dataRefCount(b)) assertEquals(refs[b], p.dataRefCount(b), "references to data block " + b);
        assertEquals(java.util.Arrays.stream(refs).filter(c -> c > 0).count(), p.usedDataBlocks(), "used data blocks");
    }
}
