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

    /** 'V' for a thin LV ('O' merging into, 'S' merging): 0 for any other LV. */
    static char volume(Lv lv) {
        ThinSegment t = ThinType.of(lv);
        if (t == null) return 0;
        return t.merge() != null ? 'O' : 'V';
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
}
