package ulvm.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import ulvm.io.Volume;
import ulvm.mapping.LvTable;

/**
 * An active LV: I/O goes through its current mapping table. A metadata change suspends it (new I/O waits,
 * I/O in flight drains), swaps the table, and resumes; I/O is delayed by a suspend, never failed.
 */
public final class LiveVolume implements Volume {
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile LvTable table;
    private volatile boolean readOnly;

    public LiveVolume(LvTable table, boolean readOnly) {
        this.table = table;
        this.readOnly = readOnly;
    }

    @Override public long size() { return table.size(); }

    @Override public boolean readOnly() { return readOnly; }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        gate.readLock().lock();
        try {
            return table.read(offset, dst);
        } finally {
            gate.readLock().unlock();
        }
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        gate.readLock().lock();
        try {
            LvTable t = table;
            if (readOnly) throw new IOException("read-only volume");
            if (offset < 0 || offset + src.remaining() > t.size())
                throw new NoSpaceException("write of " + src.remaining() + " bytes at " + offset + " passes the end (" + t.size() + ")");
            t.write(offset, src);
        } finally {
            gate.readLock().unlock();
        }
    }

    @Override
    public void discard(long offset, long len) throws IOException {
        gate.readLock().lock();
        try {
            LvTable t = table;
            if (readOnly) throw new IOException("read-only volume");
            if (offset < 0 || len < 0) throw new IllegalArgumentException("discard of " + len + " bytes at " + offset);
            long end = Math.min(offset + len, t.size());
            if (end > offset) t.discard(offset, end - offset);
        } finally {
            gate.readLock().unlock();
        }
    }

    /** A discard; where the LV cannot discard (a snapshot's own file), zeros written. */
    @Override
    public void zero(long offset, long len) throws IOException {
        try {
            discard(offset, len);
        } catch (NotSupportedException e) {
            Volume.super.zero(offset, len);
        }
    }

    @Override
    public void flush() throws IOException {
        gate.readLock().lock();
        try {
            table.flush();
        } finally {
            gate.readLock().unlock();
        }
    }

    /** What the LV holds from {@code offset} on: a run of data or of a hole, at most {@code len} bytes (see {@link LvTable#allocation}). */
    public ulvm.io.Allocation allocation(long offset, long len) throws IOException {
        gate.readLock().lock();
        try {
            LvTable t = table;
            if (offset >= t.size()) return ulvm.io.Allocation.data(0);
            return t.allocation(offset, Math.min(len, t.size() - offset));
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Whether this is a snapshot LV (its reads come from its COW and its origin). */
    public boolean snapshot() {
        for (ulvm.mapping.Target t : table.targets()) if (ulvm.snapshot.SnapshotOrigin.isSnapshot(t)) return true;
        return false;
    }

    /** For a raid1 LV whose image was split off with --trackchanges: the regions written since; else null. */
    public ulvm.raid.TrackedRegions tracked() {
        for (ulvm.mapping.Target t : table.targets()) if (t instanceof ulvm.raid.Raid1Target r) return r.tracked();
        return null;
    }

    /** Waits for I/O in flight to finish and holds new I/O until {@link #resume}. */
    public void suspend() { gate.writeLock().lock(); }

    /** Swaps the table (call while suspended) or keeps it (null), then lets I/O continue. */
    public void resume(LvTable next, boolean ro) {
        try {
            if (next != null) {
                table = next;
                readOnly = ro;
            }
        } finally {
            if (gate.isWriteLockedByCurrentThread()) gate.writeLock().unlock();
        }
    }

    public LvTable table() { return table; }
}
