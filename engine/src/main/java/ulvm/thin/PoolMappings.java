package ulvm.thin;

import java.io.IOException;

/**
 * What the thin devices of one pool need from the pool's metadata (dm-thin's dm_thin_find_block, insert, remove and
 * commit): block mappings per device, data-block allocation, and the commit that makes them durable. Implementations
 * are thread-safe. Blocks freed since the last commit are not handed out again before the next one: the committed
 * metadata still maps them, and a crash returns to it.
 */
public interface PoolMappings {
    /** Where block {@code vblock} of thin device {@code dev} lies in the pool's data, or null when it is unmapped. */
    Mapping lookup(long dev, long vblock) throws IOException;

    /** A mapped block: {@code shared} when another device (a snapshot, its origin) maps it too. */
    record Mapping(long block, boolean shared) { }

    /** A free data block, now referenced once; {@link PoolFullException} when none is left. */
    long allocate() throws IOException;

    /** Maps {@code vblock} of {@code dev} to {@code block}, dropping the reference the old mapping held, if any. */
    void insert(long dev, long vblock, long block) throws IOException;

    /**
     * Unmaps {@code vblock} of {@code dev} (its block's reference dropped); nothing when unmapped. Returns the data
     * block this freed (no device maps it any more), or -1.
     */
    long remove(long dev, long vblock) throws IOException;

    /** Makes every change since the last commit durable, in dm-thin's order. */
    void commit() throws IOException;

    /** Thrown by {@link #allocate} when the pool's data space is used up. */
    final class PoolFullException extends IOException {
        public PoolFullException(String message) { super(message); }
    }
}
