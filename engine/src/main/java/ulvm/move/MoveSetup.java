package ulvm.move;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import ulvm.alloc.AllocationException;
import ulvm.alloc.FreeSpace;
import ulvm.alloc.MoveAllocator;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.format.Uuid;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;
import ulvm.segtype.SegmentType;
import ulvm.segtype.SegmentTypes;
import ulvm.segtype.StripedType;

/**
 * Builds the pvmove LV as LVM2's _set_up_pvmove_lv does: PV trimming for raid and mirror LVs, the moved areas
 * (split at PE-range edges) in VG LV order, destination allocation, the parents split at the allocated pieces.
 * Pure: returns the VG to commit, or throws with LVM2's messages.
 */
public final class MoveSetup {
    /** Default region size in sectors (2 x activation/raid_region_size). */
    static final long REGION = 4096;

    /**
     * {@code ranges}: the source PE ranges (empty: whole PV). {@code candidates}: the destination PV list in order
     * (source already removed unless anywhere). {@code destRanges}: PE ranges per destination PV given with ranges.
     * {@code policy} resolved (no INHERIT).
     */
    public record Request(String source, List<PvRange> ranges, List<String> candidates, Map<String, List<PvRange>> destRanges,
                          String lvName, Policy policy, boolean atomic, long now, String host, ulvm.alloc.ClingRules cling) {
        public Request(String source, List<PvRange> ranges, List<String> candidates, Map<String, List<PvRange>> destRanges,
                       String lvName, Policy policy, boolean atomic, long now, String host) {
            this(source, ranges, candidates, destRanges, lvName, policy, atomic, now, host, ulvm.alloc.ClingRules.DEFAULT);
        }
    }

    private record Moved(String lv, long pvmoveLe, long srcPe, long len, Set<String> parallel) {}

    private MoveSetup() {}

    public static Vg build(Vg vg, Request r, Consumer<String> say) throws LvmException {
        String name = MoveLvs.nextName(vg);
        List<String> candidates = trim(vg, r);
        Map<String, Lv> changed = new LinkedHashMap<>();
        List<Moved> moved = new ArrayList<>();
        long[] len = {0};
        boolean found = false, skipped = false;
        for (Lv lv : vg.lvs()) {
            if (r.lvName() != null) {
                if (!lv.name().equals(r.lvName()) && !MoveLvs.subLvOf(vg, lv, r.lvName())) continue;
                found = true;
            }
            if (lv.segments().isEmpty() || StripedType.view(lv.segments().get(0)) == null) continue;
            if (!MoveLvs.isOn(vg, lv, r.source())) continue;
            if (lv.hasStatus("LOCKED")) {
                skipped = true;
                say.accept("Skipping locked LV " + vg.name() + "/" + lv.name() + ".");
                continue;
            }
            int before = moved.size();
            List<Segment> segs = insertLayer(splitForRanges(lv.segments(), r), r, name, moved, len, lv.name());
            if (moved.size() > before) changed.put(lv.name(), lv.withSegments(segs).withStatusFlag("LOCKED", true));
        }
        if (r.lvName() != null && !found) throw new LvmException("Logical volume " + r.lvName() + " not found.");
        if (moved.isEmpty()) {
            String msg = "No data to move for " + vg.name() + ".";
            if (skipped) msg = "All data on source PV skipped. It contains locked, hidden or non-top level LVs only.\n" + msg;
            throw new LvmException(msg);
        }
        List<MoveAllocator.Piece> pieces = allocate(vg, r, candidates, moved, name);
        long region = regionSize(len[0] * vg.extentSize());
        return assemble(vg, r, name, changed, moved, pieces, region);
    }

