package ulvm.report;

import ulvm.model.Lv;
import ulvm.model.ThinPoolSegment;
import ulvm.model.ThinSegment;
import ulvm.segtype.ThinPoolType;
import ulvm.segtype.ThinType;

/** The lv_attr characters of thin LVs (LVM2's lv.c _lv_attr_dup): 't', 'V', 'T', 'e', and 'z' for zeroing pools. */
final class ThinAttrs {
    private ThinAttrs() {}

    static boolean pool(Lv lv) { return ThinPoolType.of(lv) != null; }

    /** A thin pool or a thin LV: Data% comes from the pool's usage. */
    static boolean thinOrPool(Lv lv) { return pool(lv) || ulvm.segtype.ThinType.of(lv) != null; }

    /**
     * 'V' for a thin LV, 'O' for an origin with a thin snapshot merging into it, 'S' for that snapshot (lv.c: the
     * merge waits for the origin's next activation): 0 for any other LV.
     */
    static char volume(VgFacts f, Lv lv) {
        ThinSegment t = ThinType.of(lv);
        if (t == null) return 0;
        return mergingOrigin(f, lv) ? 'O' : t.merge() != null ? 'S' : 'V';
    }

    /** lv_is_merging_origin of a thin LV: a thin snapshot's segment names it as where it merges. */
    static boolean mergingOrigin(VgFacts f, Lv lv) {
        for (Lv l : f.vg.lvs()) {
            ThinSegment t = ThinType.of(l);
            if (t != null && lv.name().equals(t.merge())) return true;
        }
        return false;
    }

    /** A thin snapshot whose merge waits: hidden, and still a public LV in lv_role (lv_layout_and_role). */
    static boolean mergingSnapshot(Lv lv) {
        ThinSegment t = ThinType.of(lv);
        return t != null && t.merge() != null;
    }

    /**
     * lv_attr's active and open bits of a pool and its data and metadata LVs, as LVM2's lv_info_with_seg_status sees
     * them: a pool is active (and open, its own device stacked on its -tpool layer) only when activated itself, not
     * when it runs for its thin LVs alone; its data and metadata LVs are active and open (held by -tpool) while it runs.
     * Null for other LVs, and for a data or metadata LV of a pool that does not run (component activation).
     */
    static Boolean activeOpen(VgFacts f, Lv lv, LvActivity act) {
        if (pool(lv)) return act.poolActivated(f.vg.name(), lv);
        Lv owner = ThinPoolType.owner(f.vg, lv.name());
        return owner != null && act.active(f.vg.name(), owner) ? Boolean.TRUE : null;
    }

    /** A pool's metadata LV or the pool metadata spare. */
    static boolean metadata(VgFacts f, Lv lv) {
        if (ThinPoolType.isSpare(lv)) return true;
        Lv owner = ThinPoolType.owner(f.vg, lv.name());
        return owner != null && ThinPoolType.of(owner).metadataLv().equals(lv.name());
    }

    static boolean poolData(VgFacts f, Lv lv) {
        Lv owner = ThinPoolType.owner(f.vg, lv.name());
        return owner != null && ThinPoolType.of(owner).dataLv().equals(lv.name());
    }

    /** A pool that zeroes new blocks, or a thin LV in one. */
    static boolean zero(VgFacts f, Lv lv) {
        ThinSegment t = ThinType.of(lv);
        ThinPoolSegment p = t != null ? ThinPoolType.of(f.byName.get(t.pool())) : ThinPoolType.of(lv);
        return p != null && p.zeroNewBlocks();
    }

    /** lv_role words of thin LVs (LVM2's lv.c _lv_layout_and_role_thin) and of the pool metadata spare. */
    static void roles(VgFacts f, Lv lv, java.util.List<String> out) {
        if (ThinPoolType.isSpare(lv)) {
            out.addAll(java.util.List.of("pool", "spare"));
        } else if (metadata(f, lv)) {
            out.addAll(java.util.List.of("thin", "pool", "metadata"));
        } else if (poolData(f, lv)) {
            out.addAll(java.util.List.of("thin", "pool", "data"));
        } else if (ThinType.of(lv) != null) {
            int snaps = snapshotsOf(f, lv.name()).size();
            if (snaps > 0) out.addAll(java.util.List.of("origin", "thinorigin"));
            if (snaps > 1) out.add("multithinorigin");
            ThinSegment t = ThinType.of(lv);
            if (t.origin() != null || t.externalOrigin() != null) out.addAll(java.util.List.of("snapshot", "thinsnapshot"));
        }
    }

    /** The thin LVs whose origin is {@code origin}, in metadata order. */
    static java.util.List<String> snapshotsOf(VgFacts f, String origin) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Lv l : f.vg.lvs()) {
            ThinSegment t = ThinType.of(l);
            if (t != null && origin.equals(t.origin())) out.add(l.name());
        }
        return out;
    }

    /** lv_ancestors of a thin LV: its origin, that one's, and so on (report.c _find_ancestors). */
    static java.util.List<String> ancestors(VgFacts f, Lv lv) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (ThinSegment t = ThinType.of(lv); t != null && t.origin() != null && !out.contains(t.origin()); t = ThinType.of(f.byName.get(t.origin())))
            out.add(t.origin());
        return out;
    }

    /** lv_descendants of a thin LV: each snapshot followed by its own, depth first (report.c _find_descendants). */
    static java.util.List<String> descendants(VgFacts f, Lv lv) {
        java.util.List<String> out = new java.util.ArrayList<>();
        addDescendants(f, lv.name(), out);
        return out;
    }

    private static void addDescendants(VgFacts f, String origin, java.util.List<String> out) {
        for (String n : snapshotsOf(f, origin)) {
            if (out.contains(n)) continue;
            out.add(n);
            addDescendants(f, n, out);
        }
    }

    /** lv_modules: "thin-pool" for a pool, "thin,thin-pool" for a thin LV; null for any other LV. */
    static String modules(Lv lv) {
        if (pool(lv)) return "thin-pool";
        return ThinType.of(lv) != null ? "thin,thin-pool" : null;
    }
}
