package ulvm.move;

import java.util.ArrayList;
import java.util.List;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;

/** LVM2's PE-range suffix of a PV argument (pv_list.c _parse_pes): {@code :S :S-E :S- :-E :S+L :+L}, repeatable. */
public final class MoveRanges {
    private MoveRanges() {}

    /**
     * Parses {@code suffix} (from the first colon on; null: the whole PV) and adds the ranges to {@code into}
     * (which may already hold ranges of the same PV: overlaps are refused). {@code name} is the PV's device name.
     */
    public static void parse(String suffix, String pvId, long peCount, String name, List<PvRange> into) throws LvmException {
        if (suffix == null) {
            add(into, new PvRange(pvId, 0, peCount), name);
            return;
        }
        int i = 0;
        int n = suffix.length();
        while (i < n) {
            if (suffix.charAt(i) != ':') throw error(suffix, i);
            i++;
            if (i >= n || suffix.charAt(i) == ':') throw error(suffix, i);
            long start = 0, end = peCount - 1;
            if (Character.isDigit(suffix.charAt(i))) {
                int j = digits(suffix, i);
                start = number(suffix, i, j);
                i = j;
                if (i >= n || suffix.charAt(i) == ':') end = start;
            }
            if (i < n && suffix.charAt(i) == '-') {
                i++;
                if (i < n && Character.isDigit(suffix.charAt(i))) {
                    int j = digits(suffix, i);
                    end = number(suffix, i, j);
                    i = j;
                }
            } else if (i < n && suffix.charAt(i) == '+') {
                i++;
                if (i < n && Character.isDigit(suffix.charAt(i))) {
                    int j = digits(suffix, i);
                    long len = number(suffix, i, j);
                    i = j;
                    end = start + (len > 0 ? len - 1 : 0);
                }
            }
            if (i < n && suffix.charAt(i) != ':') throw error(suffix, i);
            if (start > end || end > peCount - 1)
                throw new LvmException("PE range error: start extent " + start + " to end extent " + end + ".");
            add(into, new PvRange(pvId, start, end + 1), name);
        }
    }

    private static int digits(String s, int i) {
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
        return j;
    }

    private static long number(String s, int i, int j) throws LvmException {
        try {
            long v = Long.parseLong(s.substring(i, j));
            if (v > 0xffffffffL) throw error(s, i);
            return v;
        } catch (NumberFormatException e) {
            throw error(s, i);
        }
    }

    private static LvmException error(String s, int i) {
        return new LvmException("Physical extent parsing error at " + s.substring(Math.min(i, s.length())) + ".");
    }

    private static void add(List<PvRange> into, PvRange r, String name) throws LvmException {
        for (PvRange p : into) {
            if (!p.pvId().equals(r.pvId())) continue;
            if (r.start() < p.end() && p.start() < r.end())
                throw new LvmException("Overlapping PE ranges specified (" + r.start() + "-" + (r.end() - 1) + ", " + p.start() + "-"
                        + (p.end() - 1) + ") on " + name + ".");
        }
        into.add(r);
    }
}
