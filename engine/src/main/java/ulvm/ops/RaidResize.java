package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import ulvm.alloc.AllocationException;
import ulvm.alloc.FreeSpace;
import ulvm.alloc.ImageAllocator;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.alloc.Segments;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.RaidLevels;
import ulvm.model.RaidSegment;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.store.VgCopies;

/**
 * lvextend, lvreduce and lvresize of a raid LV (lib/metadata/lv_manip.c lv_resize): every rimage grows or shrinks
 * by the same extents, the raid segment follows; rmeta LVs keep their size unless the bitmap needs fewer extents.
 * The striped levels (raid0, raid4/5/6, raid10) round the size to their data stripes and spread it over them.
 */
final class RaidResize {
    private final Session s;
    private final LvOps ops;

    RaidResize(Session s, LvOps ops) {
        this.s = s;
        this.ops = ops;
    }

    /** The LV's segment when it is of a striped raid level (raid0, raid4/5/6, raid10), else null. */
    static RaidSegment striped(Lv lv) {
        RaidSegment r = ulvm.segtype.RaidType.only(lv);
        return r != null && RaidLevels.striped(r.type()) ? r : null;
    }

    /** lv_manip.c _raid_stripes_count: the data images (raid10: the images over its two copies), 0 for raid1. */
    private static int stripesOf(RaidSegment seg) {
        if (!RaidLevels.striped(seg.type())) return 0;
        int n = seg.imageLvs().size();
        return RaidLevels.raid10(seg.type()) ? n / 2 : n - RaidLevels.parity(seg.type());
    }

    void resize(LvOps.Resize mode, LvOps.ResizeSpec r, VgCopies vc, Lv top, List<PvRange> ranges) throws LvmException {
        Vg vg = vc.vg();
        RaidSegment seg = ulvm.segtype.RaidType.only(top);
        String type = seg.type();
        int n = seg.imageLvs().size(), stripes = stripesOf(seg);
        long cur = top.extents();
        String name = vg.name() + "/" + top.name();
        if ((type.equals("raid4") || RaidLevels.raid5(type)) && n < 3)
            throw new LvmException("Cannot resize " + type + " LV " + name + ". Convert to more stripes first.");
        char sign = r.size().size() != null ? r.size().size().sign() : r.size().extents().sign();
        Sizes.Extents e = r.size().extents();
        String pct = e == null ? null : e.percentOf();
        boolean pes = pct != null && !pct.equals("LV");
        boolean approx = pes && (sign == 0 || sign == '+' && pct.equals("FREE"));
        long amount = amount(vg, vc, r, cur, ranges, sign);
        if (!pes) amount = ops.roundToStripes(vg, amount, stripes, !(sign == '-' || mode == LvOps.Resize.REDUCE));
        long target;
        boolean reducing;
        if (!pes) {
            if (sign == '-' && amount >= cur) throw new LvmException("Unable to reduce " + name + " below 1 extent.");
            target = sign == '+' ? cur + amount : sign == '-' ? cur - amount : amount;
            reducing = sign == '-' || sign == 0 && amount < cur;
        } else {
            // LVM2 counts physical extents here (rmeta included) and converts the change back per image
            long phys = physical(vg, seg);
            if (sign == '-' && amount >= phys) throw new LvmException("Unable to reduce " + name + " below 1 extent.");
            reducing = sign == '-' || sign == 0 && amount < phys;
            long wanted = sign == '-' ? phys - amount : amount;
            if (!reducing) target = cur + (sign == '+' ? amount : amount - phys) / n * Math.max(1, stripes);
            else target = wanted <= cur * n ? wanted / n : amount; // past the images' PEs LVM2 keeps the figure as is
        }
        if (!reducing) {
            boolean mirrored = type.equals("raid1") || RaidLevels.raid10(type); // seg_is_mirrored
            if (r.mirrors() == 0 && mirrored) s.say("Extending " + n + " mirror images.");
            else if (r.mirrors() != (mirrored ? n : 0)) throw new LvmException("Cannot vary number of mirrors in LV yet.");
            if (!RaidLevels.raid10(type) && (stripes == 0 ? r.stripes() > 1 : r.stripes() > 0 && r.stripes() != stripes))
                throw new LvmException("Unable to extend \"" + type + "\" segment type with different number of stripes.");
        } else if (mode == LvOps.Resize.RESIZE && (r.stripes() > 0 || r.stripeSize() > 0)) {
            s.say("Ignoring stripes, stripesize and mirrors arguments when reducing.");
        }
        if (target == 0) throw new LvmException("New size of 0 not permitted.");
        if (target == cur) throw new LvmException("New size (" + target + " extents) matches existing size (" + cur + " extents).");
        if (target < cur && mode == LvOps.Resize.EXTEND)
            throw new LvmException("New size given (" + target + " extents) not larger than existing size (" + cur + " extents)");
        if (target > cur && mode == LvOps.Resize.REDUCE)
            throw new LvmException("New size given (" + target + " extents) not less than existing size (" + cur + " extents)");
        Vg next;
        if (target > cur) {
            next = extend(vc, top, seg, target, r, ranges, approx);
            if (next == null) {
                s.say("Size of logical volume " + name + " unchanged from " + LvOps.size(vg, cur) + ".");
                s.say("Logical volume " + name + " successfully resized.");
                return;
            }
        } else {
            if (!r.pvArgs().isEmpty()) {
                if (mode == LvOps.Resize.REDUCE) throw LvmException.invalid("Command does not accept argument: " + r.pvArgs().get(0) + ".");
                s.say("Ignoring PVs on command line when reducing.");
            }
            ops.confirmReduce(vg, top, target, r.yes());
            next = reduce(vg, top, seg, target);
        }
        s.commit(vc, next);
        long now = next.lv(top.name()).orElseThrow().extents();
        s.say("Size of logical volume " + name + " changed from " + LvOps.size(vg, cur) + " to " + LvOps.size(vg, now) + ".");
        s.say("Logical volume " + name + " successfully resized.");
    }

