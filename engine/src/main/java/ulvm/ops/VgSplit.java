package ulvm.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulvm.api.LvmException;
import ulvm.format.Uuid;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.SnapshotSegment;
import ulvm.model.Vg;
import ulvm.move.MoveLvs;
import ulvm.segtype.SegmentTypes;
import ulvm.store.PvDevice;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * vgsplit SOURCE DEST PV... | -n LV, as LVM2 2.03.16 (tools/vgsplit.c): the PVs move to DEST (a new VG, or an existing
 * one that is compatible) with every LV wholly on them; an LV left on both sides is refused. Written as LVM2 does: DEST
 * flagged EXPORTED first, then SOURCE without the PVs, then DEST without the flag, so a crash in between leaves no VG
 * that two hosts would both use.
 */
public final class VgSplit {
    /** The options a new DEST takes (null: SOURCE's value). */
    public record NewVg(Long maxLv, Long maxPv, String alloc) {
        boolean any() { return maxLv != null || maxPv != null || alloc != null; }
    }

    private final Session s;

    public VgSplit(Session s) { this.s = s; }

    public void vgsplit(String from, String to, List<Path> pvArgs, String lvName, NewVg opts) throws LvmException {
        if (pvArgs.isEmpty() && lvName == null)
            throw LvmException.invalid("Existing VG, new VG and either physical volumes or logical volume required.");
        if (lvName != null && !pvArgs.isEmpty()) throw new LvmException("A logical volume name cannot be given with physical volumes.");
        if (from.equals(to)) throw new LvmException("Duplicate volume group name \"" + from + "\"");
        try (Scan scan = s.scan(true)) {
            s.warn(scan);
            boolean existing = scan.vg(to).isPresent();
            if (!existing) Names.checkVg(to);
            VgCopies dstVc = existing ? s.writableVg(scan, to) : null;
            VgCopies src = s.writableVg(scan, from);
            Vg a = src.vg();
            Vg dst;
            if (existing) {
                if (opts.any()) throw new LvmException("Volume group \"" + to + "\" exists, but new VG option specified");
                dst = dstVc.vg();
                VgMerge.compatible(a, dst);
            } else {
                dst = new Vg(to, Uuid.generate(), 0, List.of("RESIZEABLE", "READ", "WRITE"), List.of(), a.extentSize(),
                        opts.maxLv() != null ? opts.maxLv() : a.maxLv(), opts.maxPv() != null ? opts.maxPv() : a.maxPv(), a.metadataCopies(),
                        List.of(), List.of(), List.of()).withSetting("system_id", s.systemId().id());
                if (opts.alloc() != null) dst = dst.withSetting("allocation_policy", opts.alloc());
                else if (a.setting("allocation_policy") != null) dst = dst.withSetting("allocation_policy", a.setting("allocation_policy"));
            }
            Set<String> moving = new LinkedHashSet<>();
            for (Path p : pvArgs) {
                PvDevice d = scan.pv(p).orElse(null);
                if (d == null || a.pv(d.uuid()).isEmpty()) throw new LvmException("Physical volume " + p + " not in volume group " + from);
                moving.add(d.uuid());
            }
            if (lvName != null) {
                Lv lv = a.lv(lvName).orElseThrow(() -> new LvmException("Logical volume " + lvName + " not in volume group " + from));
                moving.addAll(MoveLvs.pvsOf(a, lv));
            }
            List<Lv> moved = movedLvs(a, moving);
            for (Lv lv : moved)
                if (s.hooks().isActive(from, lv.name())) throw new LvmException("Logical volume " + from + "/" + lv.name() + " must be inactive.");
            Set<String> movedNames = new LinkedHashSet<>();
            for (Lv lv : moved) movedNames.add(lv.name());
            for (Lv lv : moved)
                for (Lv l : dst.lvs())
                    if (l.name().equals(lv.name()))
                        throw new LvmException("Duplicate logical volume name \"" + l.name() + "\" in \"" + to + "\" and \"" + from + "\"");
            List<Pv> dstPvs = new ArrayList<>(dst.pvs()), srcPvs = new ArrayList<>();
            Map<String, PvDevice> dstDevs = new LinkedHashMap<>(existing ? dstVc.devices() : Map.of()), srcDevs = new LinkedHashMap<>();
            for (Pv p : a.pvs()) {
                if (moving.contains(p.id())) {
                    dstPvs.add(p);
                    dstDevs.put(p.id(), src.device(p.id()));
                } else {
                    srcPvs.add(p);
                    srcDevs.put(p.id(), src.device(p.id()));
                }
            }
            if (dstDevs.values().stream().allMatch(d -> d.mdas().isEmpty()))
                throw new LvmException("Cannot split: Nowhere to store metadata for new Volume Group");
            List<Lv> dstLvs = new ArrayList<>(dst.lvs()), srcLvs = new ArrayList<>();
            for (Lv lv : a.lvs()) (movedNames.contains(lv.name()) ? dstLvs : srcLvs).add(lv);
            Vg dstNext = dst.withPvs(dstPvs).withLvs(dstLvs);
            Vg srcNext = a.withPvs(srcPvs).withLvs(srcLvs);
            long dstSeq = existing ? dstVc.vg().seqno() : 0;
            Vg written = s.commitWithSeqno(dstVc, dstNext.withStatusFlag("EXPORTED", true), dstDevs, dstSeq);
            if (!srcPvs.isEmpty()) s.commit(src, srcNext, srcDevs);
            else s.notifyRemoved(src);
            s.commitWithSeqno(null, dstNext, dstDevs, written.seqno());
            s.say((existing ? "Existing" : "New") + " volume group \"" + to + "\" successfully split from \"" + from + "\"");
        }
    }

