package ulvm.ops;

import java.util.List;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.ThinPoolSegment;
import ulvm.model.ThinSegment;
import ulvm.model.Vg;
import ulvm.segtype.ThinPoolType;
import ulvm.segtype.ThinType;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvextend, lvreduce and lvresize of thin LVs and pools (LVM2 2.03.16's lv_manip.c lv_resize): a thin LV only
 * changes its size; a pool grows its _tdata (never shrinks), and its _tmeta with it when the data would need more;
 * --poolmetadatasize grows the _tmeta, and the spare follows.
 */
public final class ThinResize {
    private final Session s;
    private final LvOps ops;

    ThinResize(Session s, LvOps ops) {
        this.s = s;
        this.ops = ops;
    }

    public ThinResize(Session s) { this(s, new LvOps(s)); }

    static boolean handles(Lv lv) { return ThinType.of(lv) != null || ThinPoolType.of(lv) != null; }

    /** The resize of {@code lv} to {@code target} extents, the size checks done (LvOps.lvresize). */
    void apply(VgCopies vc, Lv lv, long target, LvOps.ResizeSpec r, List<PvRange> ranges) throws LvmException {
        Vg vg = vc.vg();
        long cur = lv.extents();
        ThinSegment t = ThinType.of(lv);
        if (t != null) {
            if (target < cur) ops.confirmReduce(vg, lv, target, r.yes());
            Vg next = vg.withLv(lv.withSegments(List.of(t.withCount(target))));
            s.commit(vc, next);
            changed(vg, lv.name(), cur, target);
            if (target > cur) new ThinCreate(s).overprovisioning(next, next.lv(lv.name()).orElseThrow());
            s.say("Logical volume " + vg.name() + "/" + lv.name() + " successfully resized.");
            return;
        }
        ThinPoolSegment p = ThinPoolType.of(lv);
        Lv tdata = vg.lv(p.dataLv()).orElseThrow();
        if (target < cur) throw new LvmException("Thin pool volumes " + vg.name() + "/" + tdata.name() + " cannot be reduced in size yet.");
        Vg next = vg;
        // the metadata grows first when the data would need more of it (estimate_thin_pool_metadata_size)
        Lv tmeta = vg.lv(p.metadataLv()).orElseThrow();
        long want = Math.max(target * vg.extentSize() / (p.chunkSize() * 8), ThinParams.MIN_METADATA);
        long wantExt = (Math.min(want, ThinParams.MAX_METADATA) + vg.extentSize() - 1) / vg.extentSize();
        if (r.pvArgs().isEmpty() && wantExt > tmeta.extents()) next = growMetadata(vc, next, lv, wantExt, r, ranges);
        Lv grown = ops.extend(new VgCopies(next, vc.devices(), List.of(), vc.reappeared()), tdata, target, r, 0, ranges);
        next = next.withLv(grown).withLv(lv.withSegments(List.of(p.withCount(grown.extents()))));
        s.commit(vc, next);
        long metaNow = next.lv(tmeta.name()).orElseThrow().extents();
        if (metaNow != tmeta.extents()) changed(vg, tmeta.name(), tmeta.extents(), metaNow);
        changed(vg, tdata.name(), cur, grown.extents());
        overprovisioningOfPool(next, lv.name());
        s.say("Logical volume " + vg.name() + "/" + lv.name() + " successfully resized.");
    }

    /** lvextend|lvresize --poolmetadatasize [+]SIZE VG/POOL without a data size. */
    public void metadata(String lvArg, Sizes.Size size, LvOps.ResizeSpec r, boolean extend) throws LvmException {
        String[] vl = LvOps.vgLv(lvArg, null);
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, vl[0]);
            Vg vg = vc.vg();
            Lv lv = vg.lv(vl[1]).orElseThrow(() -> new LvmException("Logical volume " + vl[1] + " not found in volume group " + vl[0] + "."));
            if (ThinPoolType.of(lv) == null) throw new LvmException("--poolmetadatasize can be used only with thin pools.");
            metadata(vc, lv, size, r, extend);
        }
    }

    /** lvextend VG/POOL_tmeta: the metadata LV named itself (lvextend takes it, hidden as it is). */
    static boolean isMetadata(Vg vg, Lv lv) {
        Lv pool = ThinPoolType.owner(vg, lv.name());
        return pool != null && ThinPoolType.of(pool).metadataLv().equals(lv.name());
    }

    void metadataLv(VgCopies vc, Lv tmeta, LvOps.ResizeSpec r) throws LvmException {
        Vg vg = vc.vg();
        Sizes.Size size = r.size().size();
        if (size == null) {
            Sizes.Extents e = r.size().extents();
            if (e.percentOf() != null) throw new LvmException("Resizing pool metadata by a percentage is not supported by this version of ulvm yet.");
            size = new Sizes.Size(e.sign(), e.count() * vg.extentBytes());
        }
        metadata(vc, ThinPoolType.owner(vg, tmeta.name()), size, r, true);
    }

    /** The pool's metadata LV grown to [+]{@code size}; the spare follows. */
    private void metadata(VgCopies vc, Lv lv, Sizes.Size size, LvOps.ResizeSpec r, boolean extend) throws LvmException {
        Vg vg = vc.vg();
        ThinPoolSegment p = ThinPoolType.of(lv);
        Lv tmeta = vg.lv(p.metadataLv()).orElseThrow();
        long cur = tmeta.extents();
        long amount = (size.bytes() + vg.extentBytes() - 1) / vg.extentBytes();
        if (size.bytes() % vg.extentBytes() != 0)
            s.say("Rounding size to boundary between physical extents: " + ThinParams.human(amount * vg.extentSize()) + ".");
        long target = size.sign() == '+' ? cur + amount : size.sign() == '-' ? cur - amount : amount;
        if (target < cur && extend) throw new LvmException("New size given (" + target + " extents) not larger than existing size (" + cur + " extents)");
        if (target < cur) throw new LvmException("Thin pool metadata volumes cannot be reduced.");
        long maxExt = (ThinParams.MAX_METADATA + vg.extentSize() - 1) / vg.extentSize();
        if (target > maxExt) {
            target = maxExt;
            s.say("Reached maximum pool metadata size " + ThinParams.human(ThinParams.MAX_METADATA) + " (" + target + " extents).");
        }
        List<PvRange> ranges = PvArgs.parse(r.pvArgs(), vc, s);
        Vg next = target == cur ? vg : growMetadata(vc, vg, lv, target, r, ranges);
        if (target == cur) {
            s.say("Size of logical volume " + vg.name() + "/" + tmeta.name() + " unchanged from " + LvOps.size(vg, cur) + ".");
        } else {
            s.commit(vc, next);
            changed(vg, tmeta.name(), cur, target);
        }
        s.say("Logical volume " + vg.name() + "/" + tmeta.name() + " successfully resized.");
    }

    private Vg growMetadata(VgCopies vc, Vg vg, Lv pool, long target, LvOps.ResizeSpec r, List<PvRange> ranges) throws LvmException {
        ThinPoolSegment p = ThinPoolType.of(pool);
        Lv tmeta = vg.lv(p.metadataLv()).orElseThrow();
        Lv grown = ops.extend(new VgCopies(vg, vc.devices(), List.of(), vc.reappeared()), tmeta, target, r, 0, ranges);
        Vg next = vg.withLv(grown);
        if (r.pvArgs().isEmpty() && ThinPoolType.spare(next) != null)
            next = new ThinCreate(s).spare(vc, next, target, List.of(), ulvm.alloc.Policy.NORMAL, System.currentTimeMillis() / 1000);
        return next;
    }

    private void changed(Vg vg, String name, long from, long to) {
        s.say("Size of logical volume " + vg.name() + "/" + name + " changed from " + LvOps.size(vg, from) + " to " + LvOps.size(vg, to) + ".");
    }

    private void overprovisioningOfPool(Vg vg, String pool) {
        List<Lv> thins = ThinPoolType.thins(vg, pool);
        if (!thins.isEmpty()) new ThinCreate(s).overprovisioning(vg, thins.get(0));
    }
}
