package ulvm.alloc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pvmove's destination allocation (LVM2's lv_add_mirrors for a pvmove LV): one request for every chunk (pvmove
 * segment), filled by the policy passes contiguous, cling, normal, anywhere (stopping at the requested policy).
 * Free areas of each PV are ordered largest first (equal sizes by PE); every piece is taken from the start of the
 * chosen area. Ties between PVs go to the earlier one in the candidate order.
 */
public final class MoveAllocator {
    /** One piece of pvmove data to place: {@code need} extents, never on the PVs in {@code parallel}. */
    public record Chunk(long need, Set<String> parallel) {}

    /** {@code len} extents of chunk {@code chunk} placed at {@code pvId:pe}. */
    public record Piece(int chunk, String pvId, long pe, long len) {}

    private final List<Chunk> chunks;
    private final List<String> order;
    private final Map<String, List<PvRange>> free = new java.util.LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>();
    private final List<Piece> pieces = new ArrayList<>();
    private int ci;
    private long left;

    private MoveAllocator(List<Chunk> chunks, List<String> order, FreeSpace fs) {
        this.chunks = chunks;
        this.order = order;
        for (String pv : order) free.put(pv, new ArrayList<>(fs.areas(pv)));
        left = chunks.isEmpty() ? 0 : chunks.get(0).need();
    }

    /**
     * Places every chunk on the PVs of {@code order} (the candidate list, in order) using the free areas of
     * {@code fs}. {@code policy}: CONTIGUOUS, CLING, NORMAL or ANYWHERE.
     */
    public static List<Piece> allocate(List<Chunk> chunks, List<String> order, FreeSpace fs, Policy policy) throws AllocationException {
        MoveAllocator a = new MoveAllocator(chunks, order, fs);
        a.run(policy);
        return a.pieces;
    }

    private boolean done() { return ci >= chunks.size(); }

    private long missing() {
        long n = left;
        for (int i = ci + 1; i < chunks.size(); i++) n += chunks.get(i).need();
        return done() ? 0 : n;
    }

    private void run(Policy policy) throws AllocationException {
        if (done()) return;
        contiguousPass(policy == Policy.CONTIGUOUS);
        if (policy == Policy.CONTIGUOUS) { check(); return; }
        clingPass();
        if (policy == Policy.CLING) { check(); return; }
        normalPass();
        if (policy != Policy.ANYWHERE) { check(); return; }
        anywherePass();
        check();
    }

    private void check() throws AllocationException {
        if (!done()) throw new AllocationException(missing());
    }

    /** Free areas of a PV, largest first, equal sizes in PE order. */
    private List<PvRange> areas(String pv) {
        List<PvRange> l = new ArrayList<>(free.get(pv));
        l.removeIf(r -> r.length() == 0);
        l.sort(Comparator.comparingLong(PvRange::length).reversed().thenComparingLong(PvRange::start));
        return l;
    }

    private boolean parallel(String pv) { return chunks.get(ci).parallel().contains(pv); }

    /** LVM2's per-PV pick: walking largest to smallest, the last area that holds the rest; else the largest. */
    private PvRange fitOrLargest(String pv, boolean mustFit) {
        PvRange pick = null;
        for (PvRange r : areas(pv)) {
            if (r.length() >= left) pick = r;
            else {
                if (pick == null && !mustFit) pick = r;
                break;
            }
        }
        return pick;
    }

    /** The best offer: the most extents placeable now; ties to the earlier PV. */
    private PvRange best(List<PvRange> offers) {
        PvRange best = null;
        for (PvRange r : offers) if (r != null && (best == null || Math.min(r.length(), left) > Math.min(best.length(), left))) best = r;
        return best;
    }

    private void place(PvRange r) {
        long len = Math.min(r.length(), left);
        pieces.add(new Piece(ci, r.pvId(), r.start(), len));
        used.add(r.pvId());
        List<PvRange> l = free.get(r.pvId());
        l.remove(r);
        if (r.length() > len) l.add(new PvRange(r.pvId(), r.start() + len, r.end()));
        left -= len;
        if (left == 0 && ++ci < chunks.size()) left = chunks.get(ci).need();
    }

    private void contiguousPass(boolean strict) {
        List<PvRange> offers = new ArrayList<>();
        for (String pv : order) if (!parallel(pv)) offers.add(fitOrLargest(pv, strict));
        PvRange b = best(offers);
        if (b != null) place(b);
    }

    private void clingPass() {
        while (!done()) {
            PvRange pick = null;
            for (String pv : order) {
                if (!used.contains(pv) || parallel(pv)) continue;
                List<PvRange> a = areas(pv);
                if (!a.isEmpty()) { pick = a.get(0); break; }
            }
            if (pick == null) return;
            place(pick);
        }
    }

    private void normalPass() {
        boolean cling = !used.isEmpty();
        while (!done()) {
            List<PvRange> offers = new ArrayList<>();
            for (String pv : order) {
                if (parallel(pv)) continue;
                if (cling) {
                    if (!used.contains(pv)) continue;
                    List<PvRange> a = areas(pv);
                    if (!a.isEmpty()) offers.add(a.get(a.size() - 1));
                } else {
                    offers.add(fitOrLargest(pv, false));
                }
            }
            PvRange b = best(offers);
            if (b == null) {
                if (!cling) return;
                cling = false;
                continue;
            }
            place(b);
            cling = true;
        }
    }

    private void anywherePass() {
        while (!done()) {
            PvRange pick = null;
            for (String pv : order) {
                List<PvRange> a = areas(pv);
                if (!a.isEmpty()) { pick = a.get(0); break; }
            }
            if (pick == null) return;
            place(pick);
        }
    }
}
