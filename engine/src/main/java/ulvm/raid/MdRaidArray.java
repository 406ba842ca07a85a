package ulvm.raid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import ulvm.model.RaidLevels;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.raid.md.MdArray;
import ulvm.raid.md.MdLayout;
import ulvm.raid.md.WriteIntent;
import ulvm.segtype.RaidType;

/**
 * A running raid4/5/6 or raid10 array: an {@link MdArray} over the LV's rimage sub-LVs, its write-intent bits in the
 * rmeta sub-LVs as raid1 keeps them ({@link WriteIntentLog}, the same records), and an {@link MdSyncWorker} for the
 * initial sync, the resync of dirty regions after a crash, the rebuild of images that are no members of the record
 * (new, replaced, or back after a failure), check and repair.
 *
 * <p>The record's members are the images that hold the array's data; an image that fails while running leaves them
 * at once (before the write it missed is acknowledged); a missing image leaves them at activation. The rebuild of an
 * image is checkpointed in the record as its tracked regions (the regions it still lacks). Metadata changes restart
 * the array ({@link #close} then {@link #open}), so a replaced image is rebuilt and a resized LV resyncs its new regions.
 */
public final class MdRaidArray implements AutoCloseable {
    final String lvId;
    final String label;
    final MdArray array;
    final WriteIntentLog log;
    final String[] ids;
    final String[] names;
    /** Each image's rmeta device as opened at start (null when missing): a refreshed image's rmeta takes records again. */
    final BlockDevice[] metaDevs;
    final Consumer<String> messages;
    final RaidSettings settings;
    final long rate;
    /** Held by the worker for a unit of work, and by a metadata change from suspend to resume. */
    final ReentrantLock work = new ReentrantLock();
    volatile boolean initialSync;
    volatile String check;
    volatile long mismatches;
    volatile Consumer<String> legFailed = x -> { };
    private final MdSyncWorker worker;
    private final Thread thread;
    private volatile boolean closed;

    private MdRaidArray(String lvId, String label, MdArray array, WriteIntentLog log, String[] ids, String[] names, BlockDevice[] metaDevs,
                        RaidSettings settings, long rate, Consumer<String> messages) {
        this.metaDevs = metaDevs;
        this.lvId = lvId;
        this.label = label;
        this.array = array;
        this.log = log;
        this.ids = ids;
        this.names = names;
        this.settings = settings;
        this.rate = rate;
        this.messages = messages;
        this.worker = new MdSyncWorker(this);
        this.thread = new Thread(worker, "md " + label);
        thread.setDaemon(true);
    }

    /** True for the LVs this class runs: one raid4/5/6 or raid10 segment. */
    public static boolean handles(Lv lv) {
        RaidSegment r = lv == null ? null : RaidType.only(lv);
        return r != null && RaidLevels.striped(r.type()) && !RaidLevels.raid0(r.type());
    }

