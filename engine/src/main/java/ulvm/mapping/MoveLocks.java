package ulvm.mapping;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The locks of running pvmoves, one {@link MoveLock} per (VG, pvmove LV id), shared by the live tables and the
 * copier. A write to an extent of a pvmove LV that is not yet complete (it goes to source and destination) waits only
 * while the copier copies a chunk it overlaps. Writes to completed segments (destination only) take no lock.
 */
public final class MoveLocks {
    private final ConcurrentHashMap<String, MoveLock> locks = new ConcurrentHashMap<>();

    /** The lock of one move; the same object for as long as the move lives (shared by tables and the copier). */
    public MoveLock of(String vg, String pvmoveLvId) {
        return locks.computeIfAbsent(vg + "/" + pvmoveLvId, k -> new MoveLock());
    }

    /** Drops the locks of VG {@code vg}'s moves that are over: those whose pvmove LV id is not in {@code running}. */
    public void retain(String vg, java.util.Set<String> running) {
        locks.keySet().removeIf(k -> k.startsWith(vg + "/") && !running.contains(k.substring(vg.length() + 1)));
    }

    /** How many moves hold a lock (for tests). */
    public int size() { return locks.size(); }
}
