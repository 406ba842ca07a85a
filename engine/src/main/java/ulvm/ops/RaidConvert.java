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
import ulvm.segtype.RaidType;
import ulvm.segtype.SegmentTypes;
import ulvm.segtype.StripedType;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvconvert on raid1 LVs (raid_manip.c, tools/lvconvert.c): --splitmirrors with --trackchanges or --name,
 * --merge of a tracked image, and -m/--type changes of the image count, linear to raid1 and back.
 */
public final class RaidConvert {
    private final Session s;

    public RaidConvert(Session s) { this.s = s; }

    private Set<String> pvIds(List<String> pvArgs, VgCopies vc) throws LvmException {
        if (pvArgs.isEmpty()) return null;
        Set<String> out = new HashSet<>();
        for (PvRange r : PvArgs.parse(pvArgs, vc, s)) out.add(r.pvId());
        return out;
    }

    /** Refusals LVM2 gives before any conversion of a tracking array or of a tracked image. */
    private static void checkNotTracking(Vg vg, Lv lv) throws LvmException {
        if (RaidSegs.raid1(lv) != null && RaidImages.tracked(vg, lv) != null)
            throw new LvmException("Conversion of tracking raid1 LV " + RaidImages.display(vg, lv.name()) + " is not supported.");
        Lv owner = RaidSegs.owner(vg, lv.name());
        if (owner != null && lv.name().contains("_rimage_") && RaidImages.tracked(vg, owner) != null)
            throw new LvmException("Conversion of tracked raid1 subvolume " + RaidImages.display(vg, lv.name()) + " is not supported.");
    }

