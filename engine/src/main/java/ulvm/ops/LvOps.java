package ulvm.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ulvm.alloc.AllocationException;
import ulvm.alloc.Allocator;
import ulvm.alloc.FreeSpace;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.alloc.Segments;
import ulvm.api.LvmException;
import ulvm.format.Uuid;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;
import ulvm.segtype.SegmentTypes;
import ulvm.store.MetadataWriter;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/** lvcreate (linear, striped), lvextend, lvreduce, lvresize, lvremove, lvrename. */
public final class LvOps {
    public static final long DEFAULT_STRIPE_SIZE = 64 * 1024;
    /** LVM2's STRIPE_SIZE_LIMIT (sectors); it refuses stripe sizes above twice that, and prints the limit itself. */
    static final long STRIPE_SIZE_LIMIT_SECTORS = 1L << 30;
    private final Session s;

    public LvOps(Session s) { this.s = s; }

    /** A size given as bytes (-L) or as extents (-l); exactly one is set. */
    public record SizeArg(Sizes.Size size, Sizes.Extents extents) {}

    /**
     * lvcreate of a linear or striped LV. {@code stripeSize} in bytes, 0 for the default; {@code policy} null for
     * inherit.
     */
    public record CreateSpec(String vg, String name, SizeArg size, int stripes, long stripeSize, List<String> pvArgs,
                             Policy policy, boolean readOnly, boolean zero) {}

    /** Splits "vg/lv" or "/dev/vg/lv"; {@code defaultVg} used when only a name is given (may be null). */
    public static String[] vgLv(String arg, String defaultVg) throws LvmException {
        String a = ulvm.api.DevPaths.strip(arg);
        int slash = a.indexOf('/');
        if (slash < 0) {
            if (defaultVg == null) throw LvmException.invalid("Please specify a logical volume path.");
            return new String[] {defaultVg, a};
        }
        String vg = a.substring(0, slash), lv = a.substring(slash + 1);
        if (defaultVg != null && !defaultVg.equals(vg))
            throw LvmException.invalid("Inconsistent volume group names given: \"" + vg + "\" and \"" + defaultVg + "\"");
        return new String[] {vg, lv};
    }

    static String size(Vg vg, long extents) {
        return Sizes.human(extents * vg.extentBytes()) + " (" + extents + " extents)";
    }

    /** LVs that are open through the mount: refused for removal and renames. */
    static void checkNotInUse(Session s, Vg vg, List<Lv> lvs) throws LvmException {
        for (Lv l : lvs)
            if (s.hooks().isOpen(vg.name(), l.name())) throw new LvmException("Logical volume " + vg.name() + "/" + l.name() + " in use.");
    }

    long freeIn(FreeSpace fs, Vg vg) {
        long n = 0;
        for (Pv p : vg.pvs()) if (p.allocatable()) n += fs.total(p.id());
        return n;
    }

    /** The free space allocation may use: allocatable PVs, restricted to the PV arguments if any. */
    FreeSpace allocSpace(VgCopies vc, List<PvRange> ranges) {
        Vg vg = vc.vg();
        List<String> ids = new ArrayList<>();
        for (Pv p : vg.pvs()) if (p.allocatable() && vc.devices().containsKey(p.id())) ids.add(p.id());
        FreeSpace fs = FreeSpace.of(vg, ids);
        return ranges.isEmpty() ? fs : fs.restrict(ranges);
    }

