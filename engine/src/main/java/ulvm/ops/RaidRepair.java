package ulvm.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ulvm.alloc.AllocationException;
import ulvm.alloc.FreeSpace;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.raid.RaidStatus;
import ulvm.segtype.RaidType;
import ulvm.segtype.SegmentType;
import ulvm.segtype.SegmentTypes;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvconvert --repair VG/LV [PV...] on raid1, raid4/5/6 and raid10 (tools/lvconvert.c _lvconvert_repair_pvs_raid, raid_manip.c
 * _lv_raid_rebuild_or_replace): the images on missing PVs, of the error target, or failed in the running array get
 * new rimage/rmeta sub-LVs of the same names on other PVs; they start unsynced and are synced in full from the
 * surviving legs (raid4/5/6/10: rebuilt from the others), by the running array at once, else on activation.
 */
public final class RaidRepair {
    static final String PROMPT = "Attempt to replace failed RAID images (requires full device resync)? ";
    private final Session s;

    public RaidRepair(Session s) { this.s = s; }

    /**
     * {@code usePolicies}: lvm.conf's raid_fault_policy decides, and ulvm has LVM2's default, "warn": nothing is
     * replaced, the user is told how to.
     */
    public void repair(String vgName, String lvName, boolean yes, boolean usePolicies, List<String> pvArgs) throws LvmException {
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.vgHandlingMissing(scan, vgName);
            Vg vg = vc.vg();
            Lv lv = RaidImages.findLv(vg, lvName);
            String name = RaidImages.display(vg, lvName);
            RaidSegment r = RaidSegs.raid1(lv) != null || ulvm.raid.MdRaidArray.handles(lv) ? RaidType.only(lv) : null;
            if (r == null) {
                if (RaidType.only(lv) != null)
                    throw new LvmException("Unsupported volume type for repair of volume " + name + ".");
                throw new LvmException("Command on LV " + name + " does not accept LV type " + SegmentTypes.firstName(lv) + ".\nCommand not permitted on LV " + name + ".");
            }
            List<PvRange> ranges = PvArgs.parse(pvArgs, vc, s);
            if (usePolicies) {
                s.tell("Use 'lvconvert --repair " + name + "' to replace failed device.");
                return;
            }
            if (!yes && !s.console().ask(PROMPT)) return; // LVM2: a "no" is not a failure
            try {
                replace(vc, lv, r, ranges);
            } catch (LvmException e) {
                if (e.getMessage() != null) s.tell(e.getMessage());
                throw new LvmException("Failed to replace faulty devices in " + name + ".");
            }
            s.say("Faulty devices in " + name + " successfully replaced.");
        }
    }

    private void replace(VgCopies vc, Lv lv, RaidSegment r, List<PvRange> ranges) throws LvmException {
        Vg vg = vc.vg();
        String name = RaidImages.display(vg, lv.name());
        if (!RaidImages.inSync(s, vc, lv)) throw new LvmException("Unable to replace devices in " + name + " while it is not in-sync.");
        Set<String> failedPvs = failedPvs(vc);
        RaidStatus live = s.hooks().raidStatus(vg.name(), lv.name());
        List<Integer> match = new ArrayList<>();
        for (int i = 0; i < r.imageLvs().size(); i++) {
            Lv img = vg.lv(r.imageLvs().get(i)).orElseThrow();
            Lv meta = r.metaLvs().get(i) == null ? null : vg.lv(r.metaLvs().get(i)).orElse(null);
            boolean dead = live != null && i < live.legs().length() && live.legs().charAt(i) == 'D';
            if (dead || degraded(vg, img, failedPvs) || meta != null && degraded(vg, meta, failedPvs)) match.add(i);
        }
        if (match.isEmpty()) {
            if (!failedPvs.isEmpty()) throw new LvmException("Logical volume " + name + " does not contain devices specified to replace.");
            s.say(name + " does not contain devices specified to replace.");
            return;
        }
        if (match.size() == r.imageLvs().size()) throw new LvmException("Unable to replace all PVs from " + name + " at once.");
        boolean partial = MissingPvs.partialLvs(vg, MissingPvs.ids(vc)).contains(lv.name());

        // new legs never go on a PV holding any image of this LV (_avoid_pvs_with_other_images_of_lv), nor a missing one
        Set<String> avoid = new HashSet<>();
        for (String n : r.imageLvs()) avoid.addAll(RaidImages.pvsOf(vg.lv(n).orElseThrow()));
        for (String n : r.metaLvs()) if (n != null) avoid.addAll(RaidImages.pvsOf(vg.lv(n).orElseThrow()));
        List<String> allowed = new ArrayList<>();
        for (Pv p : vg.pvs()) if (p.allocatable() && vc.devices().containsKey(p.id()) && !avoid.contains(p.id())) allowed.add(p.id());
        FreeSpace avail = FreeSpace.of(vg, allowed);
        if (!ranges.isEmpty()) avail = avail.restrict(ranges);
        long ext = vg.lv(r.imageLvs().get(match.get(0))).orElseThrow().extents(); // raid4/5/6/10: an image holds a share of the LV
        long metaExt = RaidLegs.metaExtents(ext, r.regionSize() > 0 ? r.regionSize() : RaidCreate.DEFAULT_REGION_SIZE, vg.extentSize());
        int count = match.size();
        List<RaidLegs.Leg> legs;
        while (true) {
            try {
                legs = RaidLegs.allocate(avail, count, metaExt, ext, Policy.NORMAL);
                break;
            } catch (AllocationException e) {
                s.tell("Insufficient suitable allocatable extents for logical volume : " + e.missing() + " more required");
                if (!partial) throw new LvmException("LV " + name + " in not partial.");
                count--;
                if (count == 0) throw new LvmException("Failed to allocate replacement images for " + name + ".");
                s.tell("Failed to replace " + count + " devices.  Attempting to replace " + (count + 1) + " instead.");
            }
        }
        long now = System.currentTimeMillis() / 1000;
        Vg next = vg;
        for (int k = 0; k < count; k++) {
            int i = match.get(k);
            String imgName = r.imageLvs().get(i), metaName = r.metaLvs().get(i);
            if (metaName == null) metaName = lv.name() + "_rmeta_" + i;
            next = next.withoutLv(imgName);
            if (next.lv(metaName).isPresent()) next = next.withoutLv(metaName);
            Lv img = RaidLegs.subLv(imgName, legs.get(k).image(), now);
            Lv meta = RaidLegs.subLv(metaName, legs.get(k).meta(), now);
            next = next.withLv(meta).withLv(img);
            LvZero.zeroAll(vc, next, meta); // no record: the running array (or the next activation) syncs it in full
        }
        List<String> metas = new ArrayList<>(r.metaLvs());
        for (int k = 0; k < count; k++) if (metas.get(match.get(k)) == null) metas.set(match.get(k), lv.name() + "_rmeta_" + match.get(k));
        RaidSegment seg = new RaidSegment(r.type(), r.start(), r.count(), r.regionSize(), metas, r.imageLvs(), r.extras());
        next = next.withLv(next.lv(lv.name()).orElseThrow().withSegments(List.of(seg)));
        s.commit(vc, next);
    }

    /** LVM2's _failed_pv_list: missing PVs that hold extents. */
    private static Set<String> failedPvs(VgCopies vc) {
        Set<String> out = new HashSet<>();
        Set<String> used = FreeSpace.usedRanges(vc.vg()).keySet();
        for (String id : MissingPvs.ids(vc)) if (used.contains(id)) out.add(id);
        return out;
    }

    /** _sublv_is_degraded: on a failed PV, or of the error target (vgreduce --removemissing --force left it so). */
    private static boolean degraded(Vg vg, Lv sub, Set<String> failedPvs) {
        if (SegmentTypes.any(sub, SegmentType::virtual)) return true;
        for (String id : RaidImages.pvsOf(sub)) if (failedPvs.contains(id)) return true;
        return false;
    }

}
