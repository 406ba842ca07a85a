package ulvm.bitmap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import ulvm.io.BlockDevice;

/**
 * A raid1 array's write-intent state in memory and its durable record on every rmeta device.
 *
 * <p>Hot path ({@link #beforeWrite}): a write to a region whose bit is already durable costs two volatile reads.
 * The first write to a clean region sets the bit and waits until a record holding it is durable; writers that arrive
 * while a record is being written share the next one (group commit: one leader writes, the others wait for it); a
 * sequential stream's record marks regions ahead of it ({@link #markSlow}).
 *
 * <p>{@code stable} holds the bits known durable (tested without locks); {@code dirty} those set in memory, which
 * the next record carries. Bits are cleared only by {@link #sweep} (its caller excludes writers) and, for tracked
 * regions, by the merge after its copy is forced.
 */
public final class WriteIntentLog {
    private final long regionSectors;
    private volatile RegionSet dirty;
    private volatile RegionSet stable;
    private volatile RegionSet recent;
    private volatile RegionSet tracked;
    private volatile List<BlockDevice> metas;
    private volatile List<String> members;
    private volatile List<String> stale = List.of();
    private volatile String trackedId;
    /** While a split image is tracked (not merging), every written region also joins {@code tracked}. */
    private volatile boolean tracking;

    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong recordWrites = new AtomicLong();
    private final Object commitLock = new Object();
    private long durable;      // guarded by commitLock: changes covered by a durable record
    private boolean flushing;  // guarded by commitLock
    private long seq;          // guarded by writeLock
    private final Object writeLock = new Object();
    private final List<BlockDevice> failedMetas = new ArrayList<>();
    private volatile Consumer<BlockDevice> metaFailed = d -> { };

    /** {@code seq}: the newest record's sequence number found on disk (0 for none). */
    public WriteIntentLog(List<BlockDevice> metas, long seq, long regionSectors, RegionSet dirty, RegionSet tracked,
                          List<String> members, String trackedId, boolean tracking) {
        this.metas = List.copyOf(metas);
        this.seq = seq;
        this.regionSectors = regionSectors;
        this.dirty = dirty;
        this.stable = new RegionSet(dirty.size());
        this.stable.addAll(dirty);
        this.recent = new RegionSet(dirty.size());
        this.tracked = tracked;
        this.members = List.copyOf(members);
        this.trackedId = trackedId;
        this.tracking = tracking;
        if (tracking) tracked.addAll(dirty);
    }

    public long regionCount() { return dirty.size(); }

    public long regionSectors() { return regionSectors; }

    /** Regions that may differ between members (live view). */
    public RegionSet dirty() { return dirty; }

    /** Regions the tracked (or merging) image lacks (live view). */
    public RegionSet tracked() { return tracked; }

    public List<String> members() { return members; }

    public String trackedId() { return trackedId; }

    /** Images that failed while running: they lack at most the dirty regions (see {@link BitmapRecord#stale}). */
    public List<String> stale() { return stale; }

    public void setStale(List<String> ids) { stale = List.copyOf(ids); }

    /**
     * Told (inside the record write, so it must only take note) of an rmeta device that failed a record write; the
     * device gets no more records until {@link #reviveMeta}.
     */
    public void onMetaFailure(Consumer<BlockDevice> listener) { metaFailed = listener; }

    /** An rmeta device that failed works again: the next records go to it too. */
    public void reviveMeta(BlockDevice dev) {
        synchronized (writeLock) {
            failedMetas.remove(dev);
        }
    }

    public boolean tracking() { return tracking; }

    /** Records written so far (for tests and benchmarks). */
    public long recordWrites() { return recordWrites.get(); }

    /**
     * Call before writing data to region {@code r}: returns once the region's bit is durable. Allocation-free and
     * lock-free when it already is.
     */
    public void beforeWrite(long r) throws IOException {
        beforeWrite(r, false);
    }

    /**
     * {@link #beforeWrite(long)} for a write that continues a sequential stream into region {@code r} (it starts where
     * a recent write ended, at the region's start): a record it writes also marks the regions ahead.
     */
    public void beforeWrite(long r, boolean stream) throws IOException {
        RegionSet rec = recent;
        if (!rec.get(r)) rec.set(r);
        if (stable.get(r)) return;
        markSlow(r, stream);
    }

    /** {@link #beforeWrite(long)} for regions {@code first..last} at once: one record at most (a discard's range). */
    public void beforeWrite(long first, long last) throws IOException {
        RegionSet rec = recent;
        boolean durable = true;
        for (long r = first; r <= last; r++) {
            if (!rec.get(r)) rec.set(r);
            durable &= stable.get(r);
        }
        if (durable) return;
        for (long r = first; r <= last; r++) {
            dirty.set(r);
            if (tracking) tracked.set(r);
        }
        commit(changes.incrementAndGet());
        for (long r = first; r <= last; r++) stable.set(r);
    }

    /**
     * The first write to clean region {@code r}. For a sequential stream whose previous region is durably dirty, the
     * record also marks the {@link #AHEAD} - 1 regions after it, so the stream pays one synchronous record write per
     * {@link #AHEAD} regions, not per region; bits set ahead and never written go at the next sweep (a crash or a
     * failed leg before then copies them too: identical data). Not while an image is stale (the dirty bits are then
     * what it lacks, copied when it comes back), nor while a split image is tracked (a region must join
     * {@code tracked} when written, and a durable bit skips that).
     */
    private void markSlow(long r, boolean stream) throws IOException {
        long last = r;
        if (stream && !tracking && stale.isEmpty() && r > 0 && stable.get(r - 1)) last = Math.min(dirty.size() - 1, r + AHEAD - 1);
        for (long q = r; q <= last; q++) dirty.set(q);
        if (tracking) tracked.set(r);
        commit(changes.incrementAndGet());
        for (long q = r; q <= last; q++) stable.set(q);
    }

