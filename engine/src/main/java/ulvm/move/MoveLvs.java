package ulvm.move;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.segtype.MirrorType;
import ulvm.segtype.SegmentTypes;

/** The LV tree as pvmove sees it: sub-LVs, which PVs an LV uses, pvmove LVs and their source PV. */
public final class MoveLvs {
    private MoveLvs() {}

    /** Names of the LVs a segment uses (images, raid metadata, mirror log). */
    public static List<String> subLvs(Segment seg) {
        List<String> out = new ArrayList<>();
        for (Area a : seg.areas()) if (a instanceof Area.OnLv on) out.add(on.lv());
        out.addAll(SegmentTypes.of(seg).stackedLvs(seg));
        return out;
    }

    /** Every PV an LV uses, its sub-LVs included (LVM2's get_pv_list_for_lv), in order of first use. */
    public static Set<String> pvsOf(Vg vg, Lv lv) {
        Set<String> out = new LinkedHashSet<>();
        collectPvs(vg, lv, out, new java.util.HashSet<>());
        return out;
    }

    private static void collectPvs(Vg vg, Lv lv, Set<String> out, Set<String> seen) {
        if (!seen.add(lv.name())) return;
        for (Segment seg : lv.segments()) {
            for (Area a : seg.areas()) if (a instanceof Area.OnPv on) out.add(on.pvId());
            for (String n : subLvs(seg)) vg.lv(n).ifPresent(sub -> collectPvs(vg, sub, out, seen));
        }
    }

    /** LVM2's lv_is_on_pvs for one PV: any extent of the LV or of its sub-LVs on it (PE ranges ignored). */
    static boolean isOn(Vg vg, Lv lv, String pvId) { return pvsOf(vg, lv).contains(pvId); }

    /** How many segments use an LV, and the LV owning the last one found. */
    private static List<Lv> users(Vg vg, String name) {
        List<Lv> out = new ArrayList<>();
        for (Lv l : vg.lvs())
            for (Segment seg : l.segments())
                if (subLvs(seg).contains(name)) out.add(l);
        return out;
    }

    /** LVM2's _sub_lv_of: the LV is (recursively) the only user's sub-LV of the LV called {@code top}. */
    static boolean subLvOf(Vg vg, Lv lv, String top) {
        Set<String> seen = new java.util.HashSet<>();
        Lv cur = lv;
        while (seen.add(cur.name())) {
            List<Lv> u = users(vg, cur.name());
            if (u.size() != 1) return false;
            if (u.get(0).name().equals(top)) return true;
            cur = u.get(0);
        }
        return false;
    }

    /** LVM2's top_level_lv_name: the name cut at the first sub-LV suffix. */
    static String topLevelName(String name) {
        int cut = name.length();
        for (String suffix : List.of("_rimage_", "_rmeta_", "_mimage_", "_mlog")) {
            int i = name.indexOf(suffix);
            if (i > 0) cut = Math.min(cut, i);
        }
        return name.substring(0, cut);
    }

    /** LVs with PVMOVE status, in VG order. */
    public static List<Lv> pvmoveLvs(Vg vg) {
        List<Lv> out = new ArrayList<>();
        for (Lv l : vg.lvs()) if (l.hasStatus("PVMOVE")) out.add(l);
        return out;
    }

    /** Whether the pvmove LV is atomic: its mirror areas are LVs (pvmove0_mimage_0/1). */
    public static boolean atomic(Lv pvmove) {
        return MirrorType.atomic(pvmove);
    }

    /** The source PV of a pvmove LV (LVM2's find_pvmove_lv): area 1 of its mirror segments, or of mimage_0. */
    public static Optional<String> sourcePv(Vg vg, Lv pvmove) {
        for (Segment seg : pvmove.segments()) {
            MirrorSegment m = MirrorType.view(seg);
            if (m == null || m.mirrors().isEmpty()) continue;
            Area a = m.mirrors().get(0);
            if (a instanceof Area.OnPv on) return Optional.of(on.pvId());
            if (a instanceof Area.OnLv img) {
                Optional<Lv> l = vg.lv(img.lv());
                if (l.isPresent() && !l.get().segments().isEmpty() && l.get().segments().get(0).areas().get(0) instanceof Area.OnPv on)
                    return Optional.of(on.pvId());
            }
        }
        return Optional.empty();
    }

    /** The next free pvmove name: 1 + the highest N matched by "pvmove%d" (pvmove0_mimage_0 counts as 0). */
    static String nextName(Vg vg) {
        int max = -1;
        for (Lv l : vg.lvs()) {
            String n = l.name();
            if (!n.startsWith("pvmove")) continue;
            int i = 6;
            while (i < n.length() && Character.isDigit(n.charAt(i))) i++;
            if (i > 6) max = Math.max(max, Integer.parseInt(n.substring(6, i)));
        }
        return "pvmove" + (max + 1);
    }
}
