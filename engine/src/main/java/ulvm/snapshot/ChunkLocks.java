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

    ReentrantLock of(long unit) {
        long h = unit * 0x9E3779B97F4A7C15L;
        return locks[(int) (h >>> 54)];
    }
}
