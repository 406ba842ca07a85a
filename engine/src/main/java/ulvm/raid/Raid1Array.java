package ulvm.raid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import ulvm.bitmap.BitmapRecord;
import ulvm.bitmap.RecordSlots;
import ulvm.bitmap.RegionSet;
import ulvm.bitmap.WriteIntentLog;
import ulvm.io.BlockDevice;
import ulvm.mapping.Target;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;

/**
 * A running raid1 array (docs/design.md §6): writes go to every live leg after their region's write-intent bit is
 * durable, reads to a leg that holds the region, and a {@link SyncWorker} copies what legs lack (resync after a
 * crash, full sync of new arrays and images, merge of a tracked split image) and clears idle bits. The array outlives
 * table swaps; metadata changes reach it through {@link #suspend}, {@link #reconcile}, {@link #resume}.
 */
public final class Raid1Array implements AutoCloseable {
    final String lvId;
    volatile String label;
    final long regionBytes;
    volatile long size;
    volatile Leg[] legs;
    final WriteIntentLog log;
    final RegionLocks locks = new RegionLocks();
    final Consumer<String> messages;
    final RaidSettings settings;
    volatile long rate;
    /** Held by the worker for one unit of work, and by a metadata change from suspend to resume. */
    final ReentrantLock work = new ReentrantLock();
    final AtomicLong resyncCopied = new AtomicLong();
    /** Held while a failed leg's state is being recorded. */
    private final Object failLock = new Object();
    volatile boolean initialSync;
    volatile String check;          // "check" or "repair" while one runs
    volatile long mismatches;
    private final SyncWorker worker;
    private final Thread thread;
    private volatile boolean closed;

    private Raid1Array(String lvId, String label, long regionBytes, long size, Leg[] legs, WriteIntentLog log, RaidSettings settings,
                       long rate, Consumer<String> messages) {
        this.lvId = lvId;
        this.label = label;
        this.regionBytes = regionBytes;
        this.size = size;
        this.legs = legs;
        this.log = log;
        this.settings = settings;
        this.rate = rate;
        this.messages = messages;
        this.worker = new SyncWorker(this);
        this.thread = new Thread(worker, "raid1 " + label);
        thread.setDaemon(true);
    }

