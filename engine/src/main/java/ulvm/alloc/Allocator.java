package ulvm.alloc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulvm.model.Area;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;

/**
 * Places extents on PVs. Normal: parallel stripes always on different PVs, largest free areas first, continuing
 * right after the LV's previous segment when that space is free. Contiguous: one area per stripe, adjacent to the
 * previous segment when extending. Anywhere: like normal, but stripes may share a PV when PVs run out. Cling: an
 * extension takes space only on the PVs of the LV's last segment (LVM2's ALLOC_CLING without cling_tag_list).
 */
public final class Allocator {
    private Allocator() {}

    /**
     * Allocates {@code extents} logical extents (a multiple of {@code stripes}) starting at logical extent
     * {@code le0}. {@code continueAt}: for each stripe, the PE right after the previous segment's area (null when
     * creating). Takes the space from {@code fs}.
     */
    public static List<Segment> allocate(FreeSpace fs, long le0, long extents, int stripes, long stripeSize, Policy policy,
                                         List<Area.OnPv> continueAt) throws AllocationException {
        return allocate(fs, le0, extents, stripes, stripeSize, policy, continueAt, false);
    }

    /**
     * As above; {@code upTo}: LVM2's approximate allocation (sizes given as a percentage), which takes as much of
     * {@code extents} as the space allows instead of failing. It may return no segment at all.
     */
    public static List<Segment> allocate(FreeSpace fs, long le0, long extents, int stripes, long stripeSize, Policy policy,
                                         List<Area.OnPv> continueAt, boolean upTo) throws AllocationException {
        if (extents % stripes != 0) throw new IllegalArgumentException("extents not a multiple of stripes");
        long remaining = extents / stripes;
        long le = le0;
        List<Segment> out = new ArrayList<>();
        List<Area.OnPv> hint = continueAt != null && continueAt.size() == stripes ? continueAt : null;
        List<Area.OnPv> clingTo = null; // the PVs this allocation has used so far
        boolean extending = hint != null;
        while (remaining > 0) {
            List<PvRange> chosen = adjacent(fs, hint);
            if (policy == Policy.CONTIGUOUS) {
                // an extension must continue right after the previous segment; a new LV needs one area per stripe
                if (chosen == null && hint == null) chosen = firstFitting(fs, stripes, remaining, false);
                if (chosen == null && hint == null && upTo) chosen = largestPerPv(fs, stripes, false);
                if (chosen == null && upTo) break;
                if (chosen == null || minLength(chosen) < remaining && !upTo) throw new AllocationException(remaining * stripes);
            } else {
                if (chosen == null && clingTo != null) chosen = cling(fs, clingTo); // LVM2's maximise_cling
                if (policy == Policy.CLING && extending) { // an extension clings to the PVs of the LV's last segment, and to nothing else
                    if (chosen == null) chosen = cling(fs, hint);
                    if (chosen == null && upTo) break;
                    if (chosen == null) throw new AllocationException(remaining * stripes);
                }
                if (chosen == null) chosen = firstFitting(fs, stripes, remaining, false);
                if (chosen == null) chosen = largestPerPv(fs, stripes, false);
                if (chosen == null && policy == Policy.ANYWHERE) chosen = sharedAreas(fs, stripes, remaining);
                if (chosen == null && upTo) break;
                if (chosen == null) throw new AllocationException(remaining * stripes);
            }
            long len = Math.min(remaining, minLength(chosen));
            List<Area> areas = new ArrayList<>();
            List<Area.OnPv> next = new ArrayList<>();
            for (PvRange r : chosen) {
                fs.take(r.pvId(), r.start(), len);
                areas.add(new Area.OnPv(r.pvId(), r.start()));
                next.add(new Area.OnPv(r.pvId(), r.start() + len));
            }
            out.add(new StripedSegment(le, len * stripes, stripes > 1 ? stripeSize : 0, areas));
            le += len * stripes;
            remaining -= len;
            hint = next;
            clingTo = next;
        }
        return out;
    }

