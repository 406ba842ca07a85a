package ulvm.ops;

import ulvm.model.Section;
import java.util.ArrayList;
import java.util.List;
import ulvm.format.ConfigSection;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.segtype.RaidType;

/** Reading and updating the raid1 segment of a top LV, and the keys LVM2 keeps in its extras. */
public final class RaidSegs {
    private RaidSegs() {}

    /** The LV's raid1 segment, or null when it is not a raid1 LV. */
    public static RaidSegment raid1(Lv lv) { return RaidType.raid1(lv); }

    /** The raid LV whose raids list names {@code sub} as an image or metadata LV, or null. */
    public static Lv owner(Vg vg, String sub) { return RaidType.owner(vg, sub); }

    public static long number(RaidSegment r, String key) { return RaidType.number(r, key); }

    /**
     * The extras with min/max_recovery_rate set (0 drops the key), in LVM2's export order: writebehind,
     * min_recovery_rate, max_recovery_rate, data_offset.
     */
    static List<Section.Entry> rates(List<Section.Entry> extras, long min, long max) {
        List<Section.Entry> out = new ArrayList<>();
        for (Section.Entry e : extras) if (!e.key().equals("min_recovery_rate") && !e.key().equals("max_recovery_rate")) out.add(e);
        int at = 0;
        while (at < out.size() && (out.get(at).key().equals("stripe_size") || out.get(at).key().equals("writebehind"))) at++;
        if (max != 0) out.add(at, new Section.Entry("max_recovery_rate", max, null));
        if (min != 0) out.add(at, new Section.Entry("min_recovery_rate", min, null));
        return out;
    }

    static RaidSegment withRates(RaidSegment r, long min, long max) {
        return new RaidSegment(r.type(), r.start(), r.count(), r.regionSize(), r.metaLvs(), r.imageLvs(), rates(r.extras(), min, max));
    }
}
