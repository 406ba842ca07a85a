package ulvm.thin;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * dm-thin's bio prison, striped: a lock per (device, virtual block) cell, hashed onto a fixed set. Reads and in-place
 * overwrites of a device's own blocks share a cell; provisioning, breaking sharing and discarding hold it alone, so a
 * block is never remapped or freed under a reader.
 */
final class BlockCells {
    private final ReadWriteLock[] locks;

    BlockCells(int stripes) {
        locks = new ReadWriteLock[Integer.highestOneBit(Math.max(1, stripes - 1)) << 1];
        for (int i = 0; i < locks.length; i++) locks[i] = new ReentrantReadWriteLock();
    }

    ReadWriteLock cell(long dev, long vblock) {
        long h = (dev * 0x9E3779B97F4A7C15L) ^ (vblock * 0xC2B2AE3D27D4EB4FL);
        return locks[(int) (h ^ (h >>> 29)) & (locks.length - 1)];
    }
}