    private static long minLength(List<PvRange> rs) {
        long m = Long.MAX_VALUE;
        for (PvRange r : rs) m = Math.min(m, r.length());
        return m;
    }

    /**
     * LVM2's maximise_cling: the rest of an allocation goes preferably to the PVs its earlier parts used, each
     * stripe on its own PV: that PV's first area large enough for the rest, else its largest.
     */
    private static List<PvRange> cling(FreeSpace fs, List<Area.OnPv> previous) {
        List<PvRange> out = new ArrayList<>();
        for (Area.OnPv p : previous) {
            PvRange best = null;
            for (PvRange r : fs.areas(p.pvId())) if (r.length() > 0 && (best == null || r.length() > best.length())) best = r;
            if (best == null) return null;
            out.add(best);
        }
        return out;
    }

    /** The free areas that continue each stripe, or null unless every stripe can continue. */
    private static List<PvRange> adjacent(FreeSpace fs, List<Area.OnPv> hint) {
        if (hint == null) return null;
        List<PvRange> out = new ArrayList<>();
        for (Area.OnPv h : hint) {
            PvRange r = fs.startingAt(h.pvId(), h.pe());
            if (r == null) return null;
            out.add(r);
        }
        return out;
    }

    /**
     * LVM2's first choice: in PV order, the first free area of each PV that holds the whole remaining length;
     * null unless {@code n} PVs have one (or, with anywhere, n such areas).
     */
    private static List<PvRange> firstFitting(FreeSpace fs, int n, long len, boolean anywhere) {
        List<PvRange> out = new ArrayList<>();
        for (String pv : fs.pvIds()) {
            for (PvRange r : fs.areas(pv)) {
                if (r.length() >= len) {
                    out.add(r);
                    if (!anywhere) break;
                }
            }
            if (out.size() >= n) return new ArrayList<>(out.subList(0, n));
        }
        return null;
    }

    /**
     * Anywhere, when fewer PVs than stripes have space: cuts areas into equal chunks, largest areas first, so
     * that stripes may share a PV. Returns one range per stripe, each exactly the chunk length.
     */
    private static List<PvRange> sharedAreas(FreeSpace fs, int n, long remaining) {
        List<PvRange> all = new ArrayList<>(fs.all());
        all.removeIf(r -> r.length() == 0);
        all.sort(Comparator.comparingLong(PvRange::length).reversed());
        long lo = 1, hi = remaining, best = 0;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            long chunks = 0;
            for (PvRange r : all) chunks += r.length() / mid;
            if (chunks >= n) { best = mid; lo = mid + 1; } else hi = mid - 1;
        }
        if (best == 0) return null;
        List<PvRange> out = new ArrayList<>();
        for (PvRange r : all)
            for (long at = r.start(); at + best <= r.end() && out.size() < n; at += best) out.add(new PvRange(r.pvId(), at, at + best));
        return out;
    }

    /** The largest free area of each PV, largest first (ties in PV order); null if fewer than n are available. */
    private static List<PvRange> largestPerPv(FreeSpace fs, int n, boolean anywhere) {
        Map<String, PvRange> best = new LinkedHashMap<>();
        for (String pv : fs.pvIds())
            for (PvRange r : fs.areas(pv))
                if (r.length() > 0 && (!best.containsKey(pv) || r.length() > best.get(pv).length())) best.put(pv, r);
        List<PvRange> sorted = new ArrayList<>(best.values());
        sorted.sort(Comparator.comparingLong(PvRange::length).reversed());
        if (sorted.size() >= n) return new ArrayList<>(sorted.subList(0, n));
        if (!anywhere) return null;
        List<PvRange> all = new ArrayList<>(fs.all());
        all.removeIf(r -> r.length() == 0);
        all.sort(Comparator.comparingLong(PvRange::length).reversed());
        if (all.size() < n) return null;
        return new ArrayList<>(all.subList(0, n));
    }
}