    /**
     * Starts the array of raid1 LV {@code lv} from its records: dirty bits are resynced, new arrays and images synced
     * in full (not with NOTSYNCED), a tracked image merged if it has regained WRITE.
     */
    public static Raid1Array open(Vg vg, Lv lv, Function<String, BlockDevice> devices, RaidSettings settings, Consumer<String> messages)
            throws IOException {
        RaidSegment seg = Raid1Layout.segment(lv);
        List<Raid1Layout.Image> images = Raid1Layout.images(vg, lv, devices);
        long regionSectors = Raid1Layout.regionSectors(seg);
        long regionBytes = regionSectors * 512;
        long size = lv.extents() * vg.extentBytes();
        long count = regions(size, regionBytes);
        boolean notSynced = lv.hasStatus("NOTSYNCED");
        List<BlockDevice> metas = new ArrayList<>();
        for (Raid1Layout.Image im : images) if (im.meta() != null) metas.add(im.meta());
        Optional<BitmapRecord> rec = RecordSlots.newest(metas);

        RegionSet dirty;
        RegionSet tracked;
        List<String> members = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        String trackedId = null;
        boolean fresh = rec.isEmpty();
        if (fresh) {
            dirty = new RegionSet(count);
            tracked = new RegionSet(count);
            if (notSynced) for (Raid1Layout.Image im : images) members.add(im.id());
        } else {
            BitmapRecord r = rec.get();
            if (r.regionSectors() != regionSectors) { // region size changed: trust nothing per region
                dirty = new RegionSet(count);
                dirty.setAll();
                tracked = new RegionSet(count);
                tracked.setAll();
            } else {
                dirty = r.dirty().resized(count);
                tracked = r.trackedRegions().resized(count);
                if (count > r.regionCount() && !notSynced) dirty.setRange(r.regionCount(), count);
            }
            for (Raid1Layout.Image im : images) if (r.members().contains(im.id())) members.add(im.id());
            for (Raid1Layout.Image im : images)
                if (r.stale().contains(im.id()) && !members.contains(im.id())) stale.add(im.id());
            for (Raid1Layout.Image im : images) if (im.id().equals(r.trackedId())) trackedId = im.id();
        }
        // the source: the first present, writable member that is not being merged back; else the first present writable image
        Raid1Layout.Image source = null;
        for (Raid1Layout.Image im : images)
            if (source == null && im.image() != null && im.writable() && members.contains(im.id()) && !im.id().equals(trackedId)) source = im;
        boolean noSource = source == null;
        for (Raid1Layout.Image im : images)
            if (source == null && im.image() != null && im.writable() && !stale.contains(im.id())) source = im;
        if (source != null && !members.contains(source.id())) members.add(0, source.id());

        boolean tracking = false;
        Leg[] legs = new Leg[images.size()];
        for (int i = 0; i < legs.length; i++) {
            Raid1Layout.Image im = images.get(i);
            RegionSet pending = new RegionSet(count);
            Leg.Job job = Leg.Job.NONE;
            if (!im.writable()) {
                tracking = true;
                if (!im.id().equals(trackedId)) { // the split was committed but never recorded: it lacks whatever is dirty
                    trackedId = im.id();
                    tracked.clearAll();
                }
            } else if (im == source) {
                // holds the data by definition
            } else if (stale.contains(im.id())) { // failed while running: it lacks what was written since, all dirty
                pending.addAll(dirty);
                job = Leg.Job.REVIVE;
            } else if (!members.contains(im.id())) {
                pending.setAll();
                job = Leg.Job.SYNC;
            } else if (im.id().equals(trackedId)) {
                pending.addAll(tracked);
                pending.addAll(dirty);
                job = Leg.Job.MERGE;
            } else {
                pending.addAll(dirty);
            }
            // a stale image never serves reads or is copied from: without an in-sync image it stays out
            boolean out = job == Leg.Job.REVIVE && noSource;
            legs[i] = new Leg(im.id(), im.name(), im.image(), im.meta(), im.writable(), pending, job, new AtomicLong(), out);
            if (out && im.image() != null) messages.accept(vg.name() + "/" + lv.name() + ": " + im.name() + " is stale and no in-sync image is present, not used");
        }
        for (Leg l : legs) {
            if (!l.failed || !members.remove(l.id)) continue;
            if (l.job == Leg.Job.NONE && !stale.contains(l.id)) stale.add(l.id); // missing now: lacks what gets written
        }
        if (trackedId != null && !tracking && legs.length > 0 && java.util.Arrays.stream(legs).noneMatch(l -> l.job == Leg.Job.MERGE))
            trackedId = null; // the tracked image left the array, or its merge had finished
        if (trackedId == null) tracked.clearAll();

        long rate = Raid1Layout.maxRecoveryRate(seg);
        WriteIntentLog log = new WriteIntentLog(metas, rec.map(BitmapRecord::seq).orElse(0L), regionSectors, dirty, tracked, members,
                trackedId, tracking);
        log.setStale(stale);
        Raid1Array a = new Raid1Array(lv.id(), vg.name() + "/" + lv.name(), regionBytes, size, legs, log, settings,
                rate > 0 ? rate : settings.rateBytesPerSecond(), messages);
        log.onMetaFailure(a::metaFailed);
        a.initialSync = fresh && !notSynced;
        recordFullSyncs(legs, log);
        log.persist();
        a.thread.start();
        return a;
    }

    /** True for the LVs this class runs: one raid1 segment. */
    public static boolean handles(Lv lv) {
        return lv.segments().size() == 1 && Raid1Layout.isRaid1(lv);
    }

    static long regions(long bytes, long regionBytes) { return (bytes + regionBytes - 1) / regionBytes; }

    /** A table target for this array (one per table; the array is shared). */
    public Target target() { return new Raid1Target(this); }

    public String lvId() { return lvId; }

    // ---- I/O ----

    /** Where the last few writes ended: a write that starts at one continues a sequential stream. */
    private final java.util.concurrent.atomic.AtomicLongArray ends = new java.util.concurrent.atomic.AtomicLongArray(8);
    private final java.util.concurrent.atomic.AtomicInteger nextEnd = new java.util.concurrent.atomic.AtomicInteger();

    private boolean recentEnd(long offset) {
        for (int i = 0; i < ends.length(); i++) if (ends.get(i) == offset) return true;
        return false;
    }