    /** Regions one record marks for a sequential stream (32 MiB with 2 MiB regions). */
    static final int AHEAD = 16;

    /** Writes a record now with the current state and returns when it is durable. */
    public void persist() throws IOException {
        commit(changes.incrementAndGet());
    }

    /** Group commit: returns once a record covering change {@code want} is durable on every working rmeta. */
    private void commit(long want) throws IOException {
        synchronized (commitLock) {
            while (true) {
                if (durable >= want) return;
                if (!flushing) {
                    flushing = true;
                    break;
                }
                try {
                    commitLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the write-intent record");
                }
            }
        }
        long covered = changes.get();
        boolean ok = false;
        try {
            writeRecord();
            ok = true;
        } finally {
            synchronized (commitLock) {
                flushing = false;
                if (ok) durable = Math.max(durable, covered);
                commitLock.notifyAll();
            }
        }
    }

    private void writeRecord() throws IOException {
        synchronized (writeLock) {
            long s = ++seq;
            byte[] b = RecordCodec.encode(snapshot(s));
            IOException first = null;
            int written = 0;
            for (BlockDevice m : metas) {
                if (failedMetas.contains(m)) continue;
                try {
                    RecordSlots.write(m, s, b);
                    written++;
                } catch (IOException e) {
                    failedMetas.add(m);
                    if (first == null) first = e;
                    metaFailed.accept(m);
                }
            }
            if (written == 0 && !metas.isEmpty())
                throw first != null ? first : new IOException("no rmeta device left to hold the write-intent record");
            recordWrites.incrementAndGet();
        }
    }

    /** The record as it would be written now. */
    public BitmapRecord snapshot(long s) {
        RegionSet d = dirty;
        return new BitmapRecord(s, regionSectors, d.size(), members, trackedId, d, tracked, stale);
    }

    /**
     * Clears every dirty bit whose region had no write since the previous sweep and that {@code mayClear} allows;
     * then starts a new quiet period. The caller excludes writers (and has forced the legs before); returns how many
     * bits it cleared (write a record afterwards with {@link #persist}).
     */
    public long sweep(LongPredicate mayClear) {
        long n = 0;
        RegionSet d = dirty;
        for (long r = d.next(0); r >= 0; r = d.next(r + 1)) {
            if (recent.get(r) || (tracking && tracked.get(r)) || !mayClear.test(r)) continue;
            stable.clear(r);
            d.clear(r);
            n++;
        }
        recent.clearAll();
        return n;
    }

    /**
     * Whether {@link #sweep} with {@code mayClear} would clear a bit now. When none would, the caller skips forcing
     * the legs first (a stream over the whole LV keeps every region recent: forcing then only stalls its writes).
     */
    public boolean sweepable(LongPredicate mayClear) {
        RegionSet d = dirty;
        for (long r = d.next(0); r >= 0; r = d.next(r + 1))
            if (!recent.get(r) && !(tracking && tracked.get(r)) && mayClear.test(r)) return true;
        return false;
    }

    /**
     * Region {@code r} was just copied and forced to every leg that lacked it, under its exclusive lock: its tracked
     * bit goes, and its dirty bit too when {@code legsAgree} (no leg lacks it, none failed, nothing tracked). Returns
     * true when anything changed (write a record with {@link #persist}).
     */
    public boolean copied(long r, boolean legsAgree) {
        boolean changed = !tracking && tracked.clear(r);
        if (legsAgree && !tracking) {
            stable.clear(r);
            changed |= dirty.clear(r);
        }
        return changed;
    }

    /** Clears dirty bits without waiting for a quiet period (clean shutdown; the caller excludes writers). */
    public long clearNow(LongPredicate mayClear) {
        recent.clearAll();
        return sweep(mayClear);
    }

    /**
     * Starts tracking split image {@code id}: it lacks every region dirty now and every region written from now on.
     * The caller excludes writers.
     */
    public void startTracking(String id) {
        tracked.clearAll();
        tracked.addAll(dirty);
        trackedId = id;
        tracking = true;
    }

    /** The tracked image is being merged back: writes reach it again, {@code tracked} only shrinks. */
    public void stopTracking() { tracking = false; }

    /** No image is tracked any more (merged, or dropped from the array). */
    public void forgetTracked() {
        tracking = false;
        trackedId = null;
        tracked.clearAll();
    }

    public void setMembers(List<String> ids) { members = List.copyOf(ids); }

    public void setMetas(List<BlockDevice> devs) {
        synchronized (writeLock) {
            metas = List.copyOf(devs);
            failedMetas.retainAll(metas);
        }
    }

    /** A new region count (LV resized; the caller excludes writers). Regions past the old end start dirty if {@code dirtyNew}. */
    public void resize(long count, boolean dirtyNew) {
        long old = dirty.size();
        RegionSet d = dirty.resized(count);
        RegionSet t = tracked.resized(count);
        if (dirtyNew && count > old) d.setRange(old, count);
        if (tracking && count > old) t.setRange(old, count);
        RegionSet st = new RegionSet(count);
        st.addAll(stable);
        recent = new RegionSet(count);
        tracked = t;
        dirty = d;
        stable = st;
    }
}
