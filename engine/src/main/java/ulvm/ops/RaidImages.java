package ulvm.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulvm.api.LvmException;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.raid.RaidRecords;
import ulvm.raid.RaidStatus;
import ulvm.store.PvDevice;
import ulvm.store.VgCopies;

/**
 * A raid1 LV's images as the conversions see them: the tracked split image, the array's sync state, the PVs an image
 * is on, and extracting an image (with LVM2's checks that the data stays somewhere). Not the running arrays: those
 * are {@code live.RunningArrays}.
 */
final class RaidImages {
    private RaidImages() {}

    static String display(Vg vg, String lv) { return vg.name() + "/" + lv; }

    /** The visible, read-only image of a raid LV (split off with --trackchanges), or null. */
    static Lv tracked(Vg vg, Lv top) {
        RaidSegment r = RaidSegs.raid1(top);
        if (r == null) return null;
        Lv found = null;
        for (String n : r.imageLvs()) {
            Lv img = vg.lv(n).orElse(null);
            if (img != null && img.visible() && !img.writable()) found = img;
        }
        return found;
    }

    /** The array's state: the daemon's when active, else what the records on disk say. */
    static RaidStatus status(Session s, VgCopies vc, Lv top) {
        RaidStatus live = s.hooks().raidStatus(vc.vg().name(), top.name());
        if (live != null) return live;
        return RaidRecords.offlineStatus(vc.vg(), top, id -> {
            PvDevice d = vc.device(id);
            return d == null ? null : d.device();
        });
    }

    static boolean inSync(Session s, VgCopies vc, Lv top) { return status(s, vc, top).inSync(); }

    /**
     * Refuses to take images {@code picks} out of raid1 LV {@code top} when that would drop the last image holding
     * current data. On a running array first LVM2's own checks (raid_manip.c _raid_allow_extraction, in its words):
     * an array not in sync may lose images only during "recover" (or "idle") and only while one in-sync ('A') image
     * stays; during the initial "resync" the primary image (0) must stay. (LVM2 refuses to convert an inactive LV at
     * all; ulvm converts it offline with its records' state.) Then ulvm's, on the images actually picked (LVM2 checks
     * the first {@code extract} images on the PVs, but extracts from the last): one image that holds every region
     * stays, an 'A' one, or image 0 while it is the resync's source.
     */
    static void checkExtraction(Session s, VgCopies vc, Lv top, int extract, Set<String> pvs, List<Integer> picks) throws LvmException {
        Vg vg = vc.vg();
        RaidSegment r = RaidSegs.raid1(top);
        RaidStatus live = s.hooks().raidStatus(vg.name(), top.name());
        RaidStatus st = live != null ? live : status(s, vc, top);
        String health = st.legs();
        if (health.length() != r.imageLvs().size()) throw new LvmException("Unable to determine sync status of " + display(vg, top.name()) + ".");
        boolean resync = st.syncAction().equals("resync");
        if (live != null && !st.inSync()) { // LVM2 converts active arrays only: its checks apply to the running one
            if (resync) {
                if (onPvs(vg, r, 0, pvs)) throw new LvmException("Unable to remove primary RAID image while array resyncing.");
            } else if (!List.of("recover", "rebuild", "idle").contains(st.syncAction())) {
                throw new LvmException("Unable to remove RAID image while array is performing \"" + st.syncAction() + "\"");
            } else {
                int redundancy = (int) health.chars().filter(c -> c == 'A').count();
                for (int i = 0, left = extract; i < health.length() && left > 0; i++) {
                    if (!onPvs(vg, r, i, pvs)) continue;
                    if (health.charAt(i) == 'A' && --redundancy == 0) throw new LvmException("Unable to remove all primary source devices");
                    left--;
                }
            }
        }
        for (int i = 0; i < health.length(); i++)
            if (!picks.contains(i) && (health.charAt(i) == 'A' || i == 0 && resync)) return;
        throw new LvmException("Unable to remove all primary source devices");
    }

    /** Whether image {@code i} of the array or its rmeta lies on one of {@code pvIds} (all when null). */
    static boolean onPvs(Vg vg, RaidSegment r, int i, Set<String> pvIds) {
        if (onPvs(vg.lv(r.imageLvs().get(i)).orElseThrow(), pvIds)) return true;
        String meta = r.metaLvs().get(i);
        return meta != null && vg.lv(meta).map(m -> onPvs(m, pvIds)).orElse(false);
    }

    /** True when any extent of {@code lv} lies on one of the PVs (all PVs when {@code pvIds} is null). */
    static boolean onPvs(Lv lv, java.util.Set<String> pvIds) {
        if (pvIds == null) return true;
        for (Segment seg : lv.segments())
            for (Area a : seg.areas())
                if (a instanceof Area.OnPv p && pvIds.contains(p.pvId())) return true;
        return false;
    }

    /** The PV ids an LV's extents are on. */
    static java.util.Set<String> pvsOf(Lv lv) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Segment seg : lv.segments()) for (Area a : seg.areas()) if (a instanceof Area.OnPv p) out.add(p.pvId());
        return out;
    }

    /**
     * Takes image {@code i} (and its rmeta) out of the array: the remaining legs are renumbered without gaps
     * (LVM2's _shift_and_rename_image_components). The extracted rimage stays in the VG under {@code keepAs}
     * (visible, writable) or is removed when {@code keepAs} is null; its rmeta is always removed.
     */
    static Vg extract(Vg vg, Lv top, int i, String keepAs) {
        RaidSegment r = RaidSegs.raid1(top);
        String img = r.imageLvs().get(i), meta = r.metaLvs().get(i);
        List<String> imgs = new ArrayList<>(r.imageLvs()), metas = new ArrayList<>(r.metaLvs());
        imgs.remove(i);
        metas.remove(i);
        RaidSegment next = new RaidSegment(r.type(), r.start(), r.count(), r.regionSize(), metas, imgs, r.extras());
        Vg out = vg.withLv(top.withSegments(List.of(next)));
        if (meta != null) out = out.withoutLv(meta);
        if (keepAs == null) out = out.withoutLv(img);
        else {
            Lv kept = vg.lv(img).orElseThrow().withStatus(List.of("READ", "WRITE", "VISIBLE")).withName(keepAs);
            out = out.withoutLv(img).withLv(kept);
        }
        // renumber: legs after i move down by one
        Map<String, String> map = new HashMap<>();
        for (int k = i; k < imgs.size(); k++) {
            map.put(imgs.get(k), top.name() + "_rimage_" + k);
            if (metas.get(k) != null) map.put(metas.get(k), top.name() + "_rmeta_" + k);
        }
        return LvRename.renameAll(out, map);
    }

    /** With one leg left, the raid layer goes: the top LV takes that image's extents and becomes linear. */
    static Vg removeTopLayer(Vg vg, Lv top) {
        RaidSegment r = RaidSegs.raid1(top);
        Lv img = vg.lv(r.imageLvs().get(0)).orElseThrow();
        List<String> st = new ArrayList<>(top.status());
        st.remove("NOTSYNCED");
        st.remove("WRITEMOSTLY");
        Vg out = vg.withLv(top.withStatus(st).withSegments(img.segments())).withoutLv(img.name());
        if (r.metaLvs().get(0) != null) out = out.withoutLv(r.metaLvs().get(0));
        return out;
    }

    static Lv findLv(Vg vg, String name) throws LvmException {
        return vg.lv(name).orElseThrow(() -> new LvmException("Failed to find logical volume \"" + vg.name() + "/" + name + "\""));
    }
}