    /**
     * The LVs that go with the PVs: an LV stack (with its sub-LVs) wholly on them, and a snapshot whose origin and COW
     * both go. An LV on both sides is refused, in LVM2's words.
     */
    private static List<Lv> movedLvs(Vg vg, Set<String> moving) throws LvmException {
        Set<String> sub = new LinkedHashSet<>();
        for (Lv lv : vg.lvs()) for (Segment seg : lv.segments()) sub.addAll(MoveLvs.subLvs(seg));
        List<Lv> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (boolean raids : new boolean[] {true, false}) { // _move_raids, then _move_lvs
            for (Lv lv : vg.lvs()) {
                if (sub.contains(lv.name()) || SnapshotRoles.isInternalSnapshot(lv) || names.contains(lv.name())) continue; // with their top LV
                if (raids != SegmentTypes.any(lv, t -> t.raid())) continue;
                Set<String> on = MoveLvs.pvsOf(vg, lv);
                boolean there = on.stream().anyMatch(moving::contains), here = on.stream().anyMatch(p -> !moving.contains(p));
                if (!there) continue;
                if (here) throw new LvmException(raids ? "Can't split LV " + lv.name() + " between two Volume Groups"
                        : "Can't split Logical Volume " + lv.name() + " between two Volume Groups");
                addStack(vg, lv, out, names);
            }
        }
        for (Lv lv : vg.lvs()) { // the internal snapshotN LVs: with origin and COW, or refused
            if (!SnapshotRoles.isInternalSnapshot(lv)) continue;
            SnapshotSegment sn = SnapshotRoles.seg(lv);
            boolean cow = names.contains(sn.cowStore()), origin = names.contains(sn.origin());
            if (cow != origin) throw new LvmException("Can't split snapshot " + sn.cowStore() + " between two Volume Groups");
            if (cow) addStack(vg, lv, out, names);
        }
        return out;
    }

    private static void addStack(Vg vg, Lv lv, List<Lv> out, Set<String> names) {
        if (!names.add(lv.name())) return;
        out.add(lv);
        for (Segment seg : lv.segments()) for (String s : MoveLvs.subLvs(seg)) vg.lv(s).ifPresent(x -> addStack(vg, x, out, names));
    }
}
