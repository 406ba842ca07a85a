package ulvm.raid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import ulvm.bitmap.BitmapRecord;
import ulvm.bitmap.RecordSlots;
import ulvm.bitmap.WriteIntentLog;
import ulvm.io.BlockDevice;
import ulvm.mapping.Target;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;

/**
 * A running raid1 array (docs/design.md §6): its legs and state, assembled from the record and metadata
 * ({@link Raid1Assembly}); writes go to every live leg after their region's write-intent bit is durable, reads to a leg
 * that holds the region ({@link Raid1Io}); a leg that fails is recorded stale ({@link LegFailures}); a
 * {@link SyncWorker} copies what legs lack (resync after a crash, full sync of new arrays and images, merge of a tracked
 * split image) and clears idle bits. The array outlives table swaps; metadata changes reach it through
 * {@link #suspend}, {@link #reconcile}, {@link #resume}.
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
    /** Writes, reads and flushes over the legs. */
    final Raid1Io io = new Raid1Io(this);
    /** What happens when a leg fails. */
    final LegFailures failures = new LegFailures(this);
    volatile boolean initialSync;
    /** Told "VG/LV" when a leg fails and the array goes on degraded (the daemon's raid_fault_policy acts on it). */
    volatile Consumer<String> legFailed = x -> { };
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
        Raid1Assembly.Start st = Raid1Assembly.fromRecord(vg, lv, images, rec, regionSectors, count, messages);
        long rate = Raid1Layout.maxRecoveryRate(seg);
        WriteIntentLog log = new WriteIntentLog(metas, rec.map(BitmapRecord::seq).orElse(0L), regionSectors, st.dirty(), st.tracked(),
                st.members(), st.trackedId(), st.tracking());
        log.setStale(st.stale());
        Raid1Array a = new Raid1Array(lv.id(), vg.name() + "/" + lv.name(), regionBytes, size, st.legs(), log, settings,
                rate > 0 ? rate : settings.rateBytesPerSecond(), messages);
        log.onMetaFailure(a.failures::metaFailed);
        a.initialSync = st.fresh() && !notSynced;
        Raid1Assembly.recordFullSyncs(st.legs(), log);
        log.persist();
        a.markWriteMostly(vg);
        a.thread.start();
        return a;
    }

    /** Who hears of a leg that failed while others go on (see {@link #legFailed}). */
    public void onLegFailure(Consumer<String> listener) { this.legFailed = listener; }

    /** Some leg is write-mostly: reads look for another leg first (else they skip that look). */
    volatile boolean anyWriteMostly;

    /** Each leg's write-mostly flag from its image LV (lvchange --writemostly). */
    private void markWriteMostly(Vg vg) {
        boolean any = false;
        for (Leg l : legs) any |= l.writeMostly = vg.lv(l.name).map(x -> x.hasStatus("WRITEMOSTLY")).orElse(false);
        anyWriteMostly = any;
    }

    /** True for the LVs this class runs: one raid1 segment. */
    public static boolean handles(Lv lv) {
        return lv.segments().size() == 1 && Raid1Layout.isRaid1(lv);
    }

    static long regions(long bytes, long regionBytes) { return (bytes + regionBytes - 1) / regionBytes; }

    /** A table target for this array (one per table; the array is shared). */
    public Target target() { return new Raid1Target(this); }

    public String lvId() { return lvId; }

    // ---- state ----

    /** The first live leg that holds region {@code r}, or null. */
    Leg source(long r) {
        for (Leg l : legs) if (l.live() && !l.pending.get(r)) return l;
        return null;
    }

    /** The regions written since a --trackchanges split (what its merge copies back), or null when no image is tracked. */
    TrackedRegions tracked() {
        return log.trackedId() == null ? null : new TrackedRegions(regionBytes, log.tracked());
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
                failures.failed(l, e);
            }
        }
        long newSize = lv.extents() * vg.extentBytes();
        long count = regions(newSize, regionBytes);
        long oldCount = log.regionCount();
        boolean notSynced = lv.hasStatus("NOTSYNCED");
        if (count != oldCount) log.resize(count, !notSynced);
        java.util.Set<String> rebuild = new java.util.HashSet<>(); // lvchange --rebuild: images committed with REBUILD
        for (Raid1Layout.Image im : images) if (vg.lv(im.name()).map(l -> l.hasStatus("REBUILD")).orElse(false)) rebuild.add(im.id());
        Raid1Assembly.Change c = Raid1Assembly.reconciled(old, images, log, count, oldCount, notSynced, rebuild);
        legs = c.legs();
        size = newSize;
        log.setMetas(c.metas());
        log.setMembers(c.members());
        log.setStale(c.stale());
        Raid1Assembly.recordFullSyncs(c.legs(), log);
        log.persist();
        markWriteMostly(vg);
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
            io.flush();
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
