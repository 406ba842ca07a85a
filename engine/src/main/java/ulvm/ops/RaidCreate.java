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
import ulvm.model.RaidSegment;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.store.MetadataWriter;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/** lvcreate --type raid1 -m N: the top LV, and per image an rmeta and an rimage on a PV of its own. */
public final class RaidCreate {
    /** LVM2's default region size (raid_region_size): 2 MiB, in sectors. */
    public static final long DEFAULT_REGION_SIZE = 4096;
    public static final int MAX_IMAGES = 64;

    private final Session s;

    public RaidCreate(Session s) { this.s = s; }

    /**
     * {@code images} counts all legs (-m N gives N+1); {@code regionSize} in sectors, 0 for the default; rates in
     * KiB/s, 0 for unset.
     */
    public record Spec(String vg, String name, LvOps.SizeArg size, int images, long regionSize, boolean nosync, long minRate,
                       long maxRate, List<String> pvArgs, Policy policy, boolean zero) {}

    public void create(Spec c) throws LvmException {
        String name = c.name();
        if (name != null) Names.checkLv(c.vg(), name);
        if (c.images() > MAX_IMAGES) throw LvmException.invalid("Only up to " + MAX_IMAGES + " mirrors in raid1 supported currently.");
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
            if (approx) ext = Math.max(1, ext / c.images());
            if (ext == 0) throw LvmException.invalid(c.size().size() != null ? "--size may not be zero." : "--extents may not be zero.");
            long free = ops.freeIn(all, vg);
            if (!approx && free < ext)
                throw new LvmException("Volume group \"" + vg.name() + "\" has insufficient free space (" + free + " extents): " + ext + " required.");
            long region = regionSize(vg, ext, c.regionSize());
            Policy policy = c.policy() == null || c.policy() == Policy.INHERIT ? Policy.NORMAL : c.policy();
            List<RaidLegs.Leg> legs = null;
            while (legs == null) {
                long meta = RaidLegs.metaExtents(ext, region, vg.extentSize());
                long needed = (ext + meta) * c.images();
                try {
                    if (needed > fs.total()) {
                        if (approx && ext > 1) throw new AllocationException(needed);
                        throw new LvmException("Insufficient free space: " + needed + " extents needed, but only " + fs.total() + " available");
                    }
                    legs = RaidLegs.allocate(ops.allocSpace(vc, ranges), c.images(), meta, ext, policy);
                } catch (AllocationException ex) {
                    if (!approx || ext <= 1)
                        throw new LvmException("Insufficient suitable " + (policy == Policy.CONTIGUOUS ? "contiguous " : "") + "allocatable extents for logical volume " + name + ": " + ex.missing() + " more required");
                    ext--; // LVM2's approximate allocation for percentages: as much as fits
                }
            }
            long now = System.currentTimeMillis() / 1000;
            List<String> status = new ArrayList<>(List.of("READ", "WRITE", "VISIBLE"));
            if (c.nosync()) status.add("NOTSYNCED");
            List<String> metas = new ArrayList<>(), images = new ArrayList<>();
            List<Lv> subs = new ArrayList<>();
            for (int i = 0; i < legs.size(); i++) {
                Lv img = RaidLegs.subLv(name + "_rimage_" + i, legs.get(i).image(), now);
                Lv meta = RaidLegs.subLv(name + "_rmeta_" + i, legs.get(i).meta(), now);
                subs.add(img);
                subs.add(meta);
                images.add(img.name());
                metas.add(meta.name());
            }
            RaidSegment seg = new RaidSegment("raid1", 0, ext, region, metas, images, RaidSegs.rates(List.of(), c.minRate(), c.maxRate()));
            Lv top = s.shapeNewLv(new Lv(name, Uuid.generate(), status, List.of(), s.newTags(), now, MetadataWriter.hostname(),
                    c.policy() == null || c.policy() == Policy.INHERIT ? null : c.policy().text(), List.of(), List.<Segment>of(seg)));
            Vg next = vg.withLv(top);
            for (Lv sub : subs) next = next.withLv(sub);
            for (Lv sub : subs) {
                if (sub.name().contains("_rmeta_")) LvZero.zeroAll(vc, next, sub);
                else if (c.zero()) LvZero.zeroStart(vc, next, sub);
            }
            if (c.nosync()) s.tell("WARNING: New raid1 won't be synchronised. Don't read what you didn't write!");
            s.commit(vc, next);
            if (!c.zero()) s.tell("WARNING: Logical volume " + vg.name() + "/" + name + " not zeroed.");
            s.say("Logical volume \"" + name + "\" created.");
        }
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
