package ulvm.thin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pool mappings in memory for the thin target's tests: reference counts per data block, snapshots that share their
 * origin's blocks, and blocks freed since the last commit kept back until the next one. Logs "commit" into the
 * journal it is given, so tests can check it comes after the data's flush.
 */
final class MemoryMappings implements PoolMappings {
    private final Map<Long, Map<Long, Long>> devices = new HashMap<>();
    private int[] refs;
    private final List<Long> freedThisTransaction = new ArrayList<>();
    private final List<ulvm.io.MemoryDevice.Event> journal;
    int allocations, commits;

    MemoryMappings(int blocks, List<ulvm.io.MemoryDevice.Event> journal) {
        refs = new int[blocks];
        this.journal = journal;
    }

    synchronized void create(long dev) { devices.put(dev, new HashMap<>()); }

    /** dm-thin's create_snap: the new device maps what the origin maps, each block referenced once more. */
    synchronized void snapshot(long dev, long origin) {
        Map<Long, Long> copy = new HashMap<>(devices.get(origin));
        for (long b : copy.values()) refs[(int) b]++;
        devices.put(dev, copy);
    }

    synchronized void grow(int blocks) { refs = java.util.Arrays.copyOf(refs, blocks); }

    synchronized int ref(long block) { return refs[(int) block]; }

    synchronized int used() {
        int n = 0;
        for (int r : refs) if (r > 0) n++;
        return n;
    }

    @Override public synchronized Mapping lookup(long dev, long vblock) {
        Long b = devices.get(dev).get(vblock);
        return b == null ? null : new Mapping(b, refs[(int) (long) b] > 1);
    }

    @Override public synchronized long allocate() throws PoolFullException {
        for (int b = 0; b < refs.length; b++) {
            if (refs[b] == 0 && !freedThisTransaction.contains((long) b)) {
                refs[b] = 1;
                allocations++;
                return b;
            }
        }
        throw new PoolFullException("no free data block");
    }

    @Override public synchronized void insert(long dev, long vblock, long block) {
        Long old = devices.get(dev).put(vblock, block);
        if (old != null) drop(old);
    }

    @Override public synchronized long remove(long dev, long vblock) {
        Long old = devices.get(dev).remove(vblock);
        return old != null && drop(old) ? old : -1;
    }

    private boolean drop(long block) {
        if (--refs[(int) block] != 0) return false;
        freedThisTransaction.add(block);
        return true;
    }

    @Override public synchronized void commit() {
        freedThisTransaction.clear();
        commits++;
        journal.add(new ulvm.io.MemoryDevice.Event("commit", "meta", 0, 0));
    }
}
