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
import ulvm.segtype.SegmentTypes;
import ulvm.segtype.ThinPoolType;
import ulvm.segtype.ThinType;
import ulvm.store.MetadataWriter;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvconvert --thinpool|--type thin-pool (LVM2 2.03.16's tools/lvconvert.c _lvconvert_to_pool); the merge of a thin
 * snapshot is {@link ThinMerge}.
 */
public final class ThinConvert {
    private final Session s;

    public ThinConvert(Session s) { this.s = s; }

    /** {@code meta} null to allocate one; sizes as lvcreate's (0, null for the defaults). */
    public record ToPool(String vg, String lv, String meta, long chunk, long metadataBytes, Boolean zero, String discards, boolean errorWhenFull,
                         boolean spare, boolean yes, List<String> pvArgs) {}

    public void toPool(ToPool c) throws LvmException {
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, c.vg());
            Vg vg = vc.vg();
            Lv data = vg.lv(c.lv()).filter(l -> SnapshotRoles.userVisible(vg, l))
                    .orElseThrow(() -> new LvmException("Failed to find logical volume \"" + c.vg() + "/" + c.lv() + "\""));
            if (ThinPoolType.of(data) != null) throw new LvmException("Logical volume " + c.vg() + "/" + c.lv() + " is already a thin pool.");
            checkUsable(vg, data, "Logical volume " + c.vg() + "/" + c.lv() + " is of an unsupported type for a thin pool.");
            Lv meta = null;
            if (c.meta() != null) {
                meta = vg.lv(c.meta()).orElseThrow(() -> new LvmException("Unknown pool metadata LV " + c.meta() + "."));
                if (meta.name().equals(data.name())) throw new LvmException("Can't use same LV for pool data and metadata LV " + c.vg() + "/" + meta.name() + ".");
                if (!meta.visible()) throw new LvmException("Can't convert internal LV " + c.vg() + "/" + meta.name() + ".");
                if (meta.hasStatus("LOCKED")) throw new LvmException("Can't convert locked LV " + c.vg() + "/" + meta.name() + ".");
                checkUsable(vg, meta, "Pool metadata LV " + c.vg() + "/" + meta.name() + " is of an unsupported type.");
            }
            long metaExt = meta != null ? meta.extents() : c.metadataBytes() == 0 ? 0 : (c.metadataBytes() + vg.extentBytes() - 1) / vg.extentBytes();
            ThinPoolSettings set = ThinPoolSettings.of(s.config().forProfile(vg.setting("profile")), c.chunk(), c.zero(), c.discards());
            ThinParams tp = ThinParams.compute(s, vg.extentSize(), data.extents(), set, metaExt, meta == null ? null : c.vg() + "/" + meta.name());
            if (meta != null && tp.metadataExtents > meta.extents())
                throw new LvmException("Pool metadata LV " + c.vg() + "/" + meta.name() + " is too small (" + meta.extents() + " extents) for required metadata ("
                        + tp.metadataExtents + " extents).");
            String names = c.vg() + "/" + data.name() + (meta != null ? " and " + c.vg() + "/" + meta.name() : "");
            s.tell("WARNING: Converting " + names + " to thin pool's data" + (meta != null ? " and metadata volumes" : " volume") + " with metadata wiping.");
            s.tell("THIS WILL DESTROY CONTENT OF LOGICAL VOLUME (filesystem etc.)");
            if (!c.yes() && !s.console().ask("Do you really want to convert " + names + "? [y/n]: ")) throw new LvmException("Conversion aborted.");
            LvOps.checkNotInUse(s, vg, meta == null ? List.of(data) : List.of(data, meta));
            long now = System.currentTimeMillis() / 1000;
            Vg next = vg;
            List<PvRange> ranges = PvArgs.parse(c.pvArgs(), vc, s);
            String metaName = data.name() + "_tmeta", dataName = data.name() + "_tdata";
            if (meta == null) {
                FreeSpace fs = new LvOps(s).allocSpace(vc, ranges);
                List<Segment> segs;
                try {
                    segs = Allocator.allocate(fs, 0, tp.metadataExtents, 1, 0, Policy.NORMAL, null);
                } catch (AllocationException ex) {
                    throw new LvmException("Insufficient suitable allocatable extents for logical volume " + metaName + ": " + ex.missing() + " more required");
                }
                meta = RaidLegs.subLv(metaName, segs, now);
                next = next.withLv(meta);
            } else {
                next = next.replaceLv(meta.name(), meta.withName(metaName).withStatusFlag("VISIBLE", false));
                meta = next.lv(metaName).orElseThrow();
            }
            LvZero.zeroStart(vc, next, meta);
            next = next.replaceLv(data.name(), data.withName(dataName).withStatusFlag("VISIBLE", false));
            ThinPoolSegment seg = new ThinPoolSegment(0, data.extents(), metaName, dataName, 0, tp.chunk, set.discards(),
                    set.zero(), null, List.of());
            Lv pool = new Lv(data.name(), Uuid.generate(), List.of("READ", "WRITE", "VISIBLE"), c.errorWhenFull() ? List.of("ERROR_WHEN_FULL") : List.of(),
                    List.of(), now, MetadataWriter.hostname(), null, List.of(), List.of(seg));
            next = next.withLv(pool);
            if (!c.spare()) s.tell("WARNING: recovery of pools without pool metadata spare LV is not automated.");
            else next = new ThinCreate(s).spare(vc, next, meta.extents(), ranges, Policy.NORMAL, now);
            s.commit(vc, next);
            s.say("Converted " + names + " to thin pool.");
        }
    }

    /** Data and metadata LVs: linear, striped or raid, nothing stacked on them (LVM2's type checks). */
    private static void checkUsable(Vg vg, Lv lv, String refusal) throws LvmException {
        boolean plain = !lv.segments().isEmpty();
        for (Segment seg : lv.segments()) plain &= seg.type().equals("striped") || SegmentTypes.of(seg).raid();
        if (!plain || SnapshotRoles.isCow(vg, lv.name()) || SnapshotRoles.isOrigin(vg, lv.name()) || !lv.visible()) throw new LvmException(refusal);
    }
}
