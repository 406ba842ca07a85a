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

    /** The most regions {@link #sharedRange} takes at once: one stripe each. */
    static final int RANGE = STRIPES;

    /**
     * Shares regions {@code first..last} (at most {@link #RANGE}, so each has its own stripe), stripes taken in
     * ascending order as {@link #lockAll} takes them; returns the stamps by stripe for {@link #releaseSharedRange}.
     */
    long[] sharedRange(long first, long last) {
        if (last - first >= RANGE) throw new IllegalArgumentException("more than " + RANGE + " regions");
        long[] stamps = new long[STRIPES];
        for (int i = 0; i < STRIPES; i++) if (covers(first, last, i)) stamps[i] = stripes[i].readLock();
        return stamps;
    }

    void releaseSharedRange(long first, long last, long[] stamps) {
        for (int i = STRIPES - 1; i >= 0; i--) if (covers(first, last, i)) stripes[i].unlockRead(stamps[i]);
    }

    private static boolean covers(long first, long last, int stripe) {
        long r = first + ((stripe - (first & (STRIPES - 1))) & (STRIPES - 1)); // the first region >= first on the stripe
        return r <= last;
    }

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