    /** Pass 1: PVs of raid and mirror LVs on the source are no destinations (LVM2 keeps their legs apart). */
    private static List<String> trim(Vg vg, Request r) {
        List<String> out = new ArrayList<>(r.candidates());
        if (r.policy() == Policy.ANYWHERE) return out;
        String top = r.lvName() == null ? null : MoveLvs.topLevelName(r.lvName());
        for (Lv lv : vg.lvs()) {
            if (top != null && !lv.name().equals(top)) continue;
            if (!MoveLvs.isOn(vg, lv, r.source()) || lv.segments().isEmpty()) continue;
            Segment first = lv.segments().get(0);
            SegmentType t = SegmentTypes.of(first);
            if (!t.raid() && !t.mirror()) continue;
            Set<String> trim = new LinkedHashSet<>(MoveLvs.pvsOf(vg, lv));
            if (r.lvName() != null && t.raid() && !lv.name().equals(r.lvName())) {
                // -n LV_rimage_K may share a PV with LV_rmeta_K (and the other way round)
                String sib = r.lvName().contains("_rimage_") ? r.lvName().replace("_rimage_", "_rmeta_")
                        : r.lvName().replace("_rmeta_", "_rimage_");
                vg.lv(sib).ifPresent(s -> trim.removeAll(MoveLvs.pvsOf(vg, s)));
            }
            out.removeAll(trim);
        }
        return out;
    }

    private static boolean inRanges(long pe, List<PvRange> ranges) {
        if (ranges.isEmpty()) return true;
        for (PvRange x : ranges) if (pe >= x.start() && pe < x.end()) return true;
        return false;
    }

    /** LVM2's _align_segment_boundary_to_pe_range: no source area straddles a range edge. */
    static List<Segment> splitForRanges(List<Segment> segs, Request r) {
        List<Segment> out = new ArrayList<>(segs);
        if (r.ranges().isEmpty()) return out;
        outer:
        for (int k = 0; k < out.size(); k++) {
            StripedSegment st = StripedType.view(out.get(k));
            if (st == null) continue;
            long alen = st.areaLength();
            for (Area a : st.stripes()) {
                if (!(a instanceof Area.OnPv on) || !on.pvId().equals(r.source())) continue;
                long s = on.pe(), e = on.pe() + alen;
                for (PvRange x : r.ranges()) {
                    if (x.start() >= e || x.end() <= s) continue;
                    long off = x.start() > s ? x.start() - s : x.end() < e ? x.end() - s : 0;
                    if (off == 0) continue;
                    out.remove(k);
                    out.addAll(k, MoveSplit.at(st, off));
                    k--;
                    continue outer;
                }
            }
        }
        return out;
    }

    private static List<Segment> insertLayer(List<Segment> segs, Request r, String name, List<Moved> moved, long[] len, String lv) {
        List<Segment> out = new ArrayList<>();
        for (Segment seg : segs) {
            StripedSegment st = StripedType.view(seg);
            if (st == null) { out.add(seg); continue; }
            Set<String> parallel = new LinkedHashSet<>();
            for (Area a : st.stripes()) if (a instanceof Area.OnPv on) parallel.add(on.pvId());
            List<Area> areas = new ArrayList<>(st.stripes());
            for (int i = 0; i < areas.size(); i++) {
                if (!(areas.get(i) instanceof Area.OnPv on) || !on.pvId().equals(r.source()) || !inRanges(on.pe(), r.ranges())) continue;
                moved.add(new Moved(lv, len[0], on.pe(), st.areaLength(), parallel));
                areas.set(i, new Area.OnLv(name, len[0]));
                len[0] += st.areaLength();
            }
            out.add(new StripedSegment(st.start(), st.count(), st.stripeSize(), areas));
        }
        return out;
    }

    private static List<MoveAllocator.Piece> allocate(Vg vg, Request r, List<String> candidates, List<Moved> moved, String name)
            throws LvmException {
        List<String> usable = new ArrayList<>();
        for (String id : candidates) if (vg.pv(id).map(p -> p.allocatable() && !p.missingFlag()).orElse(false)) usable.add(id);
        FreeSpace fs = FreeSpace.of(vg, usable);
        List<PvRange> keep = new ArrayList<>();
        for (String id : usable) {
            List<PvRange> dr = r.destRanges().get(id);
            if (dr == null || dr.isEmpty()) keep.add(new PvRange(id, 0, vg.pv(id).orElseThrow().peCount()));
            else keep.addAll(dr);
        }
        fs = fs.restrict(keep);
        List<MoveAllocator.Chunk> chunks = new ArrayList<>();
        long need = 0;
        for (Moved m : moved) {
            // with a cling_tag_list, PVs sharing a listed tag with a parallel PV are parallel too (LVM2's _pv_is_parallel)
            Set<String> parallel = new LinkedHashSet<>(m.parallel());
            for (String id : usable) if (m.parallel().stream().anyMatch(p -> r.cling().tagsMatch(p, id))) parallel.add(id);
            chunks.add(new MoveAllocator.Chunk(m.len(), parallel));
            need += m.len();
        }
        String tail = "\nUnable to allocate mirror extents for " + vg.name() + "/" + name + ".\nFailed to convert pvmove LV to mirrored.";
        if (need > fs.total()) throw new LvmException("Insufficient free space: " + need + " extents needed, but only " + fs.total() + " available" + tail);
        try {
            return MoveAllocator.allocate(chunks, candidates, fs, r.policy());
        } catch (AllocationException e) {
            throw new LvmException("Insufficient suitable " + (r.policy() == Policy.CONTIGUOUS ? "contiguous " : "")
                    + "allocatable extents for logical volume : " + e.missing() + " more required" + tail);
        }
    }

