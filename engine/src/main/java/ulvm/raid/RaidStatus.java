package ulvm.raid;

/**
 * What a raid LV reports, in dm-raid's terms as LVM2 shows them. {@code legs} has one dm-raid health character per
 * image in {@code raids} order: 'A' alive and in sync, 'a' alive but not yet in sync (or split off and tracked),
 * 'D' dead. {@code syncAction} is dm-raid's: idle, resync, recover, check, repair, frozen. {@code mismatches}
 * counts sectors found different by the last check or repair.
 */
public record RaidStatus(long regions, long inSyncRegions, String syncAction, long mismatches, String legs) {
    public boolean inSync() { return inSyncRegions >= regions; }

    /** Cpy%Sync as LVM2 prints it: two decimals, never 100.00 before the last region. */
    public double percent() {
        if (regions == 0 || inSyncRegions >= regions) return 100.0;
        return Math.floor(inSyncRegions * 10000.0 / regions) / 100.0;
    }
}
