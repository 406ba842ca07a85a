package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import ulvm.alloc.AllocationException;
import ulvm.alloc.Allocator;
import ulvm.alloc.FreeSpace;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.format.Uuid;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.ThinPoolSegment;
import ulvm.model.ThinSegment;
import ulvm.model.Vg;
import ulvm.segtype.ThinPoolType;
import ulvm.segtype.ThinType;
import ulvm.store.MetadataWriter;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvcreate of thin pools, thin LVs and thin snapshots as LVM2 2.03.16 makes them (tools/lvcreate.c,
 * lib/metadata/lv_manip.c _lv_create_an_lv, pool_manip.c create_pool and handle_pool_metadata_spare): the spare
 * first, then the pool with its _tmeta and _tdata, the data before the metadata on the PVs.
 */
public final class ThinCreate {
    /** 16 GiB, in sectors: the largest spare LVM2 makes. */
    private static final long MAX_SPARE = 2L * 16 * 1024 * 1024;
    private final Session s;

    public ThinCreate(Session s) { this.s = s; }

    /**
     * A new pool. {@code chunk} in sectors and {@code metadataBytes} 0 for LVM2's defaults; {@code zero} and
     * {@code discards} null for the configuration's (ThinPoolSettings).
     */
    public record PoolSpec(String vg, String pool, LvOps.SizeArg size, long chunk, long metadataBytes, Boolean zero, String discards,
                           boolean errorWhenFull, boolean spare, List<String> pvArgs, Policy policy) {}

    /** A new thin LV of {@code virtualBytes} in {@code pool}; {@code name} null for lvolN. */
    public record ThinSpec(String vg, String pool, String name, long virtualBytes) {}

