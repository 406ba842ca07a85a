package ulvm.raid;

import java.util.function.Function;
import ulvm.io.BlockDevice;
import ulvm.model.Lv;
import ulvm.model.Vg;

/**
 * The write-intent records kept in a raid1 LV's rmeta sub-LVs, read without a running array (offline commands).
 * An rmeta with no valid record (zeroed by lvcreate or when an image is added) means: a new array or a new image,
 * to be synced in full on activation (unless the top LV has status NOTSYNCED).
 */
public final class RaidRecords {
    private RaidRecords() {}

    /** The array's state as its records on disk say; {@code devices}: PV id to its image (null when missing). */
    public static RaidStatus offlineStatus(Vg vg, Lv raidLv, Function<String, BlockDevice> devices) {
        // placeholder until the bitmap records exist: an inactive array is taken as in sync
        int legs = raidLv.segments().isEmpty() || !(raidLv.segments().get(0) instanceof ulvm.model.RaidSegment r) ? 0 : r.imageLvs().size();
        long regions = 1;
        return new RaidStatus(regions, regions, "idle", 0, "A".repeat(legs));
    }
}
