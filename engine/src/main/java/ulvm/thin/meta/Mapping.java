package ulvm.thin.meta;

/**
 * Where a thin device's virtual block lives: the pool's data block, the pool time it was mapped at, and whether it may
 * be shared with a snapshot (mapped before the device's last snapshot, dm-thin's {@code __snapshotted_since}): a
 * write to a shared block goes to a new block (copy-on-write).
 */
public record Mapping(long dataBlock, int time, boolean shared) {}
