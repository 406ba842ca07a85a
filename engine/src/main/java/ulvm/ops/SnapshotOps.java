package ulvm.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.Vg;
import ulvm.snapshot.CowFormat;
import ulvm.snapshot.SnapshotStatus;
import ulvm.store.VgCopies;

/** What lvremove, lvresize and lvchange do differently for snapshot origins and snapshots (COW LVs). */
final class SnapshotOps {
    private final Session s;

    SnapshotOps(Session s) { this.s = s; }

    /**
     * lvremove of {@code lv}: the LVs to drop, in LVM2's order (an origin's snapshots first, each with its
     * snapshotN), and the names to report as removed. Throws on LVM2's refusals and a "no" to its prompt.
     */
    record Removal(List<Lv> drop, List<String> reported) {}

    Removal removal(Vg vg, Lv lv, boolean force) throws LvmException {
        List<Lv> drop = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        Lv internal = SnapshotRoles.internalOf(vg, lv.name());
        if (internal != null) {
            if (SnapshotRoles.seg(internal).merging()) {
                SnapshotStatus st = s.hooks().snapshotStatus(vg.name(), lv.name());
                if (st != null && st.valid())
                    throw new LvmException("Can't remove merging snapshot logical volume " + vg.name() + "/" + lv.name() + ".");
            }
            drop.add(lv);
            drop.add(internal);
            reported.add(lv.name());
            return new Removal(drop, reported);
        }
        List<Lv> snaps = SnapshotRoles.internalsOfOrigin(vg, lv.name());
        if (!snaps.isEmpty()) {
            LvOps.checkNotInUse(s, vg, List.of(lv));
            if (!force && s.hooks().isActive(vg.name(), lv.name())
                    && !s.console().ask("Do you really want to remove active origin logical volume " + vg.name() + "/" + lv.name() + " with "
                    + snaps.size() + " snapshots(s)? [y/n]: ")) {
                s.tell("Logical volume " + vg.name() + "/" + lv.name() + " not removed.");
                throw new LvmException(LvmException.FAILED, null);
            }
            for (Lv in : snaps) {
                Lv cow = vg.lv(SnapshotRoles.seg(in).cowStore()).orElse(null);
                if (cow != null) {
                    drop.add(cow);
                    reported.add(cow.name());
                }
                drop.add(in);
            }
        }
        drop.add(lv);
        reported.add(lv.name());
        return new Removal(drop, reported);
    }

    /** lvresize's checks for origins (_lvresize_check_type). */
    void checkOriginResize(Vg vg, Lv lv, boolean reduce) throws LvmException {
        if (!SnapshotRoles.isOrigin(vg, lv.name())) return;
        if (reduce) throw new LvmException("Snapshot origin volumes cannot be reduced in size yet.");
        if (s.hooks().isActive(vg.name(), lv.name()))
            throw new LvmException("Snapshot origin volumes can be resized only while inactive: try lvchange -an.");
    }

    /**
     * lvresize -l N%ORIGIN: that share of the origin's extents for a COW LV (rounded up unless reducing); -1 for
     * other sizes. Throws for an LV that is not a snapshot.
     */
    static long percentOfOrigin(Vg vg, Lv lv, LvOps.SizeArg size, char sign) throws LvmException {
        Sizes.Extents e = size.extents();
        if (e == null || !"ORIGIN".equals(e.percentOf())) return -1;
        Lv origin = SnapshotRoles.originOf(vg, lv.name());
        if (origin == null) throw new LvmException("Specified LV does not have an origin LV.");
        return Sizes.percentOf(e.count(), origin.extents(), sign != '-');
    }

    /** cow_max_extents for a COW LV, or -1 when {@code lv} is not one. */
    static long cowMax(Vg vg, Lv lv) {
        Lv in = SnapshotRoles.internalOf(vg, lv.name());
        Lv origin = SnapshotRoles.originOf(vg, lv.name());
        if (in == null || origin == null) return -1;
        return SnapshotRoles.cowMaxExtents(vg, origin, SnapshotRoles.seg(in).chunkSize());
    }

    /**
     * A COW may not shrink below what its store uses: from the live snapshot when it is active, else read from the
     * store on the images.
     */
    void checkCowReduce(VgCopies vc, Lv lv, long target) throws LvmException {
        Vg vg = vc.vg();
        Lv in = SnapshotRoles.internalOf(vg, lv.name());
        if (in == null) return;
        long used = usedSectors(vc, lv, SnapshotRoles.seg(in).chunkSize());
        long targetSectors = target * vg.extentSize();
        if (used > targetSectors) {
            long usedExt = (used + vg.extentSize() - 1) / vg.extentSize();
            throw new LvmException("Cannot reduce snapshot " + vg.name() + "/" + lv.name() + " to " + Sizes.human(targetSectors * 512)
                    + ": its COW store uses " + Sizes.human(used * 512) + " (" + usedExt + " extents).");
        }
    }

    /** Sectors of the COW store in use (header, exception areas, data chunks, and room for the next exception). */
    long usedSectors(VgCopies vc, Lv cow, long chunk) throws LvmException {
        Vg vg = vc.vg();
        SnapshotStatus st = s.hooks().snapshotStatus(vg.name(), cow.name());
        if (st != null) return st.valid() ? st.allocatedSectors() : 0;
        long cowSectors = cow.extents() * vg.extentSize();
        try {
            CowFormat.Contents c = CowFormat.read(reader(vc, cow), cowSectors, chunk);
            if (!c.header().valid()) return 0;
            return c.nextFree() * c.header().chunkSectors();
        } catch (IOException e) {
            throw new LvmException("Failed to read snapshot exception store of " + vg.name() + "/" + cow.name() + ": " + e.getMessage());
        }
    }

    /** Reads the COW LV offline, through its table on the images. */
    private static CowFormat.Reader reader(VgCopies vc, Lv cow) throws IOException {
        ulvm.mapping.LvTable table = ulvm.mapping.TableBuilder.build(vc.vg(), cow, id -> {
            ulvm.store.PvDevice d = vc.device(id);
            return d == null ? null : d.device();
        });
        return (offset, dst) -> {
            while (dst.hasRemaining()) {
                int n = table.read(offset, dst);
                if (n <= 0) throw new IOException("short read of the COW store at " + offset);
                offset += n;
            }
        };
    }

    /** lvchange -a of a snapshot changes its origin: LVM2's question, and the LV to (de)activate. */
    Lv activationTarget(Vg vg, Lv lv, boolean yes) throws LvmException {
        Lv origin = SnapshotRoles.originOf(vg, lv.name());
        if (origin == null) return lv;
        int others = SnapshotRoles.internalsOfOrigin(vg, origin.name()).size() - 1;
        String more = others < 1 ? "" : " and " + others + " other snapshot(s)";
        if (!yes && !s.console().ask("Change of snapshot " + vg.name() + "/" + lv.name() + " will also change its origin " + vg.name() + "/"
                + origin.name() + more + ". Proceed? [y/n]: ")) {
            s.tell("Logical volume " + vg.name() + "/" + lv.name() + " not changed.");
            throw new LvmException(LvmException.FAILED, null);
        }
        return origin;
    }
}
