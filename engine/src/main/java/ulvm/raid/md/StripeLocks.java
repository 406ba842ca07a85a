package ulvm.raid.md;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-stripe exclusion for an md array: a write, a degraded read, a resync, check or rebuild of stripe s holds
 * {@code s}'s lock (one of {@value #LOCKS}, by stripe number), one stripe at a time, so none waits for another's
 * stripe while holding its own; {@link #lockAll} (bit clearing) takes them all in order. Healthy reads take none.
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

    void lockAll() {
        for (ReentrantLock l : locks) l.lock();
    }

    void unlockAll() {
        for (int i = LOCKS - 1; i >= 0; i--) locks[i].unlock();
    }
}