    /** lvcreate --type thin-pool, -T vg/pool -L, and with {@code thin} -V -L -T (the pool first, then the thin LV). */
    public void create(PoolSpec p, ThinSpec thin) throws LvmException {
        if (p.pool() != null) Names.checkLv(p.vg(), p.pool());
        if (thin != null && thin.name() != null) Names.checkLv(thin.vg(), thin.name());
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, p.vg());
            Vg vg = vc.vg();
            if (p.pool() != null && vg.lv(p.pool()).isPresent())
                throw new LvmException("Logical volume " + p.pool() + " already exists in Volume group " + vg.name() + ".");
            if (thin != null && thin.name() != null && vg.lv(thin.name()).isPresent())
                throw new LvmException("Logical Volume \"" + thin.name() + "\" already exists in volume group \"" + vg.name() + "\"");
            LvOps ops = new LvOps(s);
            List<PvRange> ranges = PvArgs.parse(p.pvArgs(), vc, s);
            FreeSpace all = ops.allocSpace(vc, List.of());
            long ext = ops.extentsFor(vg, p.size(), -1, all, ranges, false);
            long metaExt = 0;
            if (p.metadataBytes() > 0) {
                metaExt = (p.metadataBytes() + vg.extentBytes() - 1) / vg.extentBytes();
                if (p.metadataBytes() % vg.extentBytes() != 0) s.say("Rounding up size to full physical extent " + ThinParams.human(metaExt * vg.extentSize()));
            }
            ThinPoolSettings set = ThinPoolSettings.of(s.config().forProfile(vg.setting("profile")), p.chunk(), p.zero(), p.discards());
            ThinParams tp = ThinParams.compute(s, vg.extentSize(), ext, set, metaExt);
            String pct = p.size().extents() == null ? null : p.size().extents().percentOf();
            if ("FREE".equals(pct) || "PVS".equals(pct)) {
                if (ext <= 2 * tp.metadataExtents) throw new LvmException("Not enough space for thin pool creation.");
                ext -= 2 * tp.metadataExtents;
            }
            Policy policy = p.policy() == null || p.policy() == Policy.INHERIT ? Policy.NORMAL : p.policy();
            long now = System.currentTimeMillis() / 1000;
            Vg next = vg;
            if (!p.spare()) s.tell("WARNING: recovery of pools without pool metadata spare LV is not automated.");
            else next = spare(vc, next, tp.metadataExtents, ranges, policy, now);
            String name = p.pool() != null ? p.pool() : SnapshotRoles.generateName(next, "lvol");
            if (ext * vg.extentSize() < tp.chunk) throw new LvmException("Unable to create thin-pool smaller than 1 chunk.");
            FreeSpace fs = ops.allocSpace(new VgCopies(next, vc.devices(), List.of(), vc.reappeared()), ranges);
            long free = ops.freeIn(ops.allocSpace(new VgCopies(next, vc.devices(), List.of(), vc.reappeared()), List.of()), next);
            if (free < ext) throw new LvmException("Volume group \"" + vg.name() + "\" has insufficient free space (" + free + " extents): " + ext + " required.");
            List<Segment> data, meta;
            try {
                data = Allocator.allocate(fs, 0, ext, 1, 0, policy, null);
                meta = Allocator.allocate(fs, 0, tp.metadataExtents, 1, 0, policy, null);
            } catch (AllocationException ex) {
                throw new LvmException("Insufficient suitable " + (policy == Policy.CONTIGUOUS ? "contiguous " : "") + "allocatable extents for logical volume " + name + ": " + ex.missing() + " more required");
            }
            Lv tmeta = RaidLegs.subLv(name + "_tmeta", meta, now), tdata = RaidLegs.subLv(name + "_tdata", data, now);
            ThinPoolSegment seg = new ThinPoolSegment(0, ext, tmeta.name(), tdata.name(), 0, tp.chunk, set.discards(),
                    set.zero(), null, List.of());
            Lv pool = new Lv(name, Uuid.generate(), List.of("READ", "WRITE", "VISIBLE"), p.errorWhenFull() ? List.of("ERROR_WHEN_FULL") : List.of(),
                    thin == null ? s.newTags() : List.of(), now, MetadataWriter.hostname(), p.policy() == null || p.policy() == Policy.INHERIT ? null : p.policy().text(),
                    List.of(), List.of(seg));
            next = next.withLv(pool).withLv(tmeta).withLv(tdata);
            // create_pool wipes the metadata LV's start: the kernel formats it on the first activation
            LvZero.zeroStart(vc, next, tmeta);
            if (thin == null) {
                s.commit(vc, next);
                s.say("Logical volume \"" + name + "\" created.");
                return;
            }
            Vg committed = s.commit(vc, next);
            addThin(new VgCopies(committed, vc.devices(), List.of(), vc.reappeared()), new ThinSpec(thin.vg(), name, thin.name(), thin.virtualBytes()), null);
        }
    }

    /** lvcreate -V SIZE -T vg/pool [-n name]: a thin LV in an existing pool. */
    public void createThin(ThinSpec t) throws LvmException {
        if (t.name() != null) Names.checkLv(t.vg(), t.name());
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, t.vg());
            Lv pool = vc.vg().lv(t.pool()).orElseThrow(() -> new LvmException("Pool " + t.pool() + " not found in Volume group " + t.vg() + "."));
            if (ThinPoolType.of(pool) == null) throw new LvmException("Logical volume " + t.vg() + "/" + t.pool() + " is not a thin pool.");
            if (t.name() != null && vc.vg().lv(t.name()).isPresent())
                throw new LvmException("Logical Volume \"" + t.name() + "\" already exists in volume group \"" + t.vg() + "\"");
            addThin(vc, t, null);
        }
    }

    /** lvcreate -s vg/thin [-n name]: a thin snapshot, the origin's size, skipped at activation unless -K. */
    public void snapshot(String vgName, String originName, String name) throws LvmException {
        if (name != null) Names.checkLv(vgName, name);
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, vgName);
            Lv origin = vc.vg().lv(originName).orElseThrow(() -> new LvmException("Origin volume " + originName + " not found in Volume group " + vgName + "."));
            ThinSegment o = ThinType.of(origin);
            if (name != null && vc.vg().lv(name).isPresent())
                throw new LvmException("Logical Volume \"" + name + "\" already exists in volume group \"" + vgName + "\"");
            addThin(vc, new ThinSpec(vgName, o.pool(), name, origin.extents() * vc.vg().extentBytes()), origin);
        }
    }

    /** Whether {@code vg/lv} is a thin LV, so that lvcreate -s of it without a size makes a thin snapshot. */
    public static boolean isThinLv(Session s, String vg, String lv) throws LvmException {
        try (Scan scan = s.scan(false)) {
            return scan.vg(vg).map(VgCopies::vg).flatMap(v -> v.lv(lv)).map(ThinType::of).isPresent();
        }
    }

    /** validate_thin_pool_chunk_size, for -c. */
    public static void validateChunk(long chunk) throws LvmException { ThinParams.validateChunk(chunk); }

    private void addThin(VgCopies vc, ThinSpec t, Lv origin) throws LvmException {
        Vg vg = vc.vg();
        Lv poolLv = vg.lv(t.pool()).orElseThrow();
        ThinPoolSegment pool = ThinPoolType.of(poolLv);
        String name = t.name() != null ? t.name() : SnapshotRoles.generateName(vg, "lvol");
        long ext = origin != null ? origin.extents() : (t.virtualBytes() + vg.extentBytes() - 1) / vg.extentBytes();
        if (origin == null && t.virtualBytes() % vg.extentBytes() != 0) s.say("Rounding up size to full physical extent " + Sizes.human(ext * vg.extentBytes()));
        if (pool.chunkSize() > vg.extentSize()) {
            long up = (vg.extentSize() * ext + pool.chunkSize() - 1) / pool.chunkSize() * pool.chunkSize() / vg.extentSize();
            if (up != ext) {
                s.say("Rounding size (" + ext + " extents) up to chunk boundary size (" + up + " extents).");
                ext = up;
            }
        }
        long id = 0;
        for (Lv l : ThinPoolType.thins(vg, poolLv.name())) id = Math.max(id, ThinType.of(l).deviceId());
        if (++id > ThinType.MAX_DEVICE_ID) throw new LvmException("Cannot find free device_id.");
        ThinSegment seg = new ThinSegment(0, ext, poolLv.name(), pool.transactionId(), id, origin == null ? null : origin.name(),
                origin == null ? null : ThinType.of(origin).externalOrigin(), null);
        Lv lv = new Lv(name, Uuid.generate(), List.of("READ", "WRITE", "VISIBLE"), origin != null ? List.of("ACTIVATION_SKIP") : List.of(), s.newTags(),
                System.currentTimeMillis() / 1000, MetadataWriter.hostname(), null, List.of(), List.of(seg));
        Vg next = vg.withLv(lv);
        next = next.withLv(poolLv.withSegments(List.of(ThinMessages.attach(ThinDelivered.prune(vc, vg, pool), ThinPoolSegment.Message.creating(name), false))));
        overprovisioning(next, lv);
        Vg done = s.commit(vc, next);
        ThinMessages.deliver(s, vc, done, poolLv.name());
        s.say("Logical volume \"" + name + "\" created.");
    }

    /** The pool metadata spare grown to, or made with, {@code extents} (at most 16 GiB) before the pool (handle_pool_metadata_spare). */
    Vg spare(VgCopies vc, Vg vg, long extents, List<PvRange> ranges, Policy policy, long now) throws LvmException {
        long max = (MAX_SPARE + vg.extentSize() - 1) / vg.extentSize();
        extents = Math.min(extents, max);
        Lv spare = ThinPoolType.spare(vg);
        if (spare != null && spare.extents() >= extents) return vg;
        LvOps ops = new LvOps(s);
        FreeSpace fs = ops.allocSpace(new VgCopies(vg, vc.devices(), List.of(), vc.reappeared()), ranges);
        long have = spare == null ? 0 : spare.extents();
        if (fs.total() < extents - have)
            throw new LvmException("Insufficient free space: " + (extents - have) + " extents needed, but only " + fs.total() + " available");
        List<Segment> segs = new ArrayList<>(spare == null ? List.of() : spare.segments());
        try {
            segs.addAll(Allocator.allocate(fs, have, extents - have, 1, 0, policy, spare == null ? null : ulvm.alloc.Segments.continuation(spare.segments())));
        } catch (AllocationException ex) {
            throw new LvmException("Insufficient suitable allocatable extents for logical volume " + (spare == null ? "lvol0" : spare.name()) + ": " + ex.missing() + " more required");
        }
        if (spare != null) return vg.withLv(spare.withSegments(ulvm.alloc.Segments.merge(segs)));
        Lv made = RaidLegs.subLv(SnapshotRoles.generateName(vg, "lvol") + "_pmspare", segs, now);
        Vg next = vg.withLv(made);
        LvZero.zeroStart(vc, next, made);
        return next;
    }

    /**
     * pool_check_overprovisioning with LVM2's default autoextend settings (threshold 100, percent 20), after any new
     * LV (lv_manip.c _lv_create_an_lv) or extended thin LV or pool: for {@code lv}'s own pool first, then all pools.
     */
    public void overprovisioning(Vg vg, Lv lv) {
        ThinSegment t = ThinType.of(lv);
        Lv pool = t != null ? vg.lv(t.pool()).orElseThrow() : ThinPoolType.of(lv) != null ? lv : null;
        long es = vg.extentSize();
        long poolsum = 0, thinsum = 0;
        if (pool != null) {
            poolsum = pool.extents() * es;
            for (Lv l : ThinPoolType.thins(vg, pool.name())) thinsum += l.extents() * es;
            if (thinsum <= poolsum) return;
        }
        int more = 0;
        for (Lv l : vg.lvs()) {
            if (ThinPoolType.of(l) == null || pool != null && l.name().equals(pool.name())) continue;
            more++;
            poolsum += l.extents() * es;
            for (Lv th : ThinPoolType.thins(vg, l.name())) thinsum += th.extents() * es;
        }
        if (thinsum <= poolsum) return;
        long free = FreeSpace.of(vg, vg.pvs().stream().map(ulvm.model.Pv::id).toList()).total() * es;
        long size = vg.totalExtents() * es, sz;
        String txt = "";
        if (size < thinsum) {
            sz = size;
            txt = " and the size of whole volume group";
        } else if (free < thinsum) {
            sz = free;
            txt = sz == 0 ? "" : " and the amount of free space in volume group";
        } else sz = poolsum;
        s.tell("WARNING: Sum of all thin volume sizes (" + ThinParams.human(thinsum) + ") exceeds the size of thin pool" + (more > 0 ? "s" : " " + vg.name() + "/" + pool.name())
                + txt + " (" + (sz > 0 ? ThinParams.human(sz) : "no free space in volume group") + ").");
        s.say("WARNING: You have not turned on protection against thin pools running out of space.");
        s.say("WARNING: Set activation/thin_pool_autoextend_threshold below 100 to trigger automatic extension of thin pools before they get full.");
    }
}
