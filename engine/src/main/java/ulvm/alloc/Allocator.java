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
 * previous segment when extending. Anywhere: like normal, but stripes may share a PV when PVs run out. An extension
 * that cannot continue clings first to the LV's PVs, then to PVs sharing a cling_tag_list tag ({@link ClingRules});
 * with the cling policy it takes space nowhere else (LVM2's ALLOC_CLING and ALLOC_CLING_BY_TAGS).
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
        return allocate(fs, le0, extents, stripes, stripeSize, policy, continueAt, upTo, ClingRules.DEFAULT, List.of());
    }

    /**
     * As above, extending an LV made of {@code lvSegments} under {@code rules}: when the extension cannot continue
     * right after the LV's last segment, it clings first to the PVs of the LV's first segment (maximise_cling) or
     * last segment (without), then, with a cling_tag_list, to PVs sharing a listed tag with them (LVM2's cling and
     * cling_by_tags passes, which normal and anywhere allocations go through too).
     */
    public static List<Segment> allocate(FreeSpace fs, long le0, long extents, int stripes, long stripeSize, Policy policy,
                                         List<Area.OnPv> continueAt, boolean upTo, ClingRules rules, List<Segment> lvSegments)
            throws AllocationException {
        if (extents % stripes != 0) throw new IllegalArgumentException("extents not a multiple of stripes");
        long remaining = extents / stripes;
        long le = le0;
        List<Segment> out = new ArrayList<>();
        List<Area.OnPv> hint = continueAt != null && continueAt.size() == stripes ? continueAt : null;
        List<Area.OnPv> clingTo = null; // the PVs this allocation has used so far
        List<String> slots = hint == null ? null : slots(lvSegments, stripes, rules.maximise(), hint);
        while (remaining > 0) {
            List<PvRange> chosen = adjacent(fs, hint);
            if (policy == Policy.CONTIGUOUS) {
                // an extension must continue right after the previous segment; a new LV needs one area per stripe
                if (chosen == null && hint == null) chosen = firstFitting(fs, stripes, remaining, out.isEmpty() ? rules : null);
                if (chosen == null && hint == null && upTo) chosen = largestPerPv(fs, stripes, false);
                if (chosen == null && upTo) break;
                if (chosen == null || minLength(chosen) < remaining && !upTo) throw new AllocationException(remaining * stripes);
            } else {
                if (chosen == null && slots != null) chosen = clingToLv(fs, slots, rules, false);
                if (chosen == null && slots != null && rules.byTags()) chosen = clingToLv(fs, slots, rules, true);
                if (policy == Policy.CLING && slots != null) { // an extension clings to the LV's PVs (or tags), and to nothing else
                    if (chosen == null && upTo) break;
                    if (chosen == null) throw new AllocationException(remaining * stripes);
                }
                if (chosen == null && clingTo != null) chosen = cling(fs, clingTo); // LVM2's cling pass: A_CLING_TO_ALLOCED, whatever maximise_cling
                // LVM2's contiguous pass of a new allocation: stripes each in one area, on PVs with no listed tag in common
                if (chosen == null && hint == null && out.isEmpty() && rules.byTags()) chosen = firstFitting(fs, stripes, remaining, rules);
                if (chosen == null) chosen = firstFitting(fs, stripes, remaining, null);
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
     * LVM2's cling pass to what this allocation already took (A_CLING_TO_ALLOCED, with or without maximise_cling):
     * the rest of an allocation goes preferably to the PVs its earlier parts used, each stripe on its own PV: that PV's first area large enough for the rest, else its largest.
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

    /**
     * For each stripe, the PV an extension clings to (LVM2's _check_cling): that stripe's PV in the LV's first segment
     * with maximise_cling (LVM2 looks from LE 0, but only through the segment holding it), else in its last segment.
     */
    private static List<String> slots(List<Segment> lvSegments, int stripes, boolean maximise, List<Area.OnPv> hint) {
        List<String> out = new ArrayList<>();
        Segment first = maximise && !lvSegments.isEmpty() ? lvSegments.get(0) : null;
        for (int k = 0; k < stripes; k++)
            out.add(first == null ? hint.get(k).pvId()
                    : k < first.areas().size() && first.areas().get(k) instanceof Area.OnPv on ? on.pvId() : null);
        return out;
    }

    /**
     * LVM2's cling (or cling_by_tags) pass for an extension: in PV order, each PV's largest free area fills the first
     * stripe still empty that clings to that PV, or with {@code byTags} share a cling_tag_list tag with it; null
     * unless every stripe is filled.
     */
    private static List<PvRange> clingToLv(FreeSpace fs, List<String> slots, ClingRules rules, boolean byTags) {
        PvRange[] out = new PvRange[slots.size()];
        int filled = 0;
        for (String pv : fs.pvIds()) {
            PvRange best = null;
            for (PvRange r : fs.areas(pv)) if (r.length() > 0 && (best == null || r.length() > best.length())) best = r;
            if (best == null) continue;
            int k = slotFor(slots, out, pv, rules, false);
            if (k < 0 && byTags) k = slotFor(slots, out, pv, rules, true);
            if (k < 0) continue;
            out[k] = best;
            if (++filled == out.length) return new ArrayList<>(List.of(out));
        }
        return null;
    }

    private static int slotFor(List<String> slots, PvRange[] filled, String pv, ClingRules rules, boolean byTags) {
        for (int k = 0; k < slots.size(); k++) {
            String used = slots.get(k);
            if (filled[k] == null && used != null && (byTags ? rules.tagsMatch(used, pv) : used.equals(pv))) return k;
        }
        return -1;
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
     * LVM2's first choice: in PV order, the first free area of each PV that holds the whole remaining length; null
     * unless {@code n} PVs have one. With {@code partition} (a new LV under a cling_tag_list: LVM2's
     * A_PARTITION_BY_TAGS), a PV sharing a listed tag with one already chosen is passed over.
     */
    private static List<PvRange> firstFitting(FreeSpace fs, int n, long len, ClingRules partition) {
        List<PvRange> out = new ArrayList<>();
        for (String pv : fs.pvIds()) {
            if (partition != null && partition.byTags() && out.stream().anyMatch(r -> partition.tagsMatch(r.pvId(), pv))) continue;
            for (PvRange r : fs.areas(pv)) {
                if (r.length() >= len) {
                    out.add(r);
                    break;
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