    int write(long offset, ByteBuffer src) throws IOException {
        long r = offset / regionBytes;
        int n = (int) Math.min(src.remaining(), (r + 1) * regionBytes - offset);
        int limit = src.limit();
        int pos = src.position();
        src.limit(pos + n);
        long stamp = locks.shared(r);
        try {
            log.beforeWrite(r, offset % regionBytes == 0 && recentEnd(offset));
            int ok = 0;
            IOException err = null;
            // the legs one after the other: written at once (io.Fanout, writes of 128 KiB or more) they were not
            // faster, also after the sweep fix (bench/legs.sh; docs/design.md "Writes over several images")
            for (Leg l : legs) {
                if (!l.live()) continue;
                src.position(pos);
                try {
                    l.image.write(offset, src);
                    ok++;
                } catch (IOException e) {
                    err = e;
                    failed(l, e);
                }
            }
            if (ok == 0) throw err != null ? err : new IOException(label + ": no leg left to write to");
            recordFailures(); // the record says which legs missed this write before it is acknowledged
            ends.set(nextEnd.getAndIncrement() & (ends.length() - 1), offset + n);
            src.position(pos + n);
        } finally {
            locks.releaseShared(r, stamp);
            src.limit(limit);
        }
        return n;
    }

    /**
     * A write of zeros that gives the space back: up to {@link RegionLocks#RANGE} regions at once, their write-intent
     * bits durable first in one record (a tracked split records the regions), then discarded on every live leg.
     */
    long discard(long offset, long len) throws IOException {
        long first = offset / regionBytes;
        long last = Math.min((offset + len - 1) / regionBytes, first + RegionLocks.RANGE - 1);
        long n = Math.min(len, (last + 1) * regionBytes - offset);
        long[] stamps = locks.sharedRange(first, last);
        try {
            log.beforeWrite(first, last);
            int ok = 0;
            IOException err = null;
            for (Leg l : legs) {
                if (!l.live()) continue;
                try {
                    l.image.discard(offset, n);
                    ok++;
                } catch (IOException e) {
                    err = e;
                    failed(l, e);
                }
            }
            if (ok == 0) throw err != null ? err : new IOException(label + ": no leg left to write to");
            recordFailures();
        } finally {
            locks.releaseSharedRange(first, last, stamps);
        }
        return n;
    }

    int read(long offset, ByteBuffer dst) throws IOException {
        long r = offset / regionBytes;
        int n = (int) Math.min(dst.remaining(), (r + 1) * regionBytes - offset);
        int limit = dst.limit();
        int pos = dst.position();
        dst.limit(pos + n);
        try {
            IOException err = null;
            for (Leg l : legs) {
                if (!l.live() || l.pending.get(r)) continue;
                dst.position(pos);
                try {
                    l.image.read(offset, dst);
                    dst.position(pos + n);
                    return n;
                } catch (IOException e) {
                    err = e;
                    failed(l, e);
                }
            }
            throw err != null ? err : new IOException(label + ": no in-sync leg holds region " + r);
        } finally {
            dst.limit(limit);
        }
    }

    void flush() throws IOException {
        for (Leg l : legs) {
            if (!l.live()) continue;
            try {
                l.image.flush();
            } catch (IOException e) {
                failed(l, e);
            }
        }
        boolean any = false;
        for (Leg l : legs) any |= l.live();
        if (!any) throw new IOException(label + ": every leg has failed");
        recordFailures();
    }

    /**
     * An I/O error on a leg: it stops taking part (no more writes or reads), and the record says at once that it is
     * stale (it lacks whatever is written from now on, all of it dirty: no bit is cleared while a leg is failed).
     */
    void failed(Leg l, IOException e) {
        if (!markFailed(l, e.getMessage())) return;
        try {
            record(l);
        } catch (IOException ignored) {
            // no rmeta takes the record: the next write or flush fails with it
        }
    }

    /** An rmeta device failed a record write (told from inside the write: only takes note; the next I/O records it). */
    private void metaFailed(BlockDevice meta) {
        for (Leg l : legs) if (l.meta == meta && l.live()) markFailed(l, "rmeta " + meta.name() + " failed a write");
    }

    private boolean markFailed(Leg l, String why) {
        synchronized (this) {
            if (l.failed) return false;
            l.failed = true;
        }
        boolean left = false;
        for (Leg k : legs) left |= k.live();
        messages.accept(label + ": " + l.name + " failed (" + why + ")" + (left ? ", running degraded" : ", no leg left"));
        return true;
    }

    /** Makes every failed leg's state durable; throws when one cannot be (see {@link #record}). */
    void recordFailures() throws IOException {
        for (Leg l : legs) if (l.failed && !l.recorded) record(l);
    }