    /**
     * Starts the array of {@code lv} from its records (see the class comment). Refuses an array that misses more
     * images than its level survives (raid4/5 one, raid6 two, raid10 one per mirror group).
     */
    public static MdRaidArray open(Vg vg, Lv lv, Function<String, BlockDevice> devices, RaidSettings settings, Consumer<String> messages)
            throws IOException {
        RaidSegment seg = RaidType.only(lv);
        if (seg == null || !handles(lv)) throw new IOException(lv.name() + ": not a raid4/5/6/10 LV");
        String label = vg.name() + "/" + lv.name();
        int n = seg.imageLvs().size();
        MdLayout layout = MdLayout.of(seg.type(), n, RaidType.number(seg, "stripe_size"), RaidLevels.dataCopies(seg.type(), n));
        String[] ids = new String[n];
        String[] names = new String[n];
        List<BlockDevice> images = new ArrayList<>();
        List<BlockDevice> metas = new ArrayList<>();
        BlockDevice[] metaDevs = new BlockDevice[n];
        boolean[] missing = new boolean[n];
        long imageBytes = 0;
        for (int i = 0; i < n; i++) {
            String name = seg.imageLvs().get(i);
            Lv img = vg.lv(name).orElseThrow(() -> new IOException(lv.name() + ": image " + name + " not found"));
            ids[i] = img.id();
            names[i] = img.name();
            imageBytes = img.extents() * vg.extentBytes();
            BlockDevice dev = open(vg, img, devices);
            String metaName = i < seg.metaLvs().size() ? seg.metaLvs().get(i) : null;
            BlockDevice meta = metaName == null ? null : vg.lv(metaName).map(m -> open(vg, m, devices)).orElse(null);
            missing[i] = dev == null || metaName != null && meta == null;
            images.add(missing[i] ? null : dev);
            if (meta != null) metas.add(meta);
            metaDevs[i] = meta;
        }
        if (!RaidLevels.redundant(seg.type(), missing))
            throw new IOException(label + ": too many images missing for " + seg.type());
        long regionSectors = seg.regionSize() > 0 ? seg.regionSize() : Raid1Layout.DEFAULT_REGION_SECTORS;
        long regionBytes = regionSectors * 512;
        long count = (imageBytes / layout.chunkBytes() * layout.chunkBytes() + regionBytes - 1) / regionBytes;
        Optional<BitmapRecord> rec = RecordSlots.newest(metas);
        boolean notSynced = lv.hasStatus("NOTSYNCED");
        RegionSet dirty;
        List<String> members = new ArrayList<>();
        String rebuildId = null;
        RegionSet rebuildLeft = new RegionSet(count);
        if (rec.isEmpty()) { // a new array: every present image is a member, parity computed in the background
            dirty = new RegionSet(count);
            if (!notSynced) dirty.setAll();
            for (int i = 0; i < n; i++) members.add(ids[i]);
        } else {
            BitmapRecord r = rec.get();
            if (r.regionSectors() != regionSectors) {
                dirty = new RegionSet(count);
                dirty.setAll();
            } else {
                dirty = r.dirty().resized(count);
                if (count > r.regionCount() && !notSynced) dirty.setRange(r.regionCount(), count);
            }
            for (int i = 0; i < n; i++) if (r.members().contains(ids[i])) members.add(ids[i]);
            for (int i = 0; i < n; i++)
                if (ids[i].equals(r.trackedId()) && r.regionSectors() == regionSectors) {
                    rebuildId = ids[i];
                    rebuildLeft = r.trackedRegions().resized(count);
                }
        }
        for (int i = 0; i < n; i++) if (images.get(i) == null) members.remove(ids[i]); // lacks whatever is written from now
        RegionSet unsynced = new RegionSet(count);
        unsynced.addAll(dirty);
        WriteIntentLog log = new WriteIntentLog(metas, rec.map(BitmapRecord::seq).orElse(0L), regionSectors, dirty, rebuildLeft, members,
                rebuildId, false);
        long r0 = Raid1Layout.maxRecoveryRate(seg);
        MdArray md = new MdArray(label, layout, images, imageBytes, regionBytes, WriteIntent.of(log), unsynced);
        MdRaidArray a = new MdRaidArray(lv.id(), label, md, log, ids, names, metaDevs, settings, r0 > 0 ? r0 : settings.rateBytesPerSecond(), messages);
        a.initialSync = rec.isEmpty() && !notSynced;
        int toRebuild = 0;
        for (int i = 0; i < n; i++) {
            if (images.get(i) == null || members.contains(ids[i])) continue;
            long from = ids[i].equals(rebuildId) ? Math.max(0, rebuildLeft.next(0)) * regionBytes : 0;
            if (!ids[i].equals(rebuildId) || rebuildLeft.next(0) < 0) from = 0;
            md.replace(i, images.get(i), from);
            toRebuild++;
        }
        boolean[] lacking = missing.clone();
        for (int i = 0; i < n; i++) lacking[i] |= md.isRebuilding(i);
        if (!RaidLevels.redundant(seg.type(), lacking)) {
            throw new IOException(label + ": " + toRebuild + " images to rebuild and " + (md.degradedImages() - toRebuild)
                    + " missing, more than " + seg.type() + " survives");
        }
        md.onFailure(a::imageFailed);
        log.onMetaFailure(m -> messages.accept(label + ": rmeta " + m.name() + " failed a write"));
        log.persist();
        if (rec.isEmpty()) for (int i = 0; i < n; i++) if (images.get(i) == null) messages.accept(label + ": " + names[i] + " is missing, running degraded");
        a.thread.start();
        return a;
    }

    private static BlockDevice open(Vg vg, Lv sub, Function<String, BlockDevice> devices) {
        try {
            return LinearLvDevice.of(vg, sub, devices);
        } catch (IOException e) {
            return null; // on a missing PV
        }
    }

