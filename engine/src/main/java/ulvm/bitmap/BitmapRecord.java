package ulvm.bitmap;

import java.util.List;

/**
 * One version of a raid1 array's write-intent record, as kept in every image's rmeta sub-LV.
 *
 * @param seq           grows by one with every write of the record; the newest valid copy wins
 * @param regionSectors region size in 512-byte sectors
 * @param regionCount   regions the array had when written
 * @param members       LV ids of the images known to hold the array's data (outside {@code dirty} and, for the
 *                      tracked image, {@code trackedRegions})
 * @param trackedId     LV id of the split image being tracked (or merged back), null when none
 * @param dirty         regions that may differ between the member images (write intent)
 * @param trackedRegions regions written since the split: the tracked image lacks them
 * @param stale         LV ids of images that failed while the array ran (not in {@code members}): each lacks at most the
 *                      {@code dirty} regions (bits are not cleared while an image is failed), is never a copy source,
 *                      and becomes a member again once those regions are copied to it
 */
public record BitmapRecord(long seq, long regionSectors, long regionCount, List<String> members, String trackedId,
                           RegionSet dirty, RegionSet trackedRegions, List<String> stale) {
    public BitmapRecord {
        members = List.copyOf(members);
        stale = List.copyOf(stale);
        if (dirty.size() != regionCount || trackedRegions.size() != regionCount)
            throw new IllegalArgumentException("region sets do not match the region count " + regionCount);
    }

    /** A record without stale images. */
    public BitmapRecord(long seq, long regionSectors, long regionCount, List<String> members, String trackedId, RegionSet dirty,
                        RegionSet trackedRegions) {
        this(seq, regionSectors, regionCount, members, trackedId, dirty, trackedRegions, List.of());
    }
}
