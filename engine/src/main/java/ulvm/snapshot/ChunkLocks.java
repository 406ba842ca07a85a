package ulvm.snapshot;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Locks over an origin's lock units (the largest chunk of its snapshots): striped, so a unit's lock is found without
 * allocating. A writer holds one unit at a time; only a merge holds several, and there is one merge per origin.
 */
final class ChunkLocks {
    private static final int STRIPES = 1024;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    ChunkLocks() {
        for (int i = 0; i < STRIPES; i++) locks[i] = new ReentrantLock();
    }

    ReentrantLock of(long unit) { return locks[stripe(unit)]; }

    private static int stripe(long unit) { return (int) ((unit * 0x9E3779B97F4A7C15L) >>> 54); }

    /**
     * Locks every unit of {@code [first, last]}, stripes in ascending order (so two threads locking ranges cannot
     * deadlock), and returns what to hand to {@link #unlock}.
     */
    int[] lock(long first, long last) {
        int n = (int) Math.min(STRIPES, last - first + 1);
        int[] idx = new int[n];
        if (last - first + 1 >= STRIPES) {
            for (int i = 0; i < STRIPES; i++) idx[i] = i;
        } else {
            for (int i = 0; i < n; i++) idx[i] = stripe(first + i);
            java.util.Arrays.sort(idx);
        }
        int k = 0;
        for (int i = 0; i < n; i++) if (i == 0 || idx[i] != idx[i - 1]) idx[k++] = idx[i];
        int[] held = java.util.Arrays.copyOf(idx, k);
        for (int i : held) locks[i].lock();
        return held;
    }

    void unlock(int[] held) {
        for (int i = held.length - 1; i >= 0; i--) locks[held[i]].unlock();
    }
}
