package ulvm.snapshot;

/**
 * What an active snapshot reports, in dm-snapshot's terms as LVM2 shows them: {@code allocatedSectors} of the COW
 * store's {@code totalSectors} are in use (header, exception areas and data chunks, as dm-snapshot's persistent
 * store counts them), {@code metadataSectors} of them hold the header and exception areas. An invalid snapshot
 * (its COW store overflowed) has {@code valid} false. {@code merging} is true while {@code lvconvert --merge} copies
 * the snapshot back onto its origin.
 */
public record SnapshotStatus(boolean valid, long allocatedSectors, long totalSectors, long metadataSectors, boolean merging) {
    /**
     * Data% (snap_percent) as LVM2 prints it (lib/metadata/lv.c): two decimals, 100.00 for an invalid snapshot, 0.00
     * while only the header and exception areas are in use.
     */
    public double percent() {
        if (!valid || totalSectors == 0) return 100.0;
        if (allocatedSectors == metadataSectors) return 0.0;
        if (allocatedSectors >= totalSectors) return 100.0;
        return Math.floor(allocatedSectors * 10000.0 / totalSectors) / 100.0;
    }
}
