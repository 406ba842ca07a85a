package ulvm.raid.md;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-stripe exclusion for an md array: a write, a degraded read, a resync, check or rebuild of stripe s holds
 * {@code s}'s lock (one of {@value #LOCKS}, by stripe number), one stripe at a time, so none waits for another's
 * stripe while holding its own; {@link #lockAll} (bit clearing) takes them all in order, and {@link #lockRun} (a
 * run of full-stripe writes) a run's locks in the same order. Healthy reads take none.
 */
final class StripeLocks {
    static final int LOCKS = 1024;
    private final ReentrantLock[] locks = new ReentrantLock[LOCKS];

    StripeLocks() {
        for (int i = 0; i < LOCKS; i++) locks[i] = new ReentrantLock();
    }

    private ReentrantLock of(long stripe) { return locks[(int) (stripe & (LOCKS - 1))]; }

    void lock(long stripe) { of(stripe).lock(); }

    void unlock(long stripe) { of(stripe).unlock(); }

    /** The locks of stripes {@code first .. first + k - 1} ({@code k <= LOCKS}), taken in index order as lockAll's. */
    void lockRun(long first, int k) {
        int i0 = (int) (first & (LOCKS - 1));
        int wrap = Math.max(0, i0 + k - LOCKS);
        for (int i = 0; i < wrap; i++) locks[i].lock();
        for (int i = i0; i < i0 + k - wrap; i++) locks[i].lock();
    }

    void unlockRun(long first, int k) {
        for (int t = 0; t < k; t++) of(first + t).unlock();
    }

    void lockAll() {
        for (ReentrantLock l : locks) l.lock();
    }

    void unlockAll() {
        for (int i = LOCKS - 1; i >= 0; i--) locks[i].unlock();
    }
}