    /**
     * Writes a record in which failed leg {@code l} is no member: a member becomes stale (it lacks only dirty
     * regions), other legs (syncing, merging) were never sources, unless they lack nothing any more. The last member
     * is never dropped: writes the
     * other legs then take cannot be acknowledged (they throw here), as no record could name a leg that holds them.
     */
    private void record(Leg l) throws IOException {
        synchronized (failLock) {
            if (l.recorded) return;
            List<String> m = new ArrayList<>(log.members());
            List<String> st = new ArrayList<>(log.stale());
            if (m.contains(l.id)) {
                // a leg that lacks nothing holds every acknowledged write too (its finished job may not be recorded yet)
                for (Leg k : legs) {
                    if (k == l || !k.live() || !k.writable || !k.pending.isEmpty() || m.contains(k.id)) continue;
                    m.add(k.id);
                    st.remove(k.id);
                }
                if (m.size() == 1) throw new IOException(label + ": every leg holding the data has failed");
                m.remove(l.id);
                if (l.job == Leg.Job.NONE && !st.contains(l.id)) st.add(l.id);
                log.setMembers(m);
                log.setStale(st);
                log.persist();
            }
            l.recorded = true;
        }
    }

    // ---- state ----

    /** The first live leg that holds region {@code r}, or null. */
    Leg source(long r) {
        for (Leg l : legs) if (l.live() && !l.pending.get(r)) return l;
        return null;
    }

    boolean degraded() {
        for (Leg l : legs) if (l.failed) return true;
        return false;
    }

    /** A dirty bit may go: no leg lacks the region, none failed, no split image tracked. */
    boolean mayClear(long r) {
        for (Leg l : legs) if (l.failed || !l.writable || l.pending.get(r)) return false;
        return true;
    }

    public RaidStatus status() {
        Leg[] ls = legs;
        long regions = log.regionCount();
        long lacking = 0;
        for (long r = 0; r < regions; r++) {
            for (Leg l : ls) {
                if (l.live() && l.pending.get(r)) {
                    lacking++;
                    break;
                }
            }
        }
        StringBuilder health = new StringBuilder();
        String action = "idle";
        for (Leg l : ls) {
            health.append(l.health());
            if (l.live() && !l.pending.isEmpty()) {
                String a = l.job == Leg.Job.NONE || initialSync ? "resync" : "recover";
                if (!action.equals("recover")) action = a;
            }
        }
        String c = check;
        if (c != null) action = c;
        return new RaidStatus(regions, regions - lacking, action, mismatches, health.toString());
    }

    /** lvchange --syncaction: "check" counts mismatched sectors, "repair" also fixes them from the source. */
    public boolean syncAction(String action) {
        if (!action.equals("check") && !action.equals("repair")) return false;
        worker.requestCheck(action);
        return true;
    }

    /** Regions that may differ between members (for tests). */
    public long dirtyRegions() { return log.dirty().cardinality(); }

    public long recordWrites() { return log.recordWrites(); }

    // ---- metadata changes ----

    /** Holds the background work (copies, bit clearing) until {@link #resume}; I/O is held by the LV's suspend. */
    public void suspend() { work.lock(); }

    public void resume() {
        if (work.isHeldByCurrentThread()) work.unlock();
        worker.wake();
    }

