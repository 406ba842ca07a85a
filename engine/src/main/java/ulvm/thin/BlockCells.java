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

    ReadWriteLock cell(long dev, long vblock) { return locks[index(dev, vblock)]; }

    /**
     * The cells of blocks {@code vblock .. vblock + k - 1}, each once, in the order of their place in the set: a
     * thread that holds several takes them in that order, so two such threads never wait for each other in a circle.
     */
    ReadWriteLock[] cells(long dev, long vblock, int k) {
        int[] at = new int[k];
        for (int i = 0; i < k; i++) at[i] = index(dev, vblock + i);
        int[] distinct = java.util.Arrays.stream(at).sorted().distinct().toArray();
        ReadWriteLock[] out = new ReadWriteLock[distinct.length];
        for (int i = 0; i < distinct.length; i++) out[i] = locks[distinct[i]];
        return out;
    }

    private int index(long dev, long vblock) {
        long h = (dev * 0x9E3779B97F4A7C15L) ^ (vblock * 0xC2B2AE3D27D4EB4FL);
        return (int) (h ^ (h >>> 29)) & (locks.length - 1);
    }
}