    /** The size argument in extents: logical for -L, -l N and %LV; physical for %VG, %FREE and %PVS. */
    private long amount(Vg vg, VgCopies vc, LvOps.ResizeSpec r, long cur, List<PvRange> ranges, char sign) {
        if (r.size().size() != null) {
            long bytes = r.size().size().bytes(), es = vg.extentBytes();
            if (bytes % es == 0) return bytes / es;
            long ext = sign == '-' ? bytes / es : bytes / es + 1;
            s.say("Rounding size to boundary between physical extents: " + Sizes.human(ext * es) + ".");
            return ext;
        }
        Sizes.Extents e = r.size().extents();
        if (e.percentOf() == null) return e.count();
        long vgFree = ops.freeIn(ops.allocSpace(vc, List.of()), vg);
        long base = switch (e.percentOf()) {
            case "VG" -> vg.totalExtents();
            case "FREE" -> vgFree;
            case "PVS" -> ranges.isEmpty() ? vg.totalExtents() : ops.allocSpace(vc, ranges).total();
            default -> cur;
        };
        long ext = (e.count() * base + (sign == '-' ? 0 : 99)) / 100;
        if (e.percentOf().equals("VG") && sign == 0 && ext > cur + vgFree) {
            ext = cur + vgFree;
            s.say("Reducing " + e.count() + "%VG to remaining free space " + Sizes.human(ext * vg.extentBytes()) + " in VG.");
        }
        return ext;
    }

    /** The PEs of the raid LV and all its sub-LVs (lv_manip.c _lv_pe_count). */
    private static long physical(Vg vg, RaidSegment seg) {
        long n = 0;
        List<String> subs = new ArrayList<>(seg.imageLvs());
        for (String m : seg.metaLvs()) if (m != null) subs.add(m);
        for (String sub : subs) n += vg.lv(sub).map(Lv::extents).orElse(0L);
        return n;
    }