    /** An image failed an I/O: it leaves the record's members before the write it missed is acknowledged. */
    private void imageFailed(int image, IOException why) {
        List<String> m = new ArrayList<>(log.members());
        m.remove(ids[image]);
        log.setMembers(m);
        messages.accept(label + ": " + names[image] + " failed (" + why.getMessage() + "), running degraded");
        try {
            log.persist();
        } catch (IOException e) {
            messages.accept(label + ": recording the failure of " + names[image] + ": " + e.getMessage());
        }
        legFailed.accept(label);
    }

    public void onLegFailure(Consumer<String> listener) { legFailed = listener; }

    public String lvId() { return lvId; }

    /** A table target for this array (the array itself: offsets are LV bytes). */
    public Target target() { return array; }

    /** The array's data path (for tests). */
    public MdArray array() { return array; }

    /** Regions whose bits are set in the log (for tests). */
    public long dirtyRegions() { return log.dirty().cardinality(); }

    public RaidStatus status() {
        long regions = array.regionCount();
        long lacking = array.unsyncedRegions();
        StringBuilder health = new StringBuilder();
        String action = lacking > 0 ? "resync" : "idle";
        for (int i = 0; i < ids.length; i++) {
            if (array.isFailed(i)) health.append('D');
            else if (array.isRebuilding(i)) {
                health.append('a');
                lacking = Math.max(lacking, regions - array.rebuiltTo(i) / array.regionBytes());
                action = "recover";
            } else health.append(array.unsyncedRegions() > 0 ? 'a' : 'A');
        }
        String c = check;
        if (c != null) action = c;
        return new RaidStatus(regions, regions - lacking, action, mismatches, health.toString());
    }

    /** lvchange --syncaction check|repair. */
    public boolean syncAction(String action) {
        if (!action.equals("check") && !action.equals("repair")) return false;
        check = action; // shown at once, as dm-raid's sync_action after the message
        worker.requestCheck(action);
        return true;
    }

    /**
     * lvchange --refresh: each failed image whose devices work again (a read of its first block) comes back and is
     * rebuilt; returns how many did.
     */
    public int refresh(Vg vg, Lv lv, Function<String, BlockDevice> devices) {
        RaidSegment seg = RaidType.only(lv);
        int back = 0;
        work.lock();
        try {
            for (int i = 0; i < ids.length && seg != null; i++) {
                if (!array.isFailed(i)) continue;
                Lv img = vg.lv(seg.imageLvs().get(i)).orElse(null);
                BlockDevice dev = img == null || !img.id().equals(ids[i]) ? null : open(vg, img, devices);
                if (dev == null) {
                    messages.accept(label + ": " + names[i] + " still failed (its PV is missing)");
                    continue;
                }
                try {
                    dev.readFully(0, java.nio.ByteBuffer.allocate(4096));
                } catch (IOException e) {
                    messages.accept(label + ": " + names[i] + " still failed (" + e.getMessage() + ")");
                    continue;
                }
                array.replace(i, dev, 0);
                if (metaDevs[i] != null) log.reviveMeta(metaDevs[i]);
                messages.accept(label + ": " + names[i] + " is back, rebuilding");
                back++;
            }
        } finally {
            work.unlock();
        }
        worker.wake();
        return back;
    }

    /** Holds the background work until {@link #resume}. */
    public void suspend() { work.lock(); }

    public void resume() {
        if (work.isHeldByCurrentThread()) work.unlock();
        worker.wake();
    }

    /** Clean stop: the worker stops, the images are forced, the bits it may go, the record is written. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        worker.stop();
        if (work.isHeldByCurrentThread()) work.unlock(); // stopped while suspended (a metadata change restarts it)
        join();
        IOException err = null;
        try {
            array.flush();
        } catch (IOException e) {
            err = e;
        }
        if (err == null && array.degradedImages() == 0) log.clearNow(r -> !array.isUnsynced(r));
        log.persist();
        if (err != null) throw err;
    }

    /** Stops without writing (the LV was removed: its rmeta may be free space). */
    public void abandon() {
        if (closed) return;
        closed = true;
        worker.stop();
        if (work.isHeldByCurrentThread()) work.unlock();
        join();
    }

    private void join() {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
