package ulvm.alloc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import ulvm.model.Area;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;

/**
 * Extends the images of a raid1 LV in parallel, as LVM2's lv_extend does: every step gives each image an area of the
 * same length. Each image continues right after its last extent when that space is free, else clings to the PVs it
 * already uses (largest free area first), else to a PV sharing a cling_tag_list tag with them, else takes a PV no
 * other image uses: the first that holds the rest in
 * PV order, else the largest. Unlike LVM2 2.03.16 (which may put an extension on another image's PV), an image never
 * gets space on a PV another leg of the array uses.
 */
public final class ImageAllocator {
    private ImageAllocator() {}

    /** One image to extend: its current length, its segments, and the PVs its whole leg (rimage, rmeta) uses. */
    public record Image(long extents, List<Segment> segments, Set<String> legPvs) {}

    /**
     * Allocates {@code perImage} extents for every image. With {@code approx}, stops where the space runs out and
     * returns what was found (possibly nothing); otherwise throws when not all of it fits.
     */
    public static List<List<Segment>> extend(FreeSpace fs, List<Image> images, long perImage, Policy policy, boolean approx)
            throws AllocationException {
        return extend(fs, images, perImage, policy, approx, ClingRules.DEFAULT);
    }

    /**
     * As above under lvm.conf's cling rules: an image that cannot cling to its own PVs next takes a PV sharing a
     * cling_tag_list tag with them (LVM2's cling_by_tags pass), the cling policy accepting that too.
     */
    public static List<List<Segment>> extend(FreeSpace fs, List<Image> images, long perImage, Policy policy, boolean approx,
                                             ClingRules rules) throws AllocationException {
        int n = images.size();
        List<List<Segment>> out = new ArrayList<>();
        List<Set<String>> own = new ArrayList<>();
        List<Area.OnPv> next = new ArrayList<>();
        for (Image img : images) {
            out.add(new ArrayList<>());
            own.add(new LinkedHashSet<>(img.legPvs()));
            List<Area.OnPv> cont = Segments.continuation(img.segments());
            next.add(cont == null || cont.size() != 1 ? null : cont.get(0));
        }
        long done = 0;
        while (done < perImage) {
            long remaining = perImage - done;
            List<PvRange> chosen = new ArrayList<>();
            Set<String> taken = new HashSet<>();
            for (int k = 0; k < n; k++) {
                Set<String> forbidden = new HashSet<>(taken);
                for (int j = 0; j < n; j++) if (j != k) forbidden.addAll(own.get(j));
                PvRange r = pick(fs, next.get(k), own.get(k), forbidden, remaining, policy, rules);
                if (r == null) {
                    if (approx) return out;
                    throw new AllocationException(remaining * n);
                }
                chosen.add(r);
                taken.add(r.pvId());
            }
            long len = remaining;
            for (PvRange r : chosen) len = Math.min(len, r.length());
            for (int k = 0; k < n; k++) {
                PvRange r = chosen.get(k);
                fs.take(r.pvId(), r.start(), len);
                out.get(k).add(StripedSegment.linear(images.get(k).extents() + done, len, new Area.OnPv(r.pvId(), r.start())));
                own.get(k).add(r.pvId());
                next.set(k, new Area.OnPv(r.pvId(), r.start() + len));
            }
            done += len;
        }
        return out;
    }

    private static PvRange pick(FreeSpace fs, Area.OnPv after, Set<String> own, Set<String> forbidden, long remaining, Policy policy,
                                ClingRules rules) {
        if (after != null && !forbidden.contains(after.pvId())) {
            PvRange r = fs.startingAt(after.pvId(), after.pe());
            if (r != null && r.length() > 0) return r;
        }
        if (policy == Policy.CONTIGUOUS) return null;
        PvRange best = null;
        for (String pv : own)
            if (!forbidden.contains(pv))
                for (PvRange r : fs.areas(pv)) if (r.length() > 0 && (best == null || r.length() > best.length())) best = r;
        if (best == null && rules.byTags())
            for (String pv : fs.pvIds()) {
                if (forbidden.contains(pv) || own.contains(pv) || own.stream().noneMatch(o -> rules.tagsMatch(o, pv))) continue;
                for (PvRange r : fs.areas(pv)) if (r.length() > 0 && (best == null || r.length() > best.length())) best = r;
                if (best != null) return best;
            }
        if (best != null || policy == Policy.CLING) return best;
        for (String pv : fs.pvIds()) {
            if (forbidden.contains(pv)) continue;
            for (PvRange r : fs.areas(pv)) if (r.length() >= remaining) return r;
        }
        for (String pv : fs.pvIds()) {
            if (forbidden.contains(pv)) continue;
            for (PvRange r : fs.areas(pv)) if (r.length() > 0 && (best == null || r.length() > best.length())) best = r;
        }
        return best;
    }
}