    /**
     * The size asked for, in extents. {@code current}: the LV's size when resizing, -1 when creating. A percentage
     * is of the VG's extents, its free extents, the free extents of the PV arguments (all the VG's extents without
     * any), or the LV's; lvcreate rounds it down, a resize up unless reducing (lvcreate.c _update_extents_params,
     * lv_manip.c _lvresize_extents_from_percent).
     */
    long extentsFor(Vg vg, SizeArg arg, long current, FreeSpace all, List<PvRange> ranges, boolean relative) throws LvmException {
        if (arg.size() != null) {
            long bytes = arg.size().bytes();
            // rounded up, except that a reduction by an amount removes at most that amount
            boolean down = current >= 0 && arg.size().sign() == '-';
            long ext = down ? bytes / vg.extentBytes() : (bytes + vg.extentBytes() - 1) / vg.extentBytes();
            if (bytes % vg.extentBytes() != 0) {
                if (current < 0) s.say("Rounding up size to full physical extent " + Sizes.human(ext * vg.extentBytes()));
                else s.say("Rounding size to boundary between physical extents: " + Sizes.human(ext * vg.extentBytes()) + ".");
            }
            return ext;
        }
        Sizes.Extents e = arg.extents();
        if (e.percentOf() == null) return e.count();
        boolean creating = current < 0;
        long free = freeIn(all, vg);
        long base = switch (e.percentOf()) {
            case "VG" -> vg.totalExtents();
            case "FREE" -> free;
            case "PVS" -> ranges.isEmpty() ? vg.totalExtents() : all.restrict(ranges).total();
            case "LV" -> {
                if (creating) throw new LvmException("Please express size as %FREE, %PVS or %VG.");
                yield current;
            }
            default -> throw LvmException.invalid("Percentage of " + e.percentOf() + " is not supported here.");
        };
        long ext = Sizes.percentOf(e.count(), base, !creating && e.sign() != '-');
        if (e.percentOf().equals("VG") && (creating || e.sign() == 0)) {
            long room = creating ? free : current + free;
            if (ext > room) {
                ext = room;
                s.say("Reducing " + e.count() + "%VG to remaining free space " + Sizes.human(room * vg.extentBytes()) + " in VG.");
            }
        }
        if (creating && ext == 0) throw new LvmException("Calculated size of logical volume is 0 extents. Needs to be larger.");
        return ext;
    }

    /** LVM2's approximate allocation: a percentage of VG, FREE or PVS is an upper limit, not a requirement. */
    static boolean approximate(SizeArg arg, boolean creating) {
        Sizes.Extents e = arg.extents();
        if (e == null || e.percentOf() == null) return false;
        if (creating) return true;
        boolean pes = !e.percentOf().equals("LV") && !e.percentOf().equals("ORIGIN");
        return pes && e.sign() == 0 || e.sign() == '+' && e.percentOf().equals("FREE");
    }

