package ulvm.ops;

import java.util.List;
import ulvm.alloc.AllocationException;
import ulvm.alloc.Allocator;
import ulvm.alloc.FreeSpace;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.alloc.Segments;
import ulvm.api.LvmException;
import ulvm.format.Uuid;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.SnapshotSegment;
import ulvm.model.Vg;
import ulvm.segtype.SegmentType;
import ulvm.segtype.SegmentTypes;
import ulvm.store.MetadataWriter;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvcreate -s: a COW LV (the user's name, an ordinary striped LV, hidden) and an internal {@code snapshotN} LV
 * holding one snapshot segment (origin, COW, chunk size), as LVM2 2.03 writes them. The start of the COW is zeroed
 * before the metadata commits, so the store reads as new.
 */
public final class SnapshotCreate {
    /** LVM2's default chunk size, 4 KiB, in sectors. */
    public static final long DEFAULT_CHUNK = 8;

    private final Session s;

    public SnapshotCreate(Session s) { this.s = s; }

    /**
     * {@code chunk} in sectors, 0 for the default; {@code stripeSize} in bytes, 0 for the default; {@code policy}
     * null for inherit.
     */
    public record Spec(String vg, String origin, String name, LvOps.SizeArg size, long chunk, boolean readOnly, int stripes,
                       long stripeSize, List<String> pvArgs, Policy policy) {}

    /** lvcreate's chunk size check (tools/lvcreate.c), exit 3. */
    public static long checkChunk(long chunk) throws LvmException {
        long c = chunk == 0 ? DEFAULT_CHUNK : chunk;
        if (c < 8 || c > 1024 || Long.bitCount(c) != 1)
            throw LvmException.invalid("Chunk size must be a power of 2 in the range 4K to 512K.");
        return c;
    }

    public void create(Spec c) throws LvmException {
        String name = c.name();
        if (name != null) Names.checkLv(c.vg(), name);
        long chunk = checkChunk(c.chunk());
        LvOps ops = new LvOps(s);
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, c.vg());
            Vg vg = vc.vg();
            Lv origin = vg.lv(c.origin()).orElseThrow(() ->
                    new LvmException("Snapshot origin LV " + c.origin() + " not found in Volume group " + vg.name() + "."));
            if (c.size() == null) throw new LvmException("Please specify either size or extents with snapshots.");
            List<PvRange> ranges = PvArgs.parse(c.pvArgs(), vc, s);
            FreeSpace all = ops.allocSpace(vc, List.of());
            long ext = extents(ops, vg, origin, c, chunk, all, ranges);
            long max = SnapshotRoles.cowMaxExtents(vg, origin, chunk);
            if (max < ext) {
                s.say("Reducing COW size " + Sizes.human(ext * vg.extentBytes()) + " down to maximum usable size "
                        + Sizes.human(max * vg.extentBytes()) + ".");
                ext = max;
            }
            if (name == null) name = SnapshotRoles.generateName(vg, "lvol");
            if (vg.lv(name).isPresent())
                throw new LvmException("Logical Volume \"" + name + "\" already exists in volume group \"" + vg.name() + "\"");
            int stripes = Math.max(1, c.stripes());
            long stripeSize = 0;
            if (stripes > 1) {
                if (c.policy() != Policy.ANYWHERE && stripes > (ranges.isEmpty() ? vg.pvs().size() : pvCount(ranges)))
                    throw new LvmException("Number of stripes (" + stripes + ") must not exceed number of physical volumes ("
                            + (ranges.isEmpty() ? vg.pvs().size() : pvCount(ranges)) + ")");
                stripeSize = c.stripeSize() == 0 ? LvOps.DEFAULT_STRIPE_SIZE : c.stripeSize();
                if (c.stripeSize() == 0) s.say("Using default stripesize 64.00 KiB.");
                if (Long.bitCount(stripeSize) != 1 || stripeSize < 4096) throw LvmException.invalid("Invalid stripe size " + Sizes.human(stripeSize) + ".");
                if (stripeSize > vg.extentBytes()) {
                    s.say("Reducing requested stripe size " + Sizes.human(stripeSize) + " to maximum, physical extent size "
                            + Sizes.human(vg.extentBytes()) + ".");
                    stripeSize = vg.extentBytes();
                }
                if (ext % stripes != 0) {
                    long up = (ext / stripes + 1) * stripes;
                    s.say("Rounding size " + Sizes.human(ext * vg.extentBytes()) + " (" + ext + " extents) up to stripe boundary size "
                            + Sizes.human(up * vg.extentBytes()) + " (" + up + " extents).");
                    ext = up;
                }
            }
            validateOrigin(vg, origin);
            warnMirror(origin);
            if (ext * vg.extentSize() < SnapshotRoles.MIN_CHUNKS * chunk) {
                long minExt = (SnapshotRoles.MIN_CHUNKS * chunk + vg.extentSize() - 1) / vg.extentSize();
                throw new LvmException("Snapshot volume cannot be smaller than " + SnapshotRoles.MIN_CHUNKS + " chunks (" + minExt
                        + " extents, " + Sizes.human(SnapshotRoles.MIN_CHUNKS * chunk * 512) + ").");
            }
            boolean approx = c.size().extents() != null && c.size().extents().percentOf() != null;
            long free = ops.freeIn(all, vg);
            if (!approx && free < ext)
                throw new LvmException("Volume group \"" + vg.name() + "\" has insufficient free space (" + free + " extents): " + ext + " required.");
            FreeSpace fs = ops.allocSpace(vc, ranges);
            if (approx && fs.total() < ext) ext = fs.total() - fs.total() % stripes;
            Policy policy = c.policy() == null || c.policy() == Policy.INHERIT ? Policy.NORMAL : c.policy();
            List<Segment> segs;
            try {
                if (ext <= 0) throw new AllocationException(SnapshotRoles.MIN_CHUNKS);
                segs = Allocator.allocate(fs, 0, ext, stripes, stripeSize / 512, policy, null);
            } catch (AllocationException ex) {
                throw new LvmException("Insufficient suitable " + (policy == Policy.CONTIGUOUS ? "contiguous " : "") + "allocatable extents for logical volume "
                        + name + ": " + ex.missing() + " more required");
            }
            long now = System.currentTimeMillis() / 1000;
            String host = MetadataWriter.hostname();
            List<String> cowStatus = c.readOnly() ? List.of("READ") : List.of("READ", "WRITE");
            Lv cow = new Lv(name, Uuid.generate(), cowStatus, List.of(), s.newTags(), now, host,
                    c.policy() == null || c.policy() == Policy.INHERIT ? null : c.policy().text(), List.of(), Segments.merge(segs));
            String snapName = SnapshotRoles.generateName(vg, "snapshot");
            Lv snap = new Lv(snapName, Uuid.generate(), List.of("READ", "WRITE", "VISIBLE"), List.of(), List.of(), now, host, null, List.of(),
                    List.<Segment>of(new SnapshotSegment(0, origin.extents(), chunk, origin.name(), name, false)));
            Vg next = vg.withLv(cow).withLv(snap);
            // the store's header must read as new before anything can use the snapshot
            LvZero.zeroStart(vc, next, cow);
            s.commit(vc, next);
            s.say("Logical volume \"" + name + "\" created.");
        }
    }

    private static long pvCount(List<PvRange> ranges) {
        return ranges.stream().map(PvRange::pvId).distinct().count();
    }

    /** The COW size asked for, in extents (lvcreate's _update_extents_params). */
    private long extents(LvOps ops, Vg vg, Lv origin, Spec c, long chunk, FreeSpace all, List<PvRange> ranges) throws LvmException {
        Sizes.Extents e = c.size().extents();
        if (e == null || e.percentOf() == null) {
            long ext = ops.extentsFor(vg, c.size(), -1, all, ranges, false);
            if (ext == 0) throw LvmException.invalid(c.size().size() != null ? "--size may not be zero." : "--extents may not be zero.");
            return ext;
        }
        long ext;
        switch (e.percentOf()) {
            case "ORIGIN" -> ext = SnapshotRoles.cowMaxExtents(vg, origin, chunk) - origin.extents()
                    + Sizes.percentOf(e.count(), origin.extents(), true);
            case "LV" -> throw new LvmException("Please express size as %FREE, %ORIGIN, %PVS or %VG.");
            default -> ext = ops.extentsFor(vg, c.size(), -1, all, ranges, false);
        }
        if (ext == 0) throw new LvmException("Calculated size of logical volume is 0 extents. Needs to be larger.");
        return ext;
    }

    /** LVM2's validate_snapshot_origin (snapshot_manip.c). */
    static void validateOrigin(Vg vg, Lv origin) throws LvmException {
        String err = null;
        if (SnapshotRoles.isCow(vg, origin.name())) err = "snapshots";
        else if (origin.hasStatus("LOCKED")) err = "locked volumes";
        else if (origin.hasStatus("PVMOVE")) err = "pvmoved volumes";
        else if (!origin.visible() || SnapshotRoles.isInternalSnapshot(origin)) err = "hidden volumes";
        else if (SnapshotRoles.mergingOrigin(vg, origin.name())) err = "an origin that has a merging snapshot";
        else if (RaidSegs.owner(vg, origin.name()) != null) err = "raid subvolumes";
        else if (mirrorSub(vg, origin.name())) err = "mirror subvolumes";
        if (err != null) throw new LvmException("Snapshots of " + err + " are not supported.");
    }

    /** LVM2 warns before snapshotting an old-style mirror. */
    private void warnMirror(Lv origin) {
        if (origin.hasStatus("PVMOVE") || !SegmentTypes.any(origin, SegmentType::mirror)) return;
        s.tell("WARNING: Snapshots of mirrors can deadlock under rare device failures.");
        s.tell("WARNING: Consider using the raid1 mirror type to avoid this.");
        s.tell("WARNING: See global/mirror_segtype_default in lvm.conf.");
    }

    private static boolean mirrorSub(Vg vg, String name) {
        for (Lv l : vg.lvs())
            for (Segment seg : l.segments()) {
                if (!SegmentTypes.of(seg).mirror()) continue;
                if (SegmentTypes.of(seg).stackedLvs(seg).contains(name)) return true;
                for (var a : seg.areas()) if (a instanceof ulvm.model.Area.OnLv on && on.lv().equals(name)) return true;
            }
        return false;
    }
}
