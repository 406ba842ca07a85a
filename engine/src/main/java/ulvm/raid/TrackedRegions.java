package ulvm.raid;

import ulvm.bitmap.RegionSet;

/**
 * The regions of a raid1 LV written since its image was split off with --trackchanges: what `lvconvert --merge` of
 * that image copies back, and what an incremental backup of the split image must copy. {@code regions} is the live set.
 */
public record TrackedRegions(long regionBytes, RegionSet regions) {
    /** Whether the region holding byte {@code offset} was written since the split. */
    public boolean dirty(long offset) {
        long r = offset / regionBytes;
        return r < regions.size() && regions.get(r);
    }

    /** The end of the run of regions in the state of {@code offset}'s region, at most {@code limit}. */
    public long runEnd(long offset, long limit) {
        boolean d = dirty(offset);
        long at = (offset / regionBytes + 1) * regionBytes;
        while (at < limit && dirty(at) == d) at += regionBytes;
        return Math.min(at, limit);
    }
}
