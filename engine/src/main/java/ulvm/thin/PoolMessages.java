package ulvm.thin;

import java.io.IOException;

/**
 * The messages LVM2 sends a thin pool (lib/thin/thin.c _thin_pool_add_target_line): create thin device N, create
 * snapshot N of M, delete N, then set the transaction id. Whoever holds a pool's metadata (its dm-thin persistent
 * data, {@code _tmeta}) implements them. A pool that cannot take them now ({@link #reachable} false) keeps them
 * queued in the VG metadata as messageN sections, as LVM2 leaves them when it cannot activate the pool, for the
 * next activation to send.
 */
public interface PoolMessages {
    /** Whether pool {@code vg/pool}'s metadata can take messages now. */
    boolean reachable(String vg, String pool);

    void createThin(String vg, String pool, long deviceId) throws IOException;

    void createSnap(String vg, String pool, long deviceId, long originId) throws IOException;

    void delete(String vg, String pool, long deviceId) throws IOException;

    /** The last message of a batch: the pool's transaction id from {@code from} to {@code to}. */
    void setTransactionId(String vg, String pool, long from, long to) throws IOException;

    /** No pool's metadata is open (the data path does not exist yet): every message stays queued. */
    PoolMessages QUEUED = new PoolMessages() {
        @Override public boolean reachable(String vg, String pool) { return false; }

        @Override public void createThin(String vg, String pool, long deviceId) { throw new IllegalStateException("pool not reachable"); }

        @Override public void createSnap(String vg, String pool, long deviceId, long originId) { throw new IllegalStateException("pool not reachable"); }

        @Override public void delete(String vg, String pool, long deviceId) { throw new IllegalStateException("pool not reachable"); }

        @Override public void setTransactionId(String vg, String pool, long from, long to) { throw new IllegalStateException("pool not reachable"); }
    };
}