    public void lvcreate(CreateSpec c) throws LvmException {
        String name = c.name();
        if (name != null) Names.checkLv(c.vg(), name);
        if (c.stripes() < 1) throw LvmException.invalid("Number of stripes must be at least 1.");
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, c.vg());
            Vg vg = vc.vg();
            if (name == null) name = SnapshotRoles.generateName(vg, "lvol"); // LVM2: the highest lvolN + 1
            if (vg.lv(name).isPresent()) throw new LvmException("Logical Volume \"" + name + "\" already exists in volume group \"" + vg.name() + "\"");
            List<PvRange> ranges = PvArgs.parse(c.pvArgs(), vc, s);
            FreeSpace all = allocSpace(vc, List.of());
            FreeSpace fs = allocSpace(vc, ranges);
            int stripes = c.stripes();
            if (stripes > 1 && stripes > vg.pvs().size() && c.policy() != Policy.ANYWHERE)
                throw new LvmException("Number of stripes (" + stripes + ") must not exceed number of physical volumes (" + vg.pvs().size() + ")");
            long requested = stripes > 1 ? requestedStripeSize(c.stripeSize(), "Using default stripesize 64.00 KiB.") : 0;
            long ext = extentsFor(vg, c.size(), -1, all, ranges, false);
            if (ext == 0) throw LvmException.invalid(c.size().size() != null ? "--size may not be zero." : "--extents may not be zero.");
            boolean approx = approximate(c.size(), true);
            if (approx && stripes > 1) ext = percentToStripes(vg, ext, stripes, requested, all);
            long stripeSize = stripes > 1 ? fitStripeSize(vg, requested, "Reducing requested stripe size ") : 0;
            ext = roundToStripes(vg, ext, stripes);
            if (ext == 0) throw new LvmException("Internal error: Unable to create new logical volume with no extents.");
            if (approx) {
                // no check of the free space: the allocation takes what there is
            } else if (ranges.isEmpty()) {
                long free = fs.total();
                if (free < ext) throw new LvmException("Volume group \"" + vg.name() + "\" has insufficient free space (" + free + " extents): " + ext + " required.");
            } else if (fs.total() < ext) {
                throw new LvmException("Insufficient free space: " + ext + " extents needed, but only " + fs.total() + " available");
            }
            Policy policy = c.policy() == null ? Policy.NORMAL : c.policy();
            List<Segment> segs;
            try {
                segs = Allocator.allocate(fs, 0, ext, stripes, stripeSize / 512, policy, null, approx, clingRules(vg), List.of());
            } catch (AllocationException ex) {
                throw new LvmException("Insufficient suitable " + (policy == Policy.CONTIGUOUS ? "contiguous " : "") + "allocatable extents for logical volume " + name + ": " + ex.missing() + " more required");
            }
            if (segs.isEmpty())
                throw new LvmException("Insufficient suitable " + (policy == Policy.CONTIGUOUS ? "contiguous " : "") + "allocatable extents found for logical volume " + name + ".");
            List<String> status = c.readOnly() ? List.of("READ", "VISIBLE") : List.of("READ", "WRITE", "VISIBLE");
            Lv lv = s.shapeNewLv(new Lv(name, Uuid.generate(), status, List.of(), s.newTags(), System.currentTimeMillis() / 1000, MetadataWriter.hostname(),
                    c.policy() == null || c.policy() == Policy.INHERIT ? null : c.policy().text(), List.of(), Segments.merge(segs)));
            Vg next = vg.withLv(lv);
            if (c.zero()) LvZero.zeroStart(vc, next, lv);
            new ThinCreate(s).overprovisioning(next, lv);
            s.commit(vc, next);
            if (!c.zero() && !s.testing()) s.tell("WARNING: Logical volume " + vg.name() + "/" + name + " not zeroed."); // LVM2 zeroes nothing in test mode
            s.say("Logical volume \"" + name + "\" created.");
        }
    }

    /** lvcreate's stripe size check (toollib.c _validate_stripe_params): the default when none is given, exit 3. */
    public long requestedStripeSize(long requested, String defaultMsg) throws LvmException {
        long ss = requested;
        if (ss == 0) {
            ss = DEFAULT_STRIPE_SIZE;
            s.say(defaultMsg);
        }
        if (ss / 512 > STRIPE_SIZE_LIMIT_SECTORS * 2) throw LvmException.invalid("Stripe size cannot be larger than 512.00 GiB.");
        if (Long.bitCount(ss) != 1 || ss < 4096) throw LvmException.invalid("Invalid stripe size " + Sizes.human(ss) + ".");
        return ss;
    }

    /**
     * lvcreate.c _update_extents_params: a percentage that would round up past the free space rounds down to the
     * stripes instead ({@code stripeBytes} the requested stripe size).
     */
    long percentToStripes(Vg vg, long ext, int stripes, long stripeBytes, FreeSpace all) {
        long unit = stripes * Math.max(1, stripeBytes / vg.extentBytes());
        long rest = ext % unit;
        if (rest == 0 || freeIn(all, vg) >= ext - rest + unit) return ext;
        s.say("Rounding size (" + ext + " extents) down to stripe boundary size (" + (ext - rest) + " extents)");
        return ext - rest;
    }

    /** lv_manip.c _round_to_stripe_boundary: extents up to a multiple of the stripes, said as LVM2 says it. */
    long roundToStripes(Vg vg, long ext, int stripes) { return roundToStripes(vg, ext, stripes, true); }

    /** As {@link #roundToStripes(Vg, long, int)}, down when not {@code up} (a reduction). */
    long roundToStripes(Vg vg, long ext, int stripes, boolean up) {
        if (stripes <= 0 || ext % stripes == 0) return ext;
        long to = up ? (ext / stripes + 1) * stripes : ext / stripes * stripes;
        s.say("Rounding size " + Sizes.human(ext * vg.extentBytes()) + " (" + ext + " extents) " + (up ? "up" : "down") + " to stripe boundary size "
                + Sizes.human(to * vg.extentBytes()) + " (" + to + " extents).");
        return to;
    }

    /** A stripe size larger than an extent becomes the extent size; {@code what} starts LVM2's message. */
    long fitStripeSize(Vg vg, long ss, String what) {
        if (ss <= vg.extentBytes()) return ss;
        s.say(what + Sizes.human(ss) + " to maximum, physical extent size " + Sizes.human(vg.extentBytes()) + ".");
        return vg.extentBytes();
    }

    /** Which command asked for a resize: it decides which directions are allowed and how refusals read. */
    public enum Resize { EXTEND, REDUCE, RESIZE }

    /**
     * {@code mirrors}: lvextend -m N as LVM2 keeps it (N+1 legs; 0 when not given or 0); {@code nosync}: the
     * extension of a raid1 LV is not synchronised.
     */
    public record ResizeSpec(String lvArg, SizeArg size, int stripes, long stripeSize, List<String> pvArgs, Policy policy, boolean yes,
                             int mirrors, boolean nosync) {
        public ResizeSpec(String lvArg, SizeArg size, int stripes, long stripeSize, List<String> pvArgs, Policy policy, boolean yes) {
            this(lvArg, size, stripes, stripeSize, pvArgs, policy, yes, 0, false);
        }
    }

    /** lvresize -r: the file system on the LV resized as fsadm does, before a reduction and after an extension. */
    public interface FsResize {
        void beforeReduce(String vg, String lv, long bytes) throws LvmException;

        void afterExtend(String vg, String lv) throws LvmException;
    }

    public void lvresize(Resize mode, ResizeSpec r) throws LvmException { lvresize(mode, r, null); }

    /** {@code fs}: lvresize -r's file system resize (null without -r; not for raid1 LVs). */
    public void lvresize(Resize mode, ResizeSpec r, FsResize fs) throws LvmException {
        String[] vl = vgLv(r.lvArg(), null);
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, vl[0]);
            Vg vg = vc.vg();
            Lv lv = vg.lv(vl[1]).orElseThrow(() -> new LvmException("Logical volume " + vl[1] + " not found in volume group " + vl[0] + "."));
            if (mode == Resize.EXTEND && ThinResize.isMetadata(vg, lv)) {
                new ThinResize(s, this).metadataLv(vc, lv, r);
                return;
            }
            checkResizable(vg, lv);
            long cur = lv.extents();
            List<PvRange> ranges = PvArgs.parse(r.pvArgs(), vc, s);
            SnapshotOps snaps = new SnapshotOps(s);
            char sign = r.size().size() != null ? r.size().size().sign() : r.size().extents().sign();
            if (RaidSegs.raid1(lv) != null || RaidResize.striped(lv) != null) {
                snaps.checkOriginResize(vg, lv, mode == Resize.REDUCE || sign == '-');
                new RaidResize(s, this).resize(mode, r, vc, lv, ranges);
                return;
            }
            long stripeSize = r.stripeSize() > 0 ? resizeStripeSize(vg, r.stripeSize()) : 0;
            FreeSpace all = allocSpace(vc, List.of());
            long amount = SnapshotOps.percentOfOrigin(vg, lv, r.size(), sign);
            if (amount < 0) amount = extentsFor(vg, r.size(), cur, all, ranges, sign != 0);
            long target = sign == '+' ? cur + amount : sign == '-' ? cur - amount : amount;
            if (amount == 0 && sign == 0) throw LvmException.invalid(r.size().size() != null ? "--size may not be zero." : "--extents may not be zero.");
            if (target <= 0) throw new LvmException("Unable to reduce " + vg.name() + "/" + lv.name() + " below 1 extent.");
            long cowMax = SnapshotOps.cowMax(vg, lv);
            if (cowMax >= 0 && target > cur && target > cowMax) {
                // lvresize does not grow a COW past what its origin can ever need
                s.say("Reached maximum COW size " + Sizes.human(cowMax * vg.extentBytes()) + " (" + cowMax + " extents).");
                target = Math.max(cowMax, cur);
                if (target == cur) {
                    s.say("Size of logical volume " + vg.name() + "/" + lv.name() + " unchanged from " + size(vg, cur) + ".");
                    s.say("Logical volume " + vg.name() + "/" + lv.name() + " successfully resized.");
                    return;
                }
            }
            if (mode == Resize.EXTEND && target <= cur)
                throw new LvmException("New size given (" + target + " extents) not larger than existing size (" + cur + " extents)");
            if (mode == Resize.REDUCE && target >= cur) {
                if (target == cur) throw new LvmException("New size (" + target + " extents) matches existing size (" + cur + " extents).");
                throw new LvmException("New size given (" + target + " extents) not less than existing size (" + cur + " extents)");
            }
            if (target == cur) throw new LvmException("New size (" + target + " extents) matches existing size (" + cur + " extents).");
            snaps.checkOriginResize(vg, lv, target < cur);
            if (target < cur) snaps.checkCowReduce(vc, lv, target);
            if (ThinResize.handles(lv)) {
                new ThinResize(s, this).apply(vc, lv, target, r, ranges);
                return;
            }
            Lv next;
            if (target > cur) next = extend(vc, lv, target, r, stripeSize, ranges);
            else {
                if (!r.pvArgs().isEmpty()) throw LvmException.invalid("Command does not accept argument: " + r.pvArgs().get(0) + ".");
                if (fs != null) fs.beforeReduce(vg.name(), lv.name(), target * vg.extentBytes());
                next = reduce(vg, lv, target, r.yes() || fs != null); // lvresize.c asks only without -r
                if (next == null) return;
            }
            s.commit(vc, vg.withLv(next));
            s.say("Size of logical volume " + vg.name() + "/" + lv.name() + " changed from " + size(vg, cur) + " to " + size(vg, next.extents()) + ".");
            s.say("Logical volume " + vg.name() + "/" + lv.name() + " successfully resized.");
            if (fs != null && target > cur) fs.afterExtend(vg.name(), lv.name());
        }
    }

    private static void checkResizable(Vg vg, Lv lv) throws LvmException {
        Lv owner = RaidSegs.owner(vg, lv.name());
        if (owner != null)
            throw new LvmException("Cannot resize a RAID " + (lv.name().contains("_rmeta_") ? "metadata area" : "image") + " directly");
        if (RaidImages.tracked(vg, lv) != null)
            throw new LvmException("Cannot resize logical volume " + vg.name() + "/" + lv.name() + " while it is tracking a split image.");
        if (lv.hasStatus("LOCKED") || lv.hasStatus("PVMOVE"))
            throw new LvmException("Can't resize locked logical volume " + vg.name() + "/" + lv.name() + ".");
        for (Segment seg : lv.segments())
            if (!SegmentTypes.of(seg).resizable(lv))
                throw new LvmException("Unable to resize logical volume " + vg.name() + "/" + lv.name() + " of type " + seg.type() + " here.");
        if (!SnapshotRoles.userVisible(vg, lv)) throw new LvmException("Can't resize internal logical volume " + vg.name() + "/" + lv.name() + ".");
    }

    /** A stripe size given to a resize (lv_manip.c _validate_stripesize): refused or fitted to the extent size. */
    private long resizeStripeSize(Vg vg, long ss) throws LvmException {
        if (ss / 512 > STRIPE_SIZE_LIMIT_SECTORS * 2) throw new LvmException("Stripe size cannot be larger than 512.00 GiB.");
        long fitted = fitStripeSize(vg, ss, "Reducing stripe size ");
        if (Long.bitCount(fitted) != 1) throw new LvmException("Stripe size must be power of 2.");
        return fitted;
    }

    /**
     * Extends a linear or striped LV to {@code target} extents (lv_manip.c _lvresize_adjust_extents): stripes and
     * stripe size as given, else those of the LV's segments; the extension is rounded to whole stripes, down when a
     * percentage would otherwise need more than the free space. A percentage of VG, FREE or PVS takes what fits.
     */
    Lv extend(VgCopies vc, Lv lv, long target, ResizeSpec r, long stripeSize, List<PvRange> ranges) throws LvmException {
        Vg vg = vc.vg();
        if (r.mirrors() != 0) throw new LvmException("Cannot vary number of mirrors in LV yet.");
        StripedSegment last = (StripedSegment) lv.segments().get(lv.segments().size() - 1);
        int stripes = r.stripes();
        long ss = stripeSize;
        if (!(stripes == 1 || stripes > 1 && ss > 0)) {
            long segSs = 0;
            int segStripes = 0;
            for (Segment seg : lv.segments()) {
                StripedSegment st = (StripedSegment) seg;
                long sz = st.stripeSize() * 512;
                int str = st.stripes().size();
                if (segSs != 0 && segSs != sz && sz != 0 && ss == 0 || segStripes != 0 && segStripes != str && stripes == 0)
                    throw new LvmException("Please specify number of stripes (-i) and stripesize (-I)");
                segSs = sz;
                segStripes = str;
            }
            if (stripes == 0) stripes = segStripes;
            if (ss == 0 && stripes > 1) {
                ss = segSs != 0 ? segSs : DEFAULT_STRIPE_SIZE;
                s.say((segSs != 0 ? "Using stripesize of last segment " : "Using default stripesize ") + Sizes.human(ss));
            }
        }
        if (stripes > 1 && ss < 4096) throw new LvmException("Invalid stripe size " + Sizes.human(ss) + ".");
        long add = target - lv.extents();
        long rest = add % stripes;
        boolean percent = r.size().extents() != null && r.size().extents().percentOf() != null;
        if (rest != 0 && (!percent || freeIn(allocSpace(vc, List.of()), vg) >= add - rest + stripes)) {
            s.say("Rounding size (" + target + " extents) up to stripe boundary size for segment (" + (target - rest + stripes) + " extents).");
            add += stripes - rest;
        } else if (rest != 0) {
            s.say("Rounding size (" + target + " extents) down to stripe boundary size for segment (" + (target - rest) + " extents)");
            add -= rest;
            if (add == 0) throw new LvmException("New size (" + lv.extents() + " extents) matches existing size (" + lv.extents() + " extents)");
        }
        boolean approx = approximate(r.size(), false);
        FreeSpace fs = allocSpace(vc, ranges);
        if (!approx && fs.total() < add) throw new LvmException("Insufficient free space: " + add + " extents needed, but only " + fs.total() + " available");
        Policy policy = r.policy() != null ? r.policy() : lv.allocationPolicy() != null ? Policy.parse(lv.allocationPolicy()) : Policy.NORMAL;
        List<Area.OnPv> cont = stripes == last.stripes().size() ? Segments.continuation(lv.segments()) : null;
        List<Segment> added;
        try {
            added = Allocator.allocate(fs, lv.extents(), add, stripes, stripes > 1 ? ss / 512 : 0, policy, cont, approx,
                    clingRules(vg), lv.segments());
        } catch (AllocationException ex) {
            throw new LvmException("Insufficient suitable " + (policy == Policy.CONTIGUOUS ? "contiguous " : "") + "allocatable extents for logical volume " + lv.name() + ": " + ex.missing() + " more required");
        }
        if (added.isEmpty())
            throw new LvmException("Insufficient suitable " + (policy == Policy.CONTIGUOUS ? "contiguous " : "") + "allocatable extents found for logical volume " + lv.name() + ".");
        List<Segment> segs = new ArrayList<>(lv.segments());
        segs.addAll(added);
        return lv.withSegments(Segments.merge(segs));
    }

    private Lv reduce(Vg vg, Lv lv, long target, boolean yes) throws LvmException {
        // a striped segment shrinks in whole stripes
        for (Segment seg : lv.segments()) {
            if (seg.start() < target && seg.end() > target) {
                int n = seg.areas().size();
                long within = target - seg.start();
                if (within % n != 0) {
                    long up = seg.start() + (within / n + 1) * n;
                    s.say("Rounding size (" + target + " extents) up to stripe boundary size for segment (" + up + " extents).");
                    target = up;
                }
            }
        }
        confirmReduce(vg, lv, target, yes);
        return lv.withSegments(Segments.truncate(lv.segments(), target));
    }

    /** lvm.conf's cling rules for an allocation in {@code vg}, with LVM2's warnings for the tags it passes over. */
    ulvm.alloc.ClingRules clingRules(Vg vg) {
        for (String w : ulvm.alloc.ClingRules.warnings(s.config().value("allocation/cling_tag_list"))) s.tell(w);
        return ulvm.alloc.ClingRules.of(s.config(), vg);
    }

    /** LVM2's _request_confirmation before a reduction; throws when the answer is no. */
    void confirmReduce(Vg vg, Lv lv, long target, boolean yes) throws LvmException {
        if (!yes) {
            s.tell("WARNING: Reducing active logical volume to " + Sizes.human(target * vg.extentBytes()) + ".");
            s.tell("THIS MAY DESTROY YOUR DATA (filesystem etc.)");
            if (!s.console().ask("Do you really want to reduce " + vg.name() + "/" + lv.name() + "? ")) {
                s.tell("Logical volume " + lv.name() + " NOT reduced.");
                throw new LvmException(LvmException.FAILED, null);
            }
        }
    }

    public void lvremove(List<String> args, boolean force, boolean yes) throws LvmException {
        try (Scan scan = s.scan(true)) {
            for (String arg : args) {
                String a = ulvm.api.DevPaths.strip(arg);
                if (!a.contains("/")) {
                    VgCopies vc = s.vgHandlingMissing(scan, a);
                    List<String> names = new ArrayList<>();
                    for (Lv l : vc.vg().lvs()) if (SnapshotRoles.userVisible(vc.vg(), l)) names.add(l.name());
                    // an origin takes its snapshots with it: those are gone by the time their turn comes
                    for (String n : names) if (scan.vgs().get(a).vg().lv(n).isPresent()) removeOne(scan, a, n, force || yes);
                    continue;
                }
                String[] vl = vgLv(a, null);
                removeOne(scan, vl[0], vl[1], force || yes);
            }
        }
    }

    private void removeOne(Scan scan, String vgName, String lvName, boolean force) throws LvmException {
        VgCopies vc = s.vgHandlingMissing(scan, vgName);
        Vg vg = vc.vg();
        if (vg.lv(lvName).isPresent() && new ThinRemove(s).hidden(scan, vc, vg.lv(lvName).get())) return;
        Lv lv = vg.lv(lvName).filter(l -> SnapshotRoles.userVisible(vg, l))
                .orElseThrow(() -> new LvmException("Failed to find logical volume \"" + vgName + "/" + lvName + "\""));
        if (lv.hasStatus("LOCKED")) throw new LvmException("Can't remove locked logical volume " + vgName + "/" + lvName + ".");
        if (RaidSegs.owner(vg, lv.name()) != null)
            throw new LvmException("Can't remove logical volume " + vgName + "/" + lvName + " used as RAID device.");
        if (ThinRemove.handles(lv)) {
            new ThinRemove(s).remove(scan, vc, lv, force);
            return;
        }
        SnapshotOps.Removal r = new SnapshotOps(s).removal(vg, lv, force);
        List<Lv> gone = new ArrayList<>();
        for (Lv l : r.drop()) {
            if (!gone.contains(l)) gone.add(l);
            collectSubLvs(vg, l, gone);
        }
        checkNotInUse(s, vg, gone);
        Vg next = vg;
        for (Lv l : gone) next = next.withoutLv(l.name());
        Vg done = s.commit(vc, next);
        scan.vgs().put(vgName, new VgCopies(done, vc.devices(), List.of(), vc.reappeared()));
        for (String n : r.reported()) s.say("Logical volume \"" + n + "\" successfully removed.");
    }

    /** Sub-LVs (raid images and metadata, mirror legs and logs) an LV owns. */
    static void collectSubLvs(Vg vg, Lv lv, List<Lv> out) {
        for (Segment seg : lv.segments()) {
            List<String> names = new ArrayList<>();
            for (Area a : seg.areas()) if (a instanceof Area.OnLv on) names.add(on.lv());
            names.addAll(SegmentTypes.of(seg).stackedLvs(seg));
            for (String n : names) {
                vg.lv(n).ifPresent(sub -> {
                    if (!out.contains(sub) && !sub.visible()) {
                        out.add(sub);
                        collectSubLvs(vg, sub, out);
                    }
                });
            }
        }
    }

    public void lvrename(String vgArg, String oldArg, String newArg) throws LvmException {
        String[] o = vgLv(oldArg, vgArg);
        String[] n = newArg.contains("/") ? vgLv(newArg, null) : vgLv(newArg, o[0]);
        if (!o[0].equals(n[0]))
            throw LvmException.invalid("Logical volume names must have the same volume group (\"" + o[0] + "\" or \"" + n[0] + "\")");
        if (o[1].equals(n[1])) throw LvmException.invalid("Old and new logical volume names must differ");
        try {
            Names.checkLv(n[0], n[1]);
        } catch (LvmException e) {
            if (e.getMessage().startsWith("Logical volume name")) throw LvmException.invalid("New logical volume name \"" + n[1] + "\" is invalid");
            throw e;
        }
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, o[0]);
            Vg vg = vc.vg();
            Lv lv = vg.lv(o[1]).filter(l -> SnapshotRoles.userVisible(vg, l)).orElseThrow(() -> new LvmException("Existing logical volume \"" + o[1] + "\" not found in volume group \"" + o[0] + "\""));
            if (RaidSegs.owner(vg, lv.name()) != null)
                throw new LvmException("Cannot rename a RAID " + (lv.name().contains("_rmeta_") ? "metadata area" : "image") + " directly");
            if (RaidImages.tracked(vg, lv) != null) throw new LvmException("Cannot rename " + lv.name() + " while it is tracking a split image");
            if (vg.lv(n[1]).isPresent()) throw new LvmException("Logical Volume \"" + n[1] + "\" already exists in volume group \"" + o[0] + "\"");
            if (lv.hasStatus("LOCKED")) throw new LvmException("Cannot rename locked LV " + lv.name());
            checkNotInUse(s, vg, List.of(lv));
            s.commit(vc, LvRename.rename(vg, lv, n[1]));
            s.say("Renamed \"" + o[1] + "\" to \"" + n[1] + "\" in volume group \"" + o[0] + "\"");
        }
    }
}
