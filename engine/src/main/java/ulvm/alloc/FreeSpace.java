package ulvm.alloc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.Vg;

/** Free extents per PV, derived from a VG: every PE not used by any segment. Mutable while allocating. */
public final class FreeSpace {
    private final Map<String, List<PvRange>> free = new LinkedHashMap<>();

    private FreeSpace() {}

    /** All free extents of the given PVs of {@code vg} (in VG order), whether allocatable or not. */
    public static FreeSpace of(Vg vg, Collection<String> pvIds) {
        FreeSpace fs = new FreeSpace();
        Map<String, List<long[]>> used = usedRanges(vg);
        for (Pv p : vg.pvs()) {
            if (!pvIds.contains(p.id())) continue;
            List<long[]> u = used.getOrDefault(p.id(), List.of());
            List<PvRange> f = new ArrayList<>();
            long at = 0;
            for (long[] r : u) {
                if (r[0] > at) f.add(new PvRange(p.id(), at, r[0]));
                at = Math.max(at, r[1]);
            }
            if (at < p.peCount()) f.add(new PvRange(p.id(), at, p.peCount()));
            fs.free.put(p.id(), f);
        }
        return fs;
    }

    /** Used PE ranges of every PV, sorted. */
    public static Map<String, List<long[]>> usedRanges(Vg vg) {
        Map<String, List<long[]>> used = new LinkedHashMap<>();
        for (Lv lv : vg.lvs())
            for (Segment s : lv.segments())
                for (Area a : s.areas())
                    if (a instanceof Area.OnPv on)
                        used.computeIfAbsent(on.pvId(), k -> new ArrayList<>()).add(new long[] {on.pe(), on.pe() + s.areaLength()});
        for (List<long[]> l : used.values()) l.sort((x, y) -> Long.compare(x[0], y[0]));
        return used;
    }

    /** Keeps only the extents inside {@code ranges} (PE-range arguments); PVs without a range are dropped. */
    public FreeSpace restrict(List<PvRange> ranges) {
        FreeSpace out = new FreeSpace();
        for (Map.Entry<String, List<PvRange>> e : free.entrySet()) {
            List<PvRange> kept = new ArrayList<>();
            for (PvRange f : e.getValue())
                for (PvRange r : ranges) {
                    if (!r.pvId().equals(e.getKey())) continue;
                    long s = Math.max(f.start(), r.start()), t = Math.min(f.end(), r.end());
                    if (s < t) kept.add(new PvRange(e.getKey(), s, t));
                }
            kept.sort((a, b) -> Long.compare(a.start(), b.start()));
            // ranges given twice overlap: merge
            List<PvRange> merged = new ArrayList<>();
            for (PvRange r : kept) {
                if (!merged.isEmpty() && merged.get(merged.size() - 1).end() >= r.start()) {
                    PvRange last = merged.remove(merged.size() - 1);
                    merged.add(new PvRange(r.pvId(), last.start(), Math.max(last.end(), r.end())));
                } else merged.add(r);
            }
            if (!merged.isEmpty()) out.free.put(e.getKey(), merged);
        }
        return out;
    }

    public List<String> pvIds() { return new ArrayList<>(free.keySet()); }

    public List<PvRange> areas(String pvId) { return free.getOrDefault(pvId, List.of()); }

    public List<PvRange> all() {
        List<PvRange> out = new ArrayList<>();
        for (List<PvRange> l : free.values()) out.addAll(l);
        return out;
    }

    public long total() {
        long n = 0;
        for (PvRange r : all()) n += r.length();
        return n;
    }

    public long total(String pvId) {
        long n = 0;
        for (PvRange r : areas(pvId)) n += r.length();
        return n;
    }

    /** Marks [start, start+len) of a PV as used. */
    public void take(String pvId, long start, long len) {
        List<PvRange> l = free.get(pvId);
        List<PvRange> out = new ArrayList<>();
        for (PvRange r : l) {
            if (start >= r.end() || start + len <= r.start()) { out.add(r); continue; }
            if (r.start() < start) out.add(new PvRange(pvId, r.start(), start));
            if (start + len < r.end()) out.add(new PvRange(pvId, start + len, r.end()));
        }
        free.put(pvId, out);
    }

    /** The free area that begins exactly at {@code pe} of a PV, if any. */
    public PvRange startingAt(String pvId, long pe) {
        for (PvRange r : areas(pvId)) if (r.start() == pe) return r;
        return null;
    }
}
