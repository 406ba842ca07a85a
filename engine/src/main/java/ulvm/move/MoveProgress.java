package ulvm.move;

import java.util.Locale;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.segtype.MirrorType;
import ulvm.segtype.SegmentTypes;

/** LVM2's copy_percent of a pvmove LV and its display ("23.53"). */
public final class MoveProgress {
    private MoveProgress() {}

    /** Extents copied so far: the sum of extents_moved over the mirror segments. */
    public static long moved(Lv pvmove) {
        long n = 0;
        for (Segment s : pvmove.segments()) n += MirrorType.moved(s);
        return n;
    }

    public static long total(Lv pvmove) {
        long n = 0;
        for (Segment s : pvmove.segments()) if (SegmentTypes.of(s).mirror()) n += s.count();
        return n;
    }

    /** %.2f, with LVM2's rules: non-zero never shows 0.00, incomplete never shows 100.00. */
    public static String percent(long moved, long total) {
        if (total <= 0 || moved >= total) return "100.00";
        if (moved <= 0) return "0.00";
        String s = String.format(Locale.ROOT, "%.2f", moved * 100.0 / total);
        if (s.equals("0.00")) return "0.01";
        if (s.equals("100.00")) return "99.99";
        return s;
    }
}
