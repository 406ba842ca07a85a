package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import ulvm.alloc.AllocationException;
import ulvm.alloc.FreeSpace;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.format.Uuid;
import ulvm.model.Lv;
import ulvm.model.RaidLevels;
import ulvm.model.RaidSegment;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.store.MetadataWriter;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvcreate --type raid1 -m N, and the striped levels (raid0, raid0_meta, raid4, raid5*, raid6*, raid10) with -i N:
 * the top LV, and per image an rmeta (none for raid0) and an rimage on a PV of its own (lv_manip.c lv_create_single,
 * raid.c). The striped levels spread the LV's extents over their data images.
 */
public final class RaidCreate {
    /** LVM2's default region size (raid_region_size): 2 MiB, in sectors. */
    public static final long DEFAULT_REGION_SIZE = 4096;
    public static final int MAX_IMAGES = 64;

    private final Session s;

    public RaidCreate(Session s) { this.s = s; }

    /**
     * {@code images} counts all legs (-m N gives N+1); {@code regionSize} in sectors, 0 for the default; rates in
     * KiB/s, 0 for unset. The striped levels: {@code stripes} the data stripes (lvcreate -i), {@code stripeSize} in
     * bytes as lvcreate checked it (toollib.c _validate_stripe_params).
     */
    public record Spec(String vg, String name, LvOps.SizeArg size, int images, long regionSize, boolean nosync, long minRate,
                       long maxRate, List<String> pvArgs, Policy policy, boolean zero, String type, int stripes, long stripeSize) {
        /** A raid1 LV of {@code images} legs. */
        public Spec(String vg, String name, LvOps.SizeArg size, int images, long regionSize, boolean nosync, long minRate,
                    long maxRate, List<String> pvArgs, Policy policy, boolean zero) {
            this(vg, name, size, images, regionSize, nosync, minRate, maxRate, pvArgs, policy, zero, "raid1", 0, 0);
        }
    }

