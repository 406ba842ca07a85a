package ulvm.raid;

import java.util.concurrent.locks.StampedLock;

/**
 * Keeps a region's copy (resync, merge, check) and writes to it apart: writers share a region's stripe, a copy holds
 * it alone, so a write lands either before the copy reads or after it wrote, never in between. Stripes are
 * {@link StampedLock}s: taking one allocates nothing. {@link #lockAll} excludes every writer (bit clearing).
 */
final class RegionLocks {
    private static final int STRIPES = 64;
    private final StampedLock[] stripes = new StampedLock[STRIPES];

    RegionLocks() {
        for (int i = 0; i < STRIPES; i++) stripes[i] = new StampedLock();
    }

    private StampedLock of(long region) { return stripes[(int) (region & (STRIPES - 1))]; }

    long shared(long region) { return of(region).readLock(); }

    void releaseShared(long region, long stamp) { of(region).unlockRead(stamp); }

    long exclusive(long region) { return of(region).writeLock(); }

    void releaseExclusive(long region, long stamp) { of(region).unlockWrite(stamp); }

    /** Every stripe alone, in order; returns the stamps for {@link #unlockAll}. */
    long[] lockAll() {
        long[] s = new long[STRIPES];
        for (int i = 0; i < STRIPES; i++) s[i] = stripes[i].writeLock();
        return s;
    }

    void unlockAll(long[] stamps) {
        for (int i = STRIPES - 1; i >= 0; i--) stripes[i].unlockWrite(stamps[i]);
    }
}
