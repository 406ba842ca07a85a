package ulvm.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import ulvm.alloc.AllocationException;
import ulvm.alloc.FreeSpace;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.RaidLevels;
import ulvm.model.RaidSegment;
import ulvm.model.Section;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;
import ulvm.segtype.RaidType;
import ulvm.segtype.StripedType;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvconvert --type between the levels LVM2 2.03.16 takes over without a reshape (lib/metadata/raid_manip.c
 * lv_raid_convert, _set_convenient_raid145610_segtype_to, _takeover_upconvert_wrapper, _takeover_downconvert_wrapper):
 * striped, raid0, raid0_meta, raid4, raid5_n and raid6_n_6 into one another, raid5_ls/la/rs/ra and raid6_ls_6/la_6/
 * rs_6/ra_6 (the Q image added or removed at the end), raid10 to and from striped/raid0/raid0_meta, and raid1 with two
 * images into raid4/raid5 and back; other requests take LVM2's interim type with its warnings (RaidTakeoverTypes).
 * The data images keep their extents; rmeta LVs are wiped where LVM2 wipes them (new ones, and all of them when
 * raid4's parity image moves or the array becomes raid0_meta), so the array resyncs when it next runs. A change of
 * the stripe count or of the layout (raid5_ls to raid5_n, ...) is a reshape, which ulvm refuses.
 */
public final class RaidTakeover {
    private final Session s;

    public RaidTakeover(Session s) { this.s = s; }

    /** Whether {@code type} is one this class converts to (lvconvert --type). */
    public static boolean handles(String type) { return type.equals("striped") || RaidLevels.known(type) && !type.equals("raid1"); }

    /** {@code stripes}: lvconvert -i/--stripes, 0 when not given. */
    public void convert(String vgName, String lvName, String type, int stripes, boolean yes, List<String> pvArgs) throws LvmException {
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, vgName);
            Vg vg = vc.vg();
            Lv lv = RaidImages.findLv(vg, lvName);
            String name = RaidImages.display(vg, lvName);
            RaidSegment r = RaidType.only(lv);
            boolean striped = r == null && StripedType.allStriped(lv) && !lv.segments().isEmpty() && !StripedType.allLinear(lv);
            if (r == null && !striped) throw new LvmException("Unable to convert LV " + name + " from " + ulvm.segtype.SegmentTypes.firstName(lv) + " to " + type + ".");
            String from = striped ? "striped" : r.type();
            int images = striped ? lv.segments().get(0).areas().size() : r.imageLvs().size();
            if (striped && lv.segments().stream().anyMatch(seg -> seg.areas().size() != images))
                throw new LvmException("Cannot convert striped LV " + name + " with varying stripe count to raid0.");
            RaidTakeoverTypes.Choice choice = RaidTakeoverTypes.convenient(name, from, images, type, stripes);
            for (String line : choice.lines()) s.tell(line);
            if (choice.reshape()) throw reshape(vg, lv);
            String to = choice.type();
            int dataNow = striped ? images : RaidLevels.dataStripes(from, images);
            if (same(from, to)) {
                if (stripes > 0 && stripes != dataNow || !from.equals(to)) throw reshape(vg, lv);
                if (!RaidTakeoverTypes.stripedAreas(from)) throw reshape(vg, lv); // _reshape_requested: "no layout change"
                throw new LvmException("Logical volume " + name + " is already of requested type " + from + "."); // _takeover_noop
            }
            String refused = refusal(name, from, images, to);
            if (refused != null) throw new LvmException(refused);
            if (stripes > 0 && stripes != dataNow) throw new LvmException("Can't restripe LV " + name + " during conversion.");
            // raid0 and raid0_meta are one level: no prompt (lv_raid_convert prompts for a takeover between levels;
            // raid4 and raid5_n, one level too, are prompted for by _raid45_to_raid54_wrapper alike)
            if (!yes && !(RaidLevels.raid0(from) && RaidLevels.raid0(to))
                    && !s.console().ask("Are you sure you want to convert " + from + " LV " + name + " to " + to + " type? "))
                throw new LvmException("Logical volume " + name + " NOT converted.");
            Vg next = convert(vc, lv, r, from, to, pvArgs);
            s.commit(vc, next);
            s.say("Logical volume " + name + " successfully converted.");
        }
    }

    /** Takeovers between the same level (raid5_ls to raid5_n, a stripe count) are reshapes. */
    private static boolean same(String from, String to) {
        if (from.equals(to)) return true;
        if (RaidLevels.raid0(from) || from.equals("striped") || from.equals("raid1")) return false;
        return RaidLevels.parity(from) == RaidLevels.parity(to) && !from.equals("raid4") && !to.equals("raid4")
                && RaidLevels.raid10(from) == RaidLevels.raid10(to);
    }

    private LvmException reshape(Vg vg, Lv lv) {
        if (!s.hooks().isActive(vg.name(), lv.name()))
            return new LvmException(vg.name() + "/" + lv.name() + " must be active to perform this operation.");
        return new LvmException("Reshaping " + vg.name() + "/" + lv.name() + " is not supported by this version of ulvm.");
    }

    /** The takeovers done here: LVM2's direct ones, and the least stripes its takeover functions take. */
    private static String refusal(String name, String from, int images, String to) {
        if (!RaidTakeoverTypes.direct(from, images, to))
            return "Unable to convert LV " + name + " from " + from + " to " + to + ".\n" + RaidTakeoverTypes.possible(name, from, images);
        boolean raid45 = from.equals("raid4") || RaidLevels.raid5(from);
        int min = raid45 ? 4 : 3;
        if (RaidLevels.raid6(to) && !RaidLevels.raid6(from) && images < min)
            return "Minimum of " + min + " stripes needed for conversion from " + from + " to " + to + ".";
        if (raid45 && RaidTakeoverTypes.stripedAreas(to) && images < 3) return "Can't convert " + from + " LV " + name + " to " + to + " with < 3 legs.";
        return null;
    }

    /**
     * The takeover itself, as _takeover_upconvert_wrapper and _takeover_downconvert_wrapper leave the VG. The images
     * are lined up data first, parity last (raid4's parity image moves from the front, _shift_parity_dev; raid10's
     * first copies come before the second ones, _reorder_raid10_near_seg_areas); pairs are removed from the end or
     * added there (raid10: one beside each data image), then put in the new order and renamed by their place
     * (_rename_area_lvs), but for raid10, whose new pairs keep the names they were made with.
     */
    private Vg convert(VgCopies vc, Lv lv, RaidSegment r, String from, String to, List<String> pvArgs) throws LvmException {
        Vg vg = vc.vg();
        if (from.equals("raid1") || to.equals("raid1")) return raid1(vc, lv, r, to);
        long now = System.currentTimeMillis() / 1000;
        String n = lv.name();
        // the images in data order, each with its rmeta (null when none)
        List<Lv> data = new ArrayList<>(), metas = new ArrayList<>();
        long stripeSize;
        Vg next = vg;
        if (r == null) {
            stripeSize = ((StripedSegment) lv.segments().get(0)).stripeSize();
            int k = lv.segments().get(0).areas().size();
            for (int i = 0; i < k; i++) {
                List<Segment> segs = new ArrayList<>();
                long le = 0;
                for (Segment seg : lv.segments()) {
                    segs.add(StripedSegment.linear(le, seg.areaLength(), seg.areas().get(i)));
                    le += seg.areaLength();
                }
                data.add(RaidLegs.subLv(n + "_rimage_" + i, ulvm.alloc.Segments.merge(segs), now));
                metas.add(null);
            }
        } else {
            stripeSize = RaidType.number(r, "stripe_size");
            List<Integer> order = new ArrayList<>();
            int count = r.imageLvs().size();
            for (int i = 0; i < count; i++) order.add(i);
            if (from.equals("raid4")) order.add(order.remove(0)); // "PDD..." -> "DD...P"
            if (RaidLevels.raid10(from)) { // "0011.." -> "01..01.."
                order.clear();
                for (int i = 0; i < count; i += 2) order.add(i);
                for (int i = 1; i < count; i += 2) order.add(i);
            }
            int keep = RaidLevels.raid10(from) ? count / 2 : count - Math.max(0, RaidLevels.parity(from) - RaidLevels.parity(to));
            for (int j = 0; j < count; j++) {
                int i = order.get(j);
                String m = r.metaLvs().get(i);
                if (j < keep) {
                    data.add(vg.lv(r.imageLvs().get(i)).orElseThrow());
                    metas.add(m == null ? null : vg.lv(m).orElseThrow());
                    continue;
                }
                next = next.withoutLv(r.imageLvs().get(i)); // the pairs removed off the end
                if (m != null) next = next.withoutLv(m);
            }
        }
        long imageExt = data.get(0).extents();
        if (to.equals("striped")) {
            for (Lv m : metas) if (m != null) next = next.withoutLv(m.name());
            for (Lv d : data) next = next.withoutLv(d.name());
            return next.withLv(lv.withSegments(stripedSegments(data, stripeSize)));
        }
        boolean wantMeta = RaidLevels.hasMeta(to);
        Set<String> used = new HashSet<>();
        for (Lv d : data) used.addAll(RaidImages.pvsOf(d));
        for (Lv m : metas) if (m != null) used.addAll(RaidImages.pvsOf(m));
        long region = r != null && r.regionSize() != 0 ? r.regionSize() : RaidCreate.DEFAULT_REGION_SIZE;
        long metaExt = RaidLegs.metaExtents(imageExt, region, vg.extentSize());
        Set<Lv> created = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < data.size(); i++) {
            if (!wantMeta && metas.get(i) != null) {
                next = next.withoutLv(metas.get(i).name());
                metas.set(i, null);
            }
            if (wantMeta && metas.get(i) == null) {
                Lv m = rmetaBeside(withSubs(next, data, metas), data.get(i), metaExt, used, now);
                used.addAll(RaidImages.pvsOf(m));
                next = next.withLv(m);
                metas.set(i, m);
                created.add(m);
            }
        }
        int fromCount = data.size();
        int add = RaidLevels.raid10(to) ? fromCount : Math.max(0, RaidLevels.parity(to) - RaidLevels.parity(from));
        List<Lv> newImages = new ArrayList<>(), newMetas = new ArrayList<>();
        if (add > 0) {
            List<PvRange> ranges = PvArgs.parse(pvArgs, vc, s);
            List<String> allowed = new ArrayList<>();
            for (String id : new LvOps(s).allocSpace(new VgCopies(next, vc.devices(), List.of()), ranges).pvIds()) if (!used.contains(id)) allowed.add(id);
            FreeSpace avail = FreeSpace.of(withSubs(next, data, metas), allowed);
            if (!ranges.isEmpty()) avail = avail.restrict(ranges);
            try {
                for (RaidLegs.Leg leg : RaidLegs.allocate(avail, add, metaExt, imageExt, Policy.NORMAL)) {
                    newImages.add(RaidLegs.subLv("", leg.image(), now));
                    newMetas.add(RaidLegs.subLv("", leg.meta(), now));
                    created.add(newMetas.get(newMetas.size() - 1));
                }
            } catch (AllocationException e) {
                throw new LvmException("Insufficient suitable allocatable extents for logical volume " + n + ": " + e.missing() + " more required");
            }
        }
        List<Lv> imgs = new ArrayList<>(), mts = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>(); // the number each image is named by
        if (RaidLevels.raid10(to)) { // "01.." + "01.." -> "0011.." (_reorder_raid10_near_seg_areas)
            for (int i = 0; i < fromCount; i++) {
                imgs.addAll(List.of(data.get(i), newImages.get(i)));
                mts.addAll(List.of(metas.get(i), newMetas.get(i)));
                numbers.addAll(List.of(i, fromCount + i));
            }
        } else {
            imgs.addAll(data);
            imgs.addAll(newImages);
            mts.addAll(metas);
            mts.addAll(newMetas);
            if (to.equals("raid4")) { // parity first: "DD...P" -> "PDD..."
                imgs.add(0, imgs.remove(imgs.size() - 1));
                mts.add(0, mts.remove(mts.size() - 1));
            }
            for (int i = 0; i < imgs.size(); i++) numbers.add(i);
        }
        for (Lv d : data) next = next.withoutLv(d.name());
        for (Lv m : metas) if (m != null) next = next.withoutLv(m.name());
        // _clear_meta_lvs: on moving raid4's parity image and on the way to raid0_meta; new rmeta LVs always
        boolean clear = from.equals("raid4") != to.equals("raid4") || to.equals("raid0_meta") && r != null && RaidLevels.hasMeta(from);
        List<String> imageNames = new ArrayList<>(), metaNames = new ArrayList<>();
        List<Lv> toZero = new ArrayList<>();
        for (int i = 0; i < imgs.size(); i++) {
            Lv img = imgs.get(i).withName(n + "_rimage_" + numbers.get(i));
            next = next.withLv(img);
            imageNames.add(img.name());
            if (mts.get(i) == null) {
                metaNames.add(null);
                continue;
            }
            Lv meta = mts.get(i).withName(n + "_rmeta_" + numbers.get(i));
            next = next.withLv(meta);
            metaNames.add(meta.name());
            if (clear || created.contains(mts.get(i))) toZero.add(meta);
        }
        List<Section.Entry> extras = new ArrayList<>();
        if (RaidLevels.raid10(to)) extras.add(new Section.Entry("data_copies", 2L, null));
        if (stripeSize != 0) extras.add(new Section.Entry("stripe_size", stripeSize, null));
        long segRegion = RaidLevels.raid0(to) ? 0 : region;
        RaidSegment seg = new RaidSegment(to, 0, lv.extents(), segRegion, metaNames, imageNames, extras);
        next = next.withLv(lv.withSegments(List.of(seg)));
        for (Lv m : toZero) LvZero.zeroAll(vc, next, next.lv(m.name()).orElseThrow());
        return next;
    }

    /** The VG with the sub LVs put in under their current names, so their extents count as used. */
    private static Vg withSubs(Vg vg, List<Lv> data, List<Lv> metas) {
        Vg out = vg;
        for (Lv d : data) if (out.lv(d.name()).isEmpty()) out = out.withLv(d);
        for (Lv m : metas) if (m != null && out.lv(m.name()).isEmpty()) out = out.withLv(m);
        return out;
    }

    /** An rmeta for an image, on the image's own PVs when they have room (as LVM2's _alloc_rmeta_for_lv), else elsewhere. */
    private static Lv rmetaBeside(Vg vg, Lv image, long metaExt, Set<String> used, long now) throws LvmException {
        String name = image.name().replace("_rimage_", "_rmeta_");
        List<String> others = new ArrayList<>();
        for (var p : vg.pvs()) if (!used.contains(p.id())) others.add(p.id());
        AllocationException last = null;
        for (List<String> pvs : List.of(new ArrayList<>(RaidImages.pvsOf(image)), others)) {
            try {
                return RaidLegs.subLv(name, RaidLegs.allocate(FreeSpace.of(vg, pvs), 1, metaExt, 0, Policy.NORMAL).get(0).meta(), now);
            } catch (AllocationException e) {
                last = e;
            }
        }
        throw new LvmException("Insufficient suitable allocatable extents for logical volume " + name + ": " + last.missing() + " more required");
    }

    /** The images' extents side by side as striped segments, split where any image's next area starts. */
    private static List<Segment> stripedSegments(List<Lv> data, long stripeSize) {
        TreeSet<Long> cuts = new TreeSet<>();
        for (Lv d : data) for (Segment seg : d.segments()) cuts.add(seg.start());
        long len = data.get(0).extents();
        cuts.add(len);
        List<Segment> out = new ArrayList<>();
        long from = 0;
        for (long to : cuts) {
            if (to <= from) continue;
            List<Area> areas = new ArrayList<>();
            for (Lv d : data) areas.add(at(d, from));
            out.add(new StripedSegment(from * data.size(), (to - from) * data.size(), stripeSize, areas));
            from = to;
        }
        return out;
    }

    private static Area at(Lv image, long le) {
        for (Segment seg : image.segments())
            if (le >= seg.start() && le < seg.start() + seg.count()) {
                Area.OnPv a = (Area.OnPv) seg.areas().get(0);
                return new Area.OnPv(a.pvId(), a.pe() + le - seg.start());
            }
        throw new IllegalStateException(image.name() + " has no LE " + le);
    }

    /** raid1 with two images to raid4/raid5 (stripe size 64 KiB) and back: the images and rmeta stay. */
    private Vg raid1(VgCopies vc, Lv lv, RaidSegment r, String to) throws LvmException {
        List<Section.Entry> extras = new ArrayList<>();
        for (Section.Entry e : r.extras()) if (!e.key().equals("stripe_size") && !e.key().equals("writebehind")) extras.add(e);
        if (!to.equals("raid1")) extras.add(0, new Section.Entry("stripe_size", 128L, null));
        RaidSegment seg = new RaidSegment(to, 0, lv.extents(), r.regionSize(), r.metaLvs(), r.imageLvs(), extras);
        return vc.vg().withLv(lv.withSegments(List.of(seg)));
    }
}
