package ulvm.snapshot;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Origin chunk to COW chunk, O(1) and allocation-free on lookup: pages of 4096 entries made on first insert. 0 means
 * "no exception" (COW chunk 0 is the header, never a data chunk). Lookups are lock-free and may miss an entry being
 * inserted by another thread; callers recheck under the chunk's lock, which the inserting thread holds.
 */
final class ExceptionTable {
    private static final int SHIFT = 12;
    private static final int PAGE = 1 << SHIFT;
    private volatile AtomicReferenceArray<AtomicLongArray> pages = new AtomicReferenceArray<>(16);
    private int count;

    long get(long origin) {
        AtomicReferenceArray<AtomicLongArray> p = pages;
        long pi = origin >>> SHIFT;
        if (origin < 0 || pi >= p.length()) return 0;
        AtomicLongArray page = p.get((int) pi);
        return page == null ? 0 : page.get((int) (origin & (PAGE - 1)));
    }

    synchronized void put(long origin, long cow) {
        long pi = origin >>> SHIFT;
        AtomicReferenceArray<AtomicLongArray> p = pages;
        if (pi >= p.length()) {
            int n = p.length();
            while (n <= pi) n *= 2;
            AtomicReferenceArray<AtomicLongArray> q = new AtomicReferenceArray<>(n);
            for (int i = 0; i < p.length(); i++) q.set(i, p.get(i));
            pages = p = q;
        }
        AtomicLongArray page = p.get((int) pi);
        if (page == null) {
            page = new AtomicLongArray(PAGE);
            p.set((int) pi, page);
        }
        if (page.getAndSet((int) (origin & (PAGE - 1)), cow) == 0 && cow != 0) count++;
    }

    synchronized void remove(long origin) {
        AtomicReferenceArray<AtomicLongArray> p = pages;
        long pi = origin >>> SHIFT;
        if (pi >= p.length() || p.get((int) pi) == null) return;
        if (p.get((int) pi).getAndSet((int) (origin & (PAGE - 1)), 0) != 0) count--;
    }

    synchronized int size() { return count; }
}