    /** adjusted_mirror_region_size: the default, or the largest power of two within a smaller pvmove LV. */
    static long regionSize(long sectors) {
        if (sectors >= REGION) return REGION;
        return Long.highestOneBit(Math.max(1, sectors));
    }

    private static Vg assemble(Vg vg, Request r, String name, Map<String, Lv> changed, List<Moved> moved,
                               List<MoveAllocator.Piece> pieces, long region) {
        List<Segment> mirror = new ArrayList<>(), img0 = new ArrayList<>(), img1 = new ArrayList<>();
        TreeSet<Long> bounds = new TreeSet<>();
        long[] off = new long[moved.size()];
        for (MoveAllocator.Piece p : pieces) {
            Moved m = moved.get(p.chunk());
            long le = m.pvmoveLe() + off[p.chunk()];
            Area src = new Area.OnPv(r.source(), m.srcPe() + off[p.chunk()]);
            Area dst = new Area.OnPv(p.pvId(), p.pe());
            off[p.chunk()] += p.len();
            bounds.add(le);
            mirror.add(new MirrorSegment(le, p.len(), region, null, 0L, List.of(src, dst)));
            img0.add(StripedSegment.linear(le, p.len(), src));
            img1.add(StripedSegment.linear(le, p.len(), dst));
        }
        Vg next = vg;
        for (Lv lv : changed.values()) next = next.withLv(lv.withSegments(splitAtPieces(lv.segments(), name, bounds)));
        List<String> status = List.of("READ", "WRITE", "PVMOVE", "LOCKED");
        long total = mirror.isEmpty() ? 0 : mirror.get(mirror.size() - 1).end();
        if (!r.atomic()) return next.withLv(new Lv(name, Uuid.generate(), status, List.of(), List.of(), r.now(), r.host(), "contiguous", List.of(), mirror));
        String i0 = name + "_mimage_0", i1 = name + "_mimage_1";
        MirrorSegment one = new MirrorSegment(0, total, region, null, 0L, List.of(new Area.OnLv(i0, 0), new Area.OnLv(i1, 0)));
        next = next.withLv(new Lv(name, Uuid.generate(), status, List.of(), List.of(), r.now(), r.host(), "contiguous", List.of(), List.of(one)));
        next = next.withLv(new Lv(i0, Uuid.generate(), List.of("READ", "WRITE"), List.of(), List.of(), r.now(), r.host(), null, List.of(), img0));
        return next.withLv(new Lv(i1, Uuid.generate(), List.of("READ", "WRITE"), List.of(), List.of(), r.now(), r.host(), null, List.of(), img1));
    }

    /** LVM2's split_parent_segments_for_layer: a parent area never spans two pvmove segments. */
    private static List<Segment> splitAtPieces(List<Segment> segs, String name, TreeSet<Long> bounds) {
        List<Segment> out = new ArrayList<>(segs);
        outer:
        for (int k = 0; k < out.size(); k++) {
            StripedSegment st = StripedType.view(out.get(k));
            if (st == null) continue;
            for (Area a : st.stripes()) {
                if (!(a instanceof Area.OnLv on) || !on.lv().equals(name)) continue;
                Long b = bounds.higher(on.le());
                if (b != null && b < on.le() + st.areaLength()) {
                    out.remove(k);
                    out.addAll(k, MoveSplit.at(st, b - on.le()));
                    continue outer;
                }
            }
        }
        return out;
    }
}
