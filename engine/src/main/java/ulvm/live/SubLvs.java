package ulvm.live;

import java.util.ArrayList;
import java.util.List;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Segment;
import ulvm.model.Vg;

/** An LV with the sub-LVs its mapping depends on: a change to any of them changes the LV's live state. */
final class SubLvs {
    private SubLvs() {}

    /** {@code lv} followed by its raid images and metadata LVs (as found in {@code vg}), in raids order. */
    static List<Lv> closure(Vg vg, Lv lv) {
        List<Lv> out = new ArrayList<>();
        out.add(lv);
        for (Segment s : lv.segments()) {
            if (!(s instanceof RaidSegment r)) continue;
            for (String n : r.metaLvs()) if (n != null) vg.lv(n).ifPresent(out::add);
            for (String n : r.imageLvs()) vg.lv(n).ifPresent(out::add);
        }
        return out;
    }
}
