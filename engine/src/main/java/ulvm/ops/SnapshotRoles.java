package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import ulvm.model.Lv;
import ulvm.model.SnapshotSegment;
import ulvm.model.Vg;
import ulvm.segtype.SegmentTypes;
import ulvm.segtype.SnapshotType;
import ulvm.segtype.StripedType;

/**
 * The roles of LVs in old-style snapshots, from a VG's metadata as the commands check them: who is an origin, a COW,
 * an internal snapshotN, who the user sees; COW size limits; new LV names. Not the running snapshots: those are
 * {@code live.RunningSnapshots}.
 */
public final class SnapshotRoles {
    /** SNAPSHOT_MIN_CHUNKS of snapshot_manip.c. */
    public static final long MIN_CHUNKS = 3;

    private SnapshotRoles() {}

    /** The internal snapshotN LV holding a snapshot segment. */
    public static boolean isInternalSnapshot(Lv lv) {
        return lv.segments().size() == 1 && SegmentTypes.first(lv).snapshot();
    }

    static SnapshotSegment seg(Lv internal) { return (SnapshotSegment) internal.segments().get(0); }

    /** The snapshotN LV whose COW store is {@code cow}, or null. */
    public static Lv internalOf(Vg vg, String cow) {
        for (Lv l : vg.lvs()) if (isInternalSnapshot(l) && seg(l).cowStore().equals(cow)) return l;
        return null;
    }

    public static boolean isCow(Vg vg, String name) { return internalOf(vg, name) != null; }

    /** The snapshotN LVs of origin {@code origin}, in metadata order. */
    public static List<Lv> internalsOfOrigin(Vg vg, String origin) {
        List<Lv> out = new ArrayList<>();
        for (Lv l : vg.lvs()) if (isInternalSnapshot(l) && seg(l).origin().equals(origin)) out.add(l);
        return out;
    }

    public static boolean isOrigin(Vg vg, String name) { return !internalsOfOrigin(vg, name).isEmpty(); }

    public static boolean mergingOrigin(Vg vg, String name) {
        for (Lv l : internalsOfOrigin(vg, name)) if (seg(l).merging()) return true;
        return false;
    }

    /** The origin LV of COW {@code cow}, or null. */
    public static Lv originOf(Vg vg, String cow) {
        Lv in = internalOf(vg, cow);
        return in == null ? null : vg.lv(seg(in).origin()).orElse(null);
    }

    /** lv_is_visible as commands take LVs by name (a merging COW included): {@link SnapshotType#named}. */
    public static boolean userVisible(Vg vg, Lv lv) { return SnapshotType.named(vg, lv); }

    /**
     * _cow_max_size in sectors: header chunk, one chunk per origin chunk and the exception areas that index them
     * (plus a terminating one). No extra chunks: the store here does not leak on a crash (the kernel feature
     * SNAPSHOT_FEATURE_FIXED_LEAK).
     */
    public static long cowMaxSectors(long originSectors, long chunk) {
        long originChunks = (originSectors + chunk - 1) / chunk;
        long perArea = chunk * 512 / 16;
        long metadataChunks = (originChunks + perArea) / perArea;
        return (1 + originChunks + metadataChunks) * chunk;
    }

    /** cow_max_extents: the largest useful COW for {@code origin}, in whole extents. */
    public static long cowMaxExtents(Vg vg, Lv origin, long chunk) {
        long size = cowMaxSectors(origin.extents() * vg.extentSize(), chunk);
        return (size + vg.extentSize() - 1) / vg.extentSize();
    }

    /** generate_lv_name: {@code prefix} followed by one more than the highest number in use after that prefix. */
    static String generateName(Vg vg, String prefix) {
        long high = -1;
        for (Lv l : vg.lvs()) {
            String n = l.name();
            if (!n.startsWith(prefix)) continue;
            int i = prefix.length(), j = i;
            if (j < n.length() && (n.charAt(j) == '-' || n.charAt(j) == '+')) j++;
            int digits = j;
            while (j < n.length() && Character.isDigit(n.charAt(j))) j++;
            if (j == digits) continue;
            try {
                high = Math.max(high, Long.parseLong(n.substring(i, j)));
            } catch (NumberFormatException e) {
                // out of int range: sscanf would not give a usable number either
            }
        }
        return prefix + (high + 1);
    }

    /** Segments as they are: used to make sure a COW LV is an ordinary striped LV. */
    static boolean striped(Lv lv) {
        return StripedType.allStriped(lv);
    }
}
