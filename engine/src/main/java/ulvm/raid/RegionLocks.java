package ulvm.raid;

import java.util.concurrent.locks.StampedLock;

/**
 * Keeps a region's copy (resync, merge, check) and writes to it apart: writers share a region's stripe, a check holds
 * it alone, so a write lands either before the copy reads or after it wrote, never in between. Stripes are
 * {@link StampedLock}s: taking one allocates nothing. {@link #lockAll} excludes every writer (bit clearing).
 *
 * <p>A sync or merge marks the regions it copies ({@link #beginCopy}, until {@link #endCopy} once their bits are
 * recorded): a writer to a marked region waits, writers to the other regions of the same stripes do not.
 */
final class RegionLocks {
    private static final int STRIPES = 64;
    private final StampedLock[] stripes = new StampedLock[STRIPES];
    /** Regions being copied: ranges [from, to], at most two (one read ahead while the last is forced). */
    private final long[] copying = {-1, -1, -1, -1};
    private volatile int copies;       // how many ranges are marked; writers look no further when 0

    RegionLocks() {
        for (int i = 0; i < STRIPES; i++) stripes[i] = new StampedLock();
    }

    private StampedLock of(long region) { return stripes[(int) (region & (STRIPES - 1))]; }

    /** Shares region {@code region}'s stripe, once no copy has the region. */
    long shared(long region) {
        while (true) {
            long stamp = of(region).readLock();
            if (copies == 0 || !copied(region, region)) return stamp;
            of(region).unlockRead(stamp);
            awaitCopy(region, region);
        }
    }

    private synchronized boolean copied(long first, long last) {
        for (int i = 0; i < copying.length; i += 2) if (copying[i] >= 0 && copying[i] <= last && first <= copying[i + 1]) return true;
        return false;
    }

    private synchronized void awaitCopy(long first, long last) {
        while (copied(first, last)) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Marks regions {@code first..last} as being copied: waits for the writes under way on their stripes (each stripe
     * taken alone for a moment); later writes to them wait until {@link #endCopy}. At most two ranges at once.
     */
    void beginCopy(long first, long last) {
        synchronized (this) {
            int i = copying[0] < 0 ? 0 : 2;
            if (copying[i] >= 0) throw new IllegalStateException("two copies under way already");
            copying[i] = first;
            copying[i + 1] = last;
            copies++;
        }
        int n = (int) Math.min(STRIPES, last - first + 1);
        for (int k = 0; k < n; k++) { // a writer that shared the stripe before the mark has finished when we get it
            StampedLock l = of(first + k);
            l.unlockWrite(l.writeLock());
        }
    }

    /** The copy of {@code first..last} is recorded: writers waiting for it go on. */
    synchronized void endCopy(long first, long last) {
        for (int i = 0; i < copying.length; i += 2) {
            if (copying[i] == first && copying[i + 1] == last) {
                copying[i] = copying[i + 1] = -1;
                copies--;
                notifyAll();
                return;
            }
        }
    }

    void releaseShared(long region, long stamp) { of(region).unlockRead(stamp); }

    /** The most regions {@link #sharedRange} takes at once: one stripe each. */
    static final int RANGE = STRIPES;

    /**
     * Shares regions {@code first..last} (at most {@link #RANGE}, so each has its own stripe), stripes taken in
     * ascending order as {@link #lockAll} takes them; returns the stamps by stripe for {@link #releaseSharedRange}.
     */
    long[] sharedRange(long first, long last) {
        if (last - first >= RANGE) throw new IllegalArgumentException("more than " + RANGE + " regions");
        while (true) {
            long[] stamps = new long[STRIPES];
            for (int i = 0; i < STRIPES; i++) if (covers(first, last, i)) stamps[i] = stripes[i].readLock();
            if (copies == 0 || !copied(first, last)) return stamps;
            releaseSharedRange(first, last, stamps);
            awaitCopy(first, last);
        }
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
