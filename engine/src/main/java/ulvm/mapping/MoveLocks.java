package ulvm.mapping;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The write locks of running pvmoves, one per (VG, pvmove LV id). A write to an extent of a pvmove LV that is not
 * yet complete (it goes to source and destination) holds the read side; the copier holds the write side while it
 * copies a chunk (read source, write destination, force), so no write can slip between its read and its write.
 * Writes to completed segments (destination only) take no lock.
 */
public final class MoveLocks {
    private final ConcurrentHashMap<String, ReadWriteLock> locks = new ConcurrentHashMap<>();

    /** The lock of one move; the same object for as long as the move lives (shared by tables and the copier). */
    public ReadWriteLock of(String vg, String pvmoveLvId) {
        return locks.computeIfAbsent(vg + "/" + pvmoveLvId, k -> new ReentrantReadWriteLock());
    }

    /** Drops the locks of VG {@code vg}'s moves that are over: those whose pvmove LV id is not in {@code running}. */
    public void retain(String vg, java.util.Set<String> running) {
        locks.keySet().removeIf(k -> k.startsWith(vg + "/") && !running.contains(k.substring(vg.length() + 1)));
    }

    /** How many moves hold a lock (for tests). */
    public int size() { return locks.size(); }
}