    private Vg extend(VgCopies vc, Lv top, RaidSegment seg, long target, LvOps.ResizeSpec r, List<PvRange> ranges, boolean approx)
            throws LvmException {
        Vg vg = vc.vg();
        int stripes = stripesOf(seg);
        long curImage = RaidLevels.imageExtents(seg.type(), top.extents(), seg.imageLvs().size());
        long add = RaidLevels.imageExtents(seg.type(), target, seg.imageLvs().size()) - curImage;
        List<ImageAllocator.Image> images = new ArrayList<>();
        for (int k = 0; k < seg.imageLvs().size(); k++) {
            Lv img = RaidImages.findLv(vg, seg.imageLvs().get(k));
            java.util.Set<String> leg = new java.util.LinkedHashSet<>(RaidImages.pvsOf(img));
            String meta = seg.metaLvs().get(k);
            if (meta != null) vg.lv(meta).ifPresent(m -> leg.addAll(RaidImages.pvsOf(m)));
            images.add(new ImageAllocator.Image(img.extents(), img.segments(), leg));
        }
        FreeSpace fs = ops.allocSpace(vc, ranges);
        int n = images.size();
        if (!approx && fs.total() < add * n)
            throw new LvmException("Insufficient free space: " + add * n + " extents needed, but only " + fs.total() + " available");
        Policy policy = r.policy() != null ? r.policy() : top.allocationPolicy() != null ? Policy.parse(top.allocationPolicy()) : Policy.NORMAL;
        List<List<Segment>> added;
        try {
            added = ImageAllocator.extend(fs, images, add, policy, approx, ops.clingRules(vg));
        } catch (AllocationException ex) {
            throw new LvmException("Insufficient suitable " + (policy == Policy.CONTIGUOUS ? "contiguous " : "") + "allocatable extents for logical volume " + top.name() + ": " + ex.missing() + " more required");
        }
        long got = added.get(0).stream().mapToLong(Segment::count).sum();
        if (got == 0) return null;
        long newSize = top.extents() + got * Math.max(1, stripes);
        Lv nextTop = top;
        if (r.nosync() && !top.hasStatus("NOTSYNCED")) nextTop = top.withStatusFlag("NOTSYNCED", true);
        if (nextTop.hasStatus("NOTSYNCED") && !s.hooks().isActive(vg.name(), top.name())) {
            // lv_extend: the sync state of an inactive array cannot be read
            s.tell("Unable to read sync percent while LV " + vg.name() + "/" + top.name() + " is not locally active.");
            if (!s.console().ask("Do full resync of extended portion of " + vg.name() + "/" + top.name() + "?  "))
                throw new LvmException(LvmException.FAILED, null);
        }
        long region = seg.regionSize();
        long min = (curImage + got) * vg.extentSize() / (1L << 21);
        while (region > 0 && region < min) region *= 2; // raid_ensure_min_region_size
        RaidSegment grown = new RaidSegment(seg.type(), seg.start(), newSize, region, seg.metaLvs(), seg.imageLvs(), seg.extras());
        Vg out = vg.withLv(nextTop.withSegments(List.of(grown)));
        for (int k = 0; k < n; k++) {
            Lv img = vg.lv(seg.imageLvs().get(k)).orElseThrow();
            List<Segment> segs = new ArrayList<>(img.segments());
            segs.addAll(added.get(k));
            out = out.withLv(img.withSegments(Segments.merge(segs)));
        }
        return out;
    }

    private static Vg reduce(Vg vg, Lv top, RaidSegment seg, long target) {
        int n = seg.imageLvs().size();
        long cur = RaidLevels.imageExtents(seg.type(), top.extents(), n);
        long image = RaidLevels.imageExtents(seg.type(), target, n);
        long region = seg.regionSize() == 0 ? RaidCreate.DEFAULT_REGION_SIZE : seg.regionSize();
        RaidSegment shrunk = new RaidSegment(seg.type(), seg.start(), target, seg.regionSize(), seg.metaLvs(), seg.imageLvs(), seg.extras());
        Vg out = vg.withLv(top.withSegments(List.of(shrunk)));
        // raid_rmeta_extents_delta: an rmeta shrinks only when its bitmap needs fewer extents
        long delta = RaidLegs.metaExtents(cur, region, vg.extentSize()) - RaidLegs.metaExtents(image, region, vg.extentSize());
        for (int k = 0; k < seg.imageLvs().size(); k++) {
            Lv img = vg.lv(seg.imageLvs().get(k)).orElseThrow();
            out = out.withLv(img.withSegments(Segments.truncate(img.segments(), image)));
            String m = seg.metaLvs().get(k);
            Lv meta = m == null ? null : vg.lv(m).orElse(null);
            if (meta != null && delta > 0 && delta < meta.extents())
                out = out.withLv(meta.withSegments(Segments.truncate(meta.segments(), meta.extents() - delta)));
        }
        return out;
    }
}
