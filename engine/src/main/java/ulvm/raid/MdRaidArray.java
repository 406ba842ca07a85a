package ulvm.raid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import ulvm.bitmap.WriteIntentLog;
import ulvm.io.BlockDevice;
import ulvm.mapping.Target;
import ulvm.model.Lv;
import ulvm.model.RaidLevels;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.raid.md.MdArray;
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

    MdRaidArray(String lvId, String label, MdArray array, WriteIntentLog log, String[] ids, String[] names, BlockDevice[] metaDevs,
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
     * Starts the array of {@code lv} from its records ({@link MdAssembly}). Refuses an array that misses more images
     * than its level survives (raid4/5 one, raid6 two, raid10 one per mirror group).
     */
    public static MdRaidArray open(Vg vg, Lv lv, Function<String, BlockDevice> devices, RaidSettings settings, Consumer<String> messages)
            throws IOException {
        return MdAssembly.start(vg, lv, devices, settings, messages);
    }

    void start() { thread.start(); }

    /**
     * An image failed an I/O: it leaves the record's members, recorded before the write it missed is acknowledged
     * ({@link MdArray#recordFailures}, then {@link #recordFailures}).
     */
    void imageFailed(int image, IOException why) {
        List<String> m = new ArrayList<>(log.members());
        m.remove(ids[image]);
        log.setMembers(m);
        messages.accept(label + ": " + names[image] + " failed (" + why.getMessage() + "), running degraded");
        legFailed.accept(label);
    }

    /** Writes the record of the failed images (the array has forced the others first). */
    void recordFailures() throws IOException {
        try {
            log.persist();
        } catch (IOException e) {
            messages.accept(label + ": recording an image's failure: " + e.getMessage());
            throw e; // the write that missed it is not acknowledged
        }
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
                BlockDevice dev = img == null || !img.id().equals(ids[i]) ? null : MdAssembly.device(vg, img, devices);
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