    /**
     * Applies committed metadata (call between {@link #suspend} and {@link #resume}, with the LV's I/O held): images
     * that lost WRITE become tracked, regained WRITE start a merge, new images a full sync, dropped ones are
     * forgotten, a resize adds regions to sync.
     */
    public void reconcile(Vg vg, Lv lv, Function<String, BlockDevice> devices) throws IOException {
        List<Raid1Layout.Image> images = Raid1Layout.images(vg, lv, devices);
        label = vg.name() + "/" + lv.name();
        long r0 = Raid1Layout.maxRecoveryRate(Raid1Layout.segment(lv));
        rate = r0 > 0 ? r0 : settings.rateBytesPerSecond();
        Leg[] old = legs;
        for (Leg l : old) {
            if (!l.live()) continue;
            try {
                l.image.flush(); // a split must find every leg's data durable
            } catch (IOException e) {
                failed(l, e);
            }
        }
        long newSize = lv.extents() * vg.extentBytes();
        long count = regions(newSize, regionBytes);
        long oldCount = log.regionCount();
        boolean notSynced = lv.hasStatus("NOTSYNCED");
        if (count != oldCount) log.resize(count, !notSynced);
        Map<String, Leg> byId = new HashMap<>();
        for (Leg l : old) byId.put(l.id, l);
        List<String> members = new ArrayList<>(log.members());
        Leg[] next = new Leg[images.size()];
        Leg src = null;
        for (Leg l : old) if (src == null && l.live() && l.job == Leg.Job.NONE && l.pending.isEmpty()) src = l;
        for (int i = 0; i < next.length; i++) {
            Raid1Layout.Image im = images.get(i);
            Leg prev = byId.remove(im.id());
            RegionSet pending = prev == null ? new RegionSet(count) : prev.pending.resized(count);
            Leg.Job job = prev == null ? Leg.Job.SYNC : prev.job;
            if (prev == null) {
                pending.setAll();
            } else if (prev.writable && !im.writable()) { // split with tracking
                log.clearNow(r -> { // the legs are identical outside what some leg lacks
                    for (Leg l : old) if (l.failed || l.pending.get(r)) return false;
                    return true;
                });
                log.startTracking(im.id());
                log.tracked().addAll(pending);
                pending = new RegionSet(count);
                job = Leg.Job.NONE;
            } else if (!prev.writable && im.writable()) { // merge
                log.stopTracking();
                if (members.contains(im.id())) {
                    pending.addAll(log.tracked());
                    pending.addAll(log.dirty());
                    job = Leg.Job.MERGE;
                } else {
                    pending.setAll();
                    job = Leg.Job.SYNC;
                }
                prev.copied.set(0);
            } else if (count > oldCount && im.writable() && prev != src && !notSynced) {
                pending.setRange(oldCount, count);
            }
            next[i] = new Leg(im.id(), im.name(), im.image(), im.meta(), im.writable(), pending, job,
                    prev == null ? new AtomicLong() : prev.copied, prev != null && prev.failed);
            if (prev != null && prev.failed && im.image() != null) next[i].recorded = prev.recorded;
        }
        List<String> stale = new ArrayList<>(log.stale());
        for (Leg gone : byId.values()) {
            members.remove(gone.id);
            stale.remove(gone.id);
            if (gone.id.equals(log.trackedId())) log.forgetTracked();
        }
        List<BlockDevice> metas = new ArrayList<>();
        for (Leg l : next) if (l.meta != null) metas.add(l.meta);
        legs = next;
        size = newSize;
        log.setMetas(metas);
        log.setMembers(members);
        log.setStale(stale);
        recordFullSyncs(next, log);
        log.persist();
    }

    /**
     * A full sync is recorded as a stale image with every region dirty, so it is checkpointed as any recovery is:
     * the sweep clears the bits of regions every leg holds, and after a crash the image recovers only the regions
     * still dirty, from an in-sync image (never a source itself while stale). Call before the record is persisted,
     * with no I/O running (at start, or while suspended).
     */
    private static void recordFullSyncs(Leg[] legs, WriteIntentLog log) {
        List<String> stale = new ArrayList<>(log.stale());
        boolean any = false;
        for (Leg l : legs) {
            if (l.job != Leg.Job.SYNC || l.failed || !l.writable || l.image == null) continue;
            if (!stale.contains(l.id)) stale.add(l.id);
            any = true;
        }
        if (!any) return;
        log.dirty().setAll();
        log.setStale(stale);
    }

    /**
     * lvchange --refresh: every failed leg whose devices work again comes back (see {@link LegRevival}); returns how
     * many did. {@code devices}: the VG's PVs now.
     */
    public int refresh(Vg vg, Lv lv, Function<String, BlockDevice> devices) throws IOException {
        int back = LegRevival.refresh(this, vg, lv, devices);
        if (back > 0) worker.wake();
        return back;
    }

    // ---- stopping ----

    /**
     * Clean stop (deactivation, umount, SIGTERM): waits for the worker, forces the legs, clears the bits it may and
     * writes the record. The LV's I/O must be stopped (it is no longer shown).
     */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        worker.stop();
        joinWorker();
        IOException err = null;
        try {
            flush();
        } catch (IOException e) {
            err = e;
        }
        long[] all = locks.lockAll();
        try {
            if (err == null) log.clearNow(this::mayClear);
        } finally {
            locks.unlockAll(all);
        }
        log.persist();
        if (err != null) throw err;
    }

    /** Stops without writing anything more (the LV was removed or lost its raid layer: its rmeta may be freed). */
    public void abandon() {
        if (closed) return;
        closed = true;
        worker.stop();
        if (!work.isHeldByCurrentThread()) joinWorker();
    }

    private void joinWorker() {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
