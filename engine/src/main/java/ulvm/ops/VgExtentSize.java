package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import ulvm.alloc.FreeSpace;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.segtype.SegmentTypes;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * vgchange -s|--physicalextentsize, as LVM2 2.03.16's _vgchange_pesize and vg_set_extent_size (lib/metadata/vg.c):
 * allowed when every extent count of the VG (its size and free space, each PV's size, allocated space and free runs,
 * each LV's length, segments and areas) is a whole number of new extents; the first that is not is named. Only the
 * metadata changes: every byte stays where it is.
 */
public final class VgExtentSize {
    private final Session s;

    public VgExtentSize(Session s) { this.s = s; }

    public void change(List<String> names, long newBytes) throws LvmException {
        try (Scan scan = s.scan(true)) {
            for (String n : names.isEmpty() ? s.vgNames(scan) : names) {
                VgCopies vc = s.writableVg(scan, n);
                Vg vg = vc.vg();
                long next = newBytes / 512;
                if (next == vg.extentSize()) {
                    s.tell("Physical extent size of VG " + n + " is already " + Sizes.human(newBytes) + ".");
                } else {
                    if (!vg.status().contains("RESIZEABLE")) throw new LvmException("Volume group \"" + n + "\" must be resizeable to change PE size");
                    if (next == 0) throw new LvmException("Physical extent size may not be zero");
                    VgOps.extentSectors(newBytes);
                    s.commit(vc, rescaled(vg, next, vc));
                }
                s.say("Volume group \"" + n + "\" successfully changed");
            }
        }
    }

    /** The VG in extents of {@code next} sectors, checked in LVM2's order. */
    static Vg rescaled(Vg vg, long next, VgCopies vc) throws LvmException {
        long old = vg.extentSize();
        Scale sc = new Scale(old, next);
        long total = vg.totalExtents();
        if (next > old && total * old % next != 0) throw new LvmException("New extent size is not a perfect fit");
        sc.check(total, vg.name(), "");
        long used = 0;
        var usedRanges = FreeSpace.usedRanges(vg);
        for (var l : usedRanges.values()) for (long[] r : l) used += r[1] - r[0];
        sc.check(total - used, vg.name(), " free space");
        FreeSpace free = FreeSpace.of(vg, vg.pvs().stream().map(Pv::id).toList());
        List<Pv> pvs = new ArrayList<>();
        for (Pv p : vg.pvs()) {
            String name = vc.path(p.id()) != null ? vc.path(p.id()) : p.device();
            sc.check(p.peCount(), name, "");
            long alloc = 0;
            for (long[] r : usedRanges.getOrDefault(p.id(), List.of())) alloc += r[1] - r[0];
            sc.check(alloc, name, " allocated space");
            for (PvRange r : free.areas(p.id())) {
                sc.check(r.start(), name, " PV segment start");
                sc.check(r.end() - r.start(), name, " PV segment length");
            }
            pvs.add(p.withSize(p.devSize(), sc.to(p.peCount())));
        }
        List<Lv> lvs = new ArrayList<>();
        for (Lv lv : vg.lvs()) {
            sc.check(lv.extents(), lv.name(), "");
            List<Segment> segs = new ArrayList<>();
            for (Segment seg : lv.segments()) {
                sc.check(seg.start(), lv.name(), " segment start");
                sc.check(seg.count(), lv.name(), " segment length");
                sc.check(seg.areaLength(), lv.name(), " area length");
                List<Area> areas = new ArrayList<>();
                for (Area a : seg.areas()) {
                    if (a instanceof Area.OnPv on) {
                        sc.check(on.pe(), lv.name(), " pvseg start");
                        sc.check(seg.areaLength(), lv.name(), " pvseg length");
                        areas.add(new Area.OnPv(on.pvId(), sc.to(on.pe())));
                    } else if (a instanceof Area.OnLv on) {
                        sc.check(on.le(), lv.name(), " area start");
                        areas.add(new Area.OnLv(on.lv(), sc.to(on.le())));
                    }
                }
                segs.add(scaled(seg, sc, areas, lv.name()));
            }
            lvs.add(lv.withSegments(segs));
        }
        return new Vg(vg.name(), vg.id(), vg.seqno(), vg.status(), vg.flags(), next, vg.maxLv(), vg.maxPv(), vg.metadataCopies(), vg.extras(), pvs, lvs);
    }

    /**
     * The segment in new extents, by its type. Start and length are checked already; what else the type passes
     * through (a pvmove's extents moved) is checked on the way, in LVM2's words.
     */
    private static Segment scaled(Segment seg, Scale sc, List<Area> areas, String lv) throws LvmException {
        Segment r;
        try {
            r = SegmentTypes.of(seg).rescaled(seg, n -> {
                sc.uncheckedCheck(n, lv, " extents moved");
                return sc.to(n);
            });
        } catch (NotExact e) {
            throw new LvmException(e.getMessage());
        }
        if (r == null)
            throw new LvmException("Cannot change the extent size of LV " + lv + ": segment type " + seg.type() + " is not supported by this version of ulvm yet.");
        return r.withAreas(areas);
    }

    private static final class NotExact extends RuntimeException {
        NotExact(String m) { super(m); }
    }

    /** Extent counts from old to new extents; LVM2's _recalc_extents refusal when one does not divide. */
    private record Scale(long old, long next) {
        void check(long extents, String desc1, String desc2) throws LvmException {
            long sectors = extents * old;
            if (sectors % next != 0)
                throw new LvmException("New size " + sectors + " for " + desc1 + desc2 + " not an exact number of new extents.");
            if (sectors / next > 0xFFFFFFFFL) throw new LvmException("New extent count " + sectors / next + " for " + desc1 + desc2 + " exceeds 32 bits.");
        }

        long to(long extents) { return extents * old / next; }

        void uncheckedCheck(long extents, String desc1, String desc2) {
            try {
                check(extents, desc1, desc2);
            } catch (LvmException e) {
                throw new NotExact(e.getMessage());
            }
        }
    }
}
