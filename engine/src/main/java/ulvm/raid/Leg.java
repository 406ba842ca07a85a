package ulvm.raid;

import java.util.concurrent.atomic.AtomicLong;
import ulvm.bitmap.RegionSet;
import ulvm.io.BlockDevice;
import ulvm.mapping.LvTable;

/**
 * One image of a raid1 array as the running array sees it: its rimage table, its rmeta device, and what it lacks.
 * A new leg object replaces the old at every metadata change (while the array is suspended); {@code pending} and
 * the counters then carry over.
 */
final class Leg {
    /**
     * Why a leg has pending regions: a resync of dirty bits (NONE), a full sync (new array or image), a merge, the
     * recovery of a leg that had failed (stale: it lacks the dirty regions, and is no member until they are copied).
     */
    enum Job { NONE, SYNC, MERGE, REVIVE }

    final String id;
    final String name;
    /** Null when the image's PV is missing (the leg is failed from the start). */
    final LvTable image;
    final BlockDevice meta;
    /** False for the tracked split image: no writes, no reads. */
    final boolean writable;
    /** Regions this leg lacks: copied to it from the source in the background. */
    final RegionSet pending;
    /** Becomes NONE when the sync or merge finishes. */
    volatile Job job;
    final AtomicLong copied;
    volatile boolean failed;
    /** For a failed leg: the durable record no longer counts it among the images holding the data. */
    volatile boolean recorded;
    /** lvchange --writemostly: reads go to the other legs while one of them holds the region. */
    volatile boolean writeMostly;

    Leg(String id, String name, LvTable image, BlockDevice meta, boolean writable, RegionSet pending, Job job, AtomicLong copied,
        boolean failed) {
        this.id = id;
        this.name = name;
        this.image = image;
        this.meta = meta;
        this.writable = writable;
        this.pending = pending;
        this.job = job;
        this.copied = copied;
        this.failed = failed || image == null;
        this.recorded = this.failed;
    }

    /** Takes part in writes (and in reads of the regions it does not lack). */
    boolean live() { return writable && !failed; }

    /** dm-raid's health character. */
    char health() {
        if (failed) return 'D';
        return !writable || !pending.isEmpty() ? 'a' : 'A';
    }
}