    public void create(Spec c) throws LvmException {
        String name = c.name();
        if (name != null) Names.checkLv(c.vg(), name);
        String type = c.type();
        boolean striped = RaidLevels.striped(type);
        if (!striped && c.images() > MAX_IMAGES) throw LvmException.invalid("Only up to " + MAX_IMAGES + " mirrors in raid1 supported currently.");
        if (c.minRate() > c.maxRate() && c.maxRate() != 0 || c.maxRate() == 0 && c.minRate() > 0)
            throw LvmException.invalid("Minimum recovery rate cannot be higher than maximum.");
        LvOps ops = new LvOps(s);
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, c.vg());
            Vg vg = vc.vg();
            if (name == null) name = SnapshotRoles.generateName(vg, "lvol"); // LVM2: the highest lvolN + 1
            if (vg.lv(name).isPresent()) throw new LvmException("Logical Volume \"" + name + "\" already exists in volume group \"" + vg.name() + "\"");
            List<PvRange> ranges = PvArgs.parse(c.pvArgs(), vc, s);
            FreeSpace all = ops.allocSpace(vc, List.of());
            FreeSpace fs = ops.allocSpace(vc, ranges);
            long ext = ops.extentsFor(vg, c.size(), -1, all, ranges, false);
            boolean approx = c.size().extents() != null && c.size().extents().percentOf() != null;
            int mirrors = striped ? (RaidLevels.raid10(type) ? 2 : 1) : c.images();
            if (approx) ext = Math.max(1, ext / mirrors);
            if (approx && striped) ext = ops.percentToStripes(vg, ext, c.stripes(), c.stripeSize(), all);
            if (ext == 0) throw LvmException.invalid(c.size().size() != null ? "--size may not be zero." : "--extents may not be zero.");
            long stripeSize = 0;
            if (striped) {
                int pvs = ranges.isEmpty() ? vg.pvs().size() : (int) ranges.stream().map(PvRange::pvId).distinct().count();
                if (c.policy() != Policy.ANYWHERE && c.stripes() > pvs)
                    throw new LvmException("Number of stripes (" + c.stripes() + ") must not exceed number of physical volumes (" + pvs + ")");
                stripeSize = ops.fitStripeSize(vg, c.stripeSize(), "Reducing requested stripe size ");
                ext = ops.roundToStripes(vg, ext, c.stripes());
            }
            long free = ops.freeIn(all, vg);
            if (!approx && free < ext)
                throw new LvmException("Volume group \"" + vg.name() + "\" has insufficient free space (" + free + " extents): " + ext + " required.");
            int images = c.images();
            long imageExt = RaidLevels.imageExtents(type, ext, images);
            long region = RaidLevels.raid0(type) ? c.regionSize() : regionSize(vg, imageExt, c.regionSize());
            if (striped && !RaidLevels.raid0(type) && region * 512 < stripeSize) {
                s.say("Adjusting " + type + " " + Sizes.human(region * 512) + " region size to required minimum of stripe size " + Sizes.human(stripeSize) + ".");
                region = stripeSize / 512;
            }
            Policy policy = c.policy() == null || c.policy() == Policy.INHERIT ? Policy.NORMAL : c.policy();
            List<RaidLegs.Leg> legs = null;
            ulvm.alloc.ClingRules rules = ops.clingRules(vg);
            while (legs == null) {
                imageExt = RaidLevels.imageExtents(type, ext, images);
                long meta = RaidLevels.hasMeta(type) ? RaidLegs.metaExtents(imageExt, region == 0 ? DEFAULT_REGION_SIZE : region, vg.extentSize()) : 0;
                long needed = (imageExt + meta) * images;
                try {
                    if (needed > fs.total()) {
                        if (approx && ext > 1) throw new AllocationException(needed);
                        throw new LvmException("Insufficient free space: " + needed + " extents needed, but only " + fs.total() + " available");
                    }
                    // raid0 takes what a percentage finds as striped does (its images may share PVs, as in LVM2)
                    legs = RaidLegs.allocate(ops.allocSpace(vc, ranges), images, meta, imageExt, policy, approx && meta == 0, rules);
                } catch (AllocationException ex) {
                    if (!approx || ext <= 1)
                        throw new LvmException("Insufficient suitable " + (policy == Policy.CONTIGUOUS ? "contiguous " : "") + "allocatable extents for logical volume " + name + ": " + ex.missing() + " more required");
                    ext -= striped ? c.stripes() : 1; // LVM2's approximate allocation for percentages: as much as fits
                }
            }
            long got = legs.get(0).image().stream().mapToLong(Segment::count).sum();
            if (got < imageExt) ext = got * (images - RaidLevels.parity(type)); // only raid0 gets less than asked
            long now = System.currentTimeMillis() / 1000;
            List<String> status = new ArrayList<>(List.of("READ", "WRITE", "VISIBLE"));
            boolean nosync = c.nosync() && !RaidLevels.raid0(type); // raid0 has nothing to sync: --nosync is ignored
            if (nosync) status.add("NOTSYNCED");
            List<String> metas = new ArrayList<>(), imageNames = new ArrayList<>();
            List<Lv> subs = new ArrayList<>();
            for (int i = 0; i < legs.size(); i++) {
                Lv img = RaidLegs.subLv(name + "_rimage_" + i, legs.get(i).image(), now);
                subs.add(img);
                imageNames.add(img.name());
                if (!RaidLevels.hasMeta(type)) {
                    metas.add(null);
                    continue;
                }
                Lv meta = RaidLegs.subLv(name + "_rmeta_" + i, legs.get(i).meta(), now);
                subs.add(meta);
                metas.add(meta.name());
            }
            RaidSegment seg = new RaidSegment(type, 0, ext, region, metas, imageNames, extras(c, type, stripeSize));
            Lv top = s.shapeNewLv(new Lv(name, Uuid.generate(), status, List.of(), s.newTags(), now, MetadataWriter.hostname(),
                    c.policy() == null || c.policy() == Policy.INHERIT ? null : c.policy().text(), List.of(), List.<Segment>of(seg)));
            Vg next = vg.withLv(top);
            for (Lv sub : subs) next = next.withLv(sub);
            for (Lv sub : subs) {
                if (sub.name().contains("_rmeta_")) LvZero.zeroAll(vc, next, sub);
                else if (c.zero()) LvZero.zeroStart(vc, next, sub);
            }
            if (nosync) s.tell("WARNING: New " + type + " won't be synchronised. Don't read what you didn't write!");
            s.commit(vc, next);
            if (!c.zero() && !s.testing()) s.tell("WARNING: Logical volume " + vg.name() + "/" + name + " not zeroed."); // LVM2 zeroes nothing in test mode
            s.say("Logical volume \"" + name + "\" created.");
        }
    }

    /** The keys after region_size as LVM2 writes them: data_copies (raid10, first), stripe_size, the recovery rates. */
    private static List<ulvm.model.Section.Entry> extras(Spec c, String type, long stripeSize) {
        List<ulvm.model.Section.Entry> out = new ArrayList<>();
        if (RaidLevels.raid10(type)) out.add(new ulvm.model.Section.Entry("data_copies", 2L, null));
        if (stripeSize != 0) out.add(new ulvm.model.Section.Entry("stripe_size", stripeSize / 512, null));
        if (RaidLevels.raid0(type)) return out;
        return RaidSegs.rates(out, c.minRate(), c.maxRate());
    }

    /** lv_manip.c: adjusted_mirror_region_size, then raid_ensure_min_region_size (2^21 regions at most). */
    private long regionSize(Vg vg, long ext, long requested) {
        long region = requested == 0 ? DEFAULT_REGION_SIZE : requested;
        long max = ext * vg.extentSize();
        if (region > max) {
            region = Long.highestOneBit(max);
            s.say("Using reduced mirror region size of " + Sizes.human(region * 512));
        }
        long min = max / (1L << 21);
        while (region < min) region *= 2;
        return region;
    }
}