    /** lvconvert --splitmirrors N (--trackchanges | --name NAME) VG/LV [PV...]. */
    public void splitMirrors(String vgName, String lvName, int count, boolean track, String newName, boolean yes, List<String> pvArgs) throws LvmException {
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, vgName);
            Vg vg = vc.vg();
            Lv lv = RaidImages.findLv(vg, lvName);
            RaidSegment r = RaidSegs.raid1(lv);
            if (r == null) {
                if (RaidType.only(lv) != null)
                    throw new LvmException("Unable to split images from non-mirrored RAID.");
                throw new LvmException("Command on LV " + RaidImages.display(vg, lvName) + " does not accept LV type " + SegmentTypes.firstName(lv) + ".");
            }
            Set<String> pvs = pvIds(pvArgs, vc);
            Lv tracking = RaidImages.tracked(vg, lv);
            int images = r.imageLvs().size();
            if (images - count < 1) throw new LvmException("Unable to split images by specified amount.");
            if (track) {
                if (count != 1) throw new LvmException("Exactly one image must be split off from " + RaidImages.display(vg, lvName) + " when tracking changes.");
                splitAndTrack(vc, lv, r, tracking, yes, pvs);
            } else {
                split(vc, lv, r, tracking, newName, images - count, yes, pvs);
            }
        }
    }

    private void splitAndTrack(VgCopies vc, Lv lv, RaidSegment r, Lv tracking, boolean yes, Set<String> pvs) throws LvmException {
        Vg vg = vc.vg();
        String name = RaidImages.display(vg, lv.name());
        if (!RaidImages.inSync(s, vc, lv)) throw new LvmException("Unable to split image from " + name + " while not in-sync.");
        if (tracking != null) throw new LvmException("Cannot track more than one split image at a time.");
        int pick = -1;
        for (int i = r.imageLvs().size() - 1; i >= 0 && pick < 0; i--)
            if (RaidImages.onPvs(vg.lv(r.imageLvs().get(i)).orElseThrow(), pvs)) pick = i;
        if (pick < 0) throw new LvmException("Unable to find image to satisfy request.");
        if (r.imageLvs().size() == 2 && !yes
                && !s.console().ask("Are you sure you want to split and track raid1 LV " + name + " losing resilience for any newly written data? ")) {
            throw new LvmException("Logical volume " + name + " NOT split.");
        }
        Lv img = vg.lv(r.imageLvs().get(pick)).orElseThrow();
        Lv split = img.withStatusFlag("WRITE", false).withStatusFlag("VISIBLE", true);
        s.commit(vc, vg.withLv(split));
        s.say(RaidImages.display(vg, img.name()) + " split from " + name + " for read-only purposes.");
        if (r.imageLvs().size() == 2) s.tell("WARNING: Any newly written data will be non-resilient on LV " + name + " during the split!");
        s.say("Use 'lvconvert --merge " + RaidImages.display(vg, img.name()) + "' to merge back into " + name + ".");
    }

    private void split(VgCopies vc, Lv lv, RaidSegment r, Lv tracking, String newName, int newCount, boolean yes, Set<String> pvs) throws LvmException {
        Vg vg = vc.vg();
        String name = RaidImages.display(vg, lv.name());
        if (r.imageLvs().size() - newCount != 1) throw new LvmException("Unable to split more than one image from " + name + ".");
        if (vg.lv(newName).isPresent()) throw new LvmException("Logical Volume \"" + newName + "\" already exists in " + vg.name() + ".");
        if (tracking == null && !RaidImages.inSync(s, vc, lv)) throw new LvmException("Unable to split " + name + " while it is not in-sync.");
        if (newCount == 1 && !yes && !s.console().ask("Are you sure you want to split raid1 LV " + name + " losing all resilience? "))
            throw new LvmException("Logical volume " + name + " NOT split.");
        if (tracking != null) {
            // only the tracked image may leave while changes are tracked (Red Hat's worked example)
            if (!RaidImages.onPvs(tracking, pvs))
                throw new LvmException("Unable to split additional image from " + name + " while tracking changes for "
                        + RaidImages.display(vg, tracking.name()) + ".");
            pvs = RaidImages.pvsOf(tracking);
        }
        int pick = -1;
        for (int i = r.imageLvs().size() - 1; i >= 0 && pick < 0; i--) {
            Lv img = vg.lv(r.imageLvs().get(i)).orElseThrow();
            if (tracking != null ? img.name().equals(tracking.name()) : RaidImages.onPvs(img, pvs)) pick = i;
        }
        if (pick < 0) throw new LvmException("Unable to remove 1 images:  Only 0 devices given.");
        Vg next = RaidImages.extract(vg, lv, pick, newName);
        if (newCount == 1) next = RaidImages.removeTopLayer(next, next.lv(lv.name()).orElseThrow());
        s.commit(vc, next);
    }

    /** lvconvert --merge VG/LV_rimage_N: a tracked image goes back into its array. */
    public void merge(String vgName, String imageName) throws LvmException {
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, vgName);
            Vg vg = vc.vg();
            Lv img = RaidImages.findLv(vg, imageName);
            String name = RaidImages.display(vg, imageName);
            if (img.writable()) throw new LvmException(name + " cannot be merged because --trackchanges was not used.");
            int at = imageName.indexOf("_rimage_");
            if (at < 0) throw new LvmException("Unable to merge non-raid image " + name + ".");
            Lv top = vg.lv(imageName.substring(0, at)).orElse(null);
            if (top == null) throw new LvmException("Unable to find containing RAID array for " + name + ".");
            RaidSegment r = RaidSegs.raid1(top);
            int i = r == null ? -1 : r.imageLvs().indexOf(imageName);
            if (i < 0 || r.metaLvs().get(i) == null)
                throw new LvmException("Failed to find meta for " + name + " in RAID array " + RaidImages.display(vg, top.name()) + ".");
            LvOps.checkNotInUse(s, vg, List.of(img));
            Lv merged = img.withStatusFlag("VISIBLE", false).withStatusFlag("WRITE", top.writable());
            s.commit(vc, vg.withLv(merged));
            s.say(name + " successfully merged back into " + RaidImages.display(vg, top.name()) + ".");
        }
    }

    /**
     * lvconvert -m [+|-]N [--type raid1|linear] VG/LV [PV...]: {@code sign} '+', '-' or 0; {@code toLinear} for
     * --type linear (same as -m 0).
     */
    public void changeImages(String vgName, String lvName, int mirrors, char sign, boolean yes, List<String> pvArgs) throws LvmException {
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, vgName);
            Vg vg = vc.vg();
            Lv lv = RaidImages.findLv(vg, lvName);
            String name = RaidImages.display(vg, lvName);
            checkNotTracking(vg, lv);
            RaidSegment r = RaidSegs.raid1(lv);
            boolean linear = StripedType.allLinear(lv);
            if (r == null && !linear)
                throw new LvmException("Unable to add RAID images to " + name + " of segment type " + SegmentTypes.firstName(lv) + ".");
            if (!lv.visible()) throw new LvmException("Operation not permitted on LV " + name + " type " + SegmentTypes.firstName(lv) + ".");
            int old = r == null ? 1 : r.imageLvs().size();
            int count = sign == '+' ? old + mirrors : sign == '-' ? old - mirrors : mirrors + 1;
            if (count < 1) throw new LvmException("Unable to reduce images by specified amount.");
            if (count > RaidCreate.MAX_IMAGES)
                throw new LvmException("Only up to " + RaidCreate.MAX_IMAGES + " mirrors in raid1 LV " + name + " supported currently.");
            if (count == old) {
                s.tell("WARNING: " + name + " already has image count of " + count + ".");
                s.say("Logical volume " + name + " successfully converted.");
                return;
            }
            if (count != 1 && !yes && !s.console().ask("Are you sure you want to convert " + (r == null ? "linear" : "raid1") + " LV " + name + " to "
                    + (old == 1 ? "raid1 with " : "") + count + " images " + (count < old ? "reducing" : "enhancing") + " resilience? "))
                throw new LvmException("Logical volume " + name + " NOT converted.");
            Vg next = count > old ? addImages(vc, lv, r, count, pvArgs) : removeImages(vc, lv, r, count, yes, pvArgs);
            s.commit(vc, next);
            s.say("Logical volume " + name + " successfully converted.");
        }
    }

    private Vg removeImages(VgCopies vc, Lv lv, RaidSegment r, int count, boolean yes, List<String> pvArgs) throws LvmException {
        Vg vg = vc.vg();
        String name = RaidImages.display(vg, lv.name());
        int extract = r.imageLvs().size() - count;
        Set<String> pvs = pvIds(pvArgs, vc);
        int given = pvs == null ? vg.pvs().size() : pvs.size();
        if (given < extract)
            throw new LvmException("Unable to remove " + extract + " images:  Only " + given + " device" + (given == 1 ? "" : "s") + " given.");
        // LVM2 extracts from the last image down (_raid_extract_images); removing index i never shifts a lower one
        List<Integer> picks = new ArrayList<>();
        for (int i = r.imageLvs().size() - 1; i >= 0 && picks.size() < extract; i--) {
            Lv img = vg.lv(r.imageLvs().get(i)).orElseThrow();
            Lv meta = r.metaLvs().get(i) == null ? null : vg.lv(r.metaLvs().get(i)).orElse(null);
            if (RaidImages.onPvs(img, pvs) || meta != null && RaidImages.onPvs(meta, pvs)) picks.add(i);
        }
        if (picks.size() < extract) throw new LvmException("Failed to extract images from " + name + ".");
        RaidImages.checkExtraction(s, vc, lv, extract, pvs, picks);
        Vg next = vg;
        Lv top = lv;
        for (int pick : picks) {
            next = RaidImages.extract(next, top, pick, null);
            top = next.lv(lv.name()).orElseThrow();
        }
        if (count == 1) {
            if (!yes && !s.console().ask("Are you sure you want to convert raid1 LV " + name + " to type linear losing all resilience? "))
                throw new LvmException("Logical volume " + name + " NOT converted to \"linear\".");
            next = RaidImages.removeTopLayer(next, top);
        }
        return next;
    }

    private Vg addImages(VgCopies vc, Lv lv, RaidSegment r, int count, List<String> pvArgs) throws LvmException {
        Vg vg = vc.vg();
        if (lv.hasStatus("NOTSYNCED")) throw new LvmException("Can't add image to out-of-sync RAID LV: use 'lvchange --resync' first.");
        if (r != null && !RaidImages.inSync(s, vc, lv)) throw new LvmException("Can't add image to RAID LV that is still initializing.");
        long now = System.currentTimeMillis() / 1000;
        Vg next = vg;
        Lv top = lv;
        List<String> metas = new ArrayList<>(), imgs = new ArrayList<>();
        Set<String> used = new HashSet<>();
        long ext = lv.extents();
        long region = r != null ? r.regionSize() : RaidCreate.DEFAULT_REGION_SIZE;
        if (r == null) {
            while (region < ext * vg.extentSize() / (1L << 21)) region *= 2;
        }
        long metaExt = RaidLegs.metaExtents(ext, region, vg.extentSize());
        LvOps ops = new LvOps(s);
        if (r == null) {
            // linear: the LV's extents become rimage_0; its rmeta goes on the PVs the data is on
            Lv img0 = RaidLegs.subLv(lv.name() + "_rimage_0", lv.segments(), now);
            Lv tmpTop = lv.withSegments(List.of());
            FreeSpace own = FreeSpace.of(vg, RaidImages.pvsOf(lv)).restrict(ranges(vc, RaidImages.pvsOf(lv)));
            List<RaidLegs.Leg> m;
            try {
                m = RaidLegs.allocate(own, 1, metaExt, 0, Policy.NORMAL);
            } catch (AllocationException e) {
                throw new LvmException("Insufficient suitable allocatable extents for logical volume " + lv.name() + "_rmeta_0: " + e.missing() + " more required");
            }
            Lv meta0 = RaidLegs.subLv(lv.name() + "_rmeta_0", m.get(0).meta(), now);
            next = next.withLv(tmpTop).withLv(img0).withLv(meta0);
            metas.add(meta0.name());
            imgs.add(img0.name());
            used.addAll(RaidImages.pvsOf(lv));
            LvZero.zeroAll(vc, next, meta0);
        } else {
            metas.addAll(r.metaLvs());
            imgs.addAll(r.imageLvs());
            for (String n : r.imageLvs()) used.addAll(RaidImages.pvsOf(vg.lv(n).orElseThrow()));
            for (String n : r.metaLvs()) if (n != null) used.addAll(RaidImages.pvsOf(vg.lv(n).orElseThrow()));
        }
        // new legs: on PVs no existing leg uses (LVM2's _avoid_pvs_of_lv), rmeta first
        List<PvRange> ranges = PvArgs.parse(pvArgs, vc, s);
        FreeSpace fs = ops.allocSpace(new VgCopies(next, vc.devices(), List.of()), ranges);
        // nor, with a cling_tag_list, on a PV sharing a listed tag with one (LVM2's _pv_is_parallel)
        ulvm.alloc.ClingRules rules = ops.clingRules(vg);
        List<String> allowed = new ArrayList<>();
        for (String id : fs.pvIds()) if (!used.contains(id) && used.stream().noneMatch(u -> rules.tagsMatch(u, id))) allowed.add(id);
        FreeSpace avail = FreeSpace.of(next, allowed);
        if (!ranges.isEmpty()) avail = avail.restrict(ranges);
        int add = count - imgs.size();
        List<RaidLegs.Leg> legs;
        try {
            legs = RaidLegs.allocate(avail, add, metaExt, ext, Policy.NORMAL);
        } catch (AllocationException e) {
            throw new LvmException("Insufficient suitable allocatable extents for logical volume " + lv.name() + ": " + e.missing() + " more required");
        }
        for (RaidLegs.Leg leg : legs) {
            int k = imgs.size();
            Lv img = RaidLegs.subLv(lv.name() + "_rimage_" + k, leg.image(), now);
            Lv meta = RaidLegs.subLv(lv.name() + "_rmeta_" + k, leg.meta(), now);
            next = next.withLv(img).withLv(meta);
            imgs.add(img.name());
            metas.add(meta.name());
            LvZero.zeroAll(vc, next, meta);
        }
        RaidSegment seg = r != null ? new RaidSegment("raid1", 0, ext, r.regionSize(), metas, imgs, r.extras())
                : new RaidSegment("raid1", 0, ext, region, metas, imgs, List.of());
        return next.withLv(top.withSegments(List.of(seg)));
    }

    private static List<PvRange> ranges(VgCopies vc, Set<String> pvIds) {
        List<PvRange> out = new ArrayList<>();
        for (Pv p : vc.vg().pvs()) if (pvIds.contains(p.id()) && p.allocatable()) out.add(new PvRange(p.id(), 0, p.peCount()));
        return out;
    }
}
