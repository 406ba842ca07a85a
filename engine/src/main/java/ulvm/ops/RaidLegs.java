package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import ulvm.alloc.AllocationException;
import ulvm.alloc.Allocator;
import ulvm.alloc.FreeSpace;
import ulvm.alloc.Policy;
import ulvm.format.Uuid;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.store.MetadataWriter;

/**
 * Allocation of raid legs as LVM2 does it (lv_manip.c, alloc_and_split_meta): the legs are parallel areas, each
 * on its own PV; the rmeta takes the first extents of its leg's area and the rimage continues right after it.
 */
final class RaidLegs {
    /** One new leg: the segments of its rmeta (empty when none is wanted) and of its rimage, LEs from 0. */
    record Leg(List<Segment> meta, List<Segment> image) {}

    private RaidLegs() {}

    /** rmeta extents for an image of {@code imageExtents} (raid_manip.c _raid_rmeta_extents). */
    static long metaExtents(long imageExtents, long regionSize, long extentSize) {
        long regions = imageExtents * extentSize / regionSize;
        long bytes = 2 * 4096 + (regions + 7) / 8;
        long sectors = (bytes + 511) / 512;
        return (sectors + extentSize - 1) / extentSize;
    }

    /** {@code n} legs of {@code metaExt} + {@code dataExt} extents each, taken from {@code fs}. */
    static List<Leg> allocate(FreeSpace fs, int n, long metaExt, long dataExt, Policy policy) throws AllocationException {
        return allocate(fs, n, metaExt, dataExt, policy, false);
    }

    /**
     * As above; with {@code upTo}, LVM2's approximate allocation: as much of each leg as the space gives (the images
     * then hold less than {@code dataExt}), failing only when not even the rmeta and one extent fit.
     */
    static List<Leg> allocate(FreeSpace fs, int n, long metaExt, long dataExt, Policy policy, boolean upTo) throws AllocationException {
        return allocate(fs, n, metaExt, dataExt, policy, upTo, ulvm.alloc.ClingRules.DEFAULT);
    }

    /** As above under lvm.conf's cling rules: legs that each fit in one area go to PVs without a listed tag in common. */
    static List<Leg> allocate(FreeSpace fs, int n, long metaExt, long dataExt, Policy policy, boolean upTo, ulvm.alloc.ClingRules rules)
            throws AllocationException {
        long per = metaExt + dataExt;
        List<Segment> segs = Allocator.allocate(fs, 0, per * n, n, 0, policy == null ? Policy.NORMAL : policy, null, upTo, rules, List.of());
        long got = 0;
        for (Segment seg : segs) got += seg.areaLength();
        if (upTo && got <= metaExt) throw new AllocationException(per * n);
        List<Leg> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Segment> meta = new ArrayList<>(), image = new ArrayList<>();
            long done = 0;
            for (Segment s : segs) {
                Area.OnPv a = (Area.OnPv) s.areas().get(i);
                long len = s.areaLength(), pe = a.pe();
                if (done < metaExt) {
                    long m = Math.min(len, metaExt - done);
                    meta.add(StripedSegment.linear(done, m, new Area.OnPv(a.pvId(), pe)));
                    pe += m;
                    len -= m;
                    done += m;
                }
                if (len > 0) {
                    image.add(StripedSegment.linear(done - metaExt, len, new Area.OnPv(a.pvId(), pe)));
                    done += len;
                }
            }
            out.add(new Leg(meta, image));
        }
        return out;
    }

    /** A hidden sub-LV (rimage or rmeta) as LVM2 creates it: READ WRITE, no VISIBLE. */
    static Lv subLv(String name, List<Segment> segs, long time) {
        return new Lv(name, Uuid.generate(), List.of("READ", "WRITE"), List.of(), List.of(), time, MetadataWriter.hostname(), null,
                List.of(), ulvm.alloc.Segments.merge(segs));
    }
}
