package ulvm.raid.md;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiConsumer;
import ulvm.bitmap.RegionSet;
import ulvm.bitmap.WriteIntentLog;
import ulvm.io.BlockDevice;
import ulvm.io.MissingDevice;
import ulvm.mapping.Target;

/**
 * The data path of a raid0, raid10 or raid4/5/6 LV over its rimage devices, in md's layouts ({@link MdLayout}):
 * reads and writes of the LV ({@link Target}: offsets are LV bytes), with the write-intent bits of the regions a write
 * touches durable before it ({@link WriteIntent}), stripe locks and no global lock; and the sync worker's operations:
 * {@link #resync} of a region, {@link #rebuild} of an image, {@link #check} (and repair), {@link #clearIdle}.
 *
 * <p>Regions are ranges of image offsets ({@code regionBytes} each, on every image at once). An image is in one of
 * three states: in sync, {@linkplain #fail failed} (neither read nor written; its data comes from parity or the other
 * copy), or {@linkplain #replace rebuilding} (written, read only below its rebuild mark).
 */
public final class MdArray implements Target, AutoCloseable {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int REBUILDING = 2;
    /** Sectors md's mismatch_cnt counts for each stripe {@link #check} finds. */
    public static final int MISMATCH_SECTORS = Pages.SECTORS;

    final MdLayout layout;
    final String label;
    final BlockDevice[] devs;
    final AtomicIntegerArray state;
    final AtomicLongArray rebuilt;
    final long imageBytes;
    final long regionBytes;
    final WriteIntent intent;
    final StripeLocks locks = new StripeLocks();
    /** Regions whose parity (or copies) may disagree: dirty at start, not yet resynced. Writes there recompute. */
    final RegionSet unsynced;
    /** Journals a degraded array's writes (raid4/5/6; null for none: the degraded write hole stays). */
    volatile StripeJournal journal;
    private volatile BiConsumer<Integer, IOException> failed = (i, e) -> { };
    private volatile Recorder recorder = () -> { };
    private volatile boolean toRecord;
    private final Object recording = new Object();
    /** Stripe writes under way (from their choice of journal or not to their last in-place write). */
    final java.util.concurrent.atomic.AtomicInteger writing = new java.util.concurrent.atomic.AtomicInteger();
    /** Why a failed image could not be recorded as no member: nothing is acknowledged from then on. */
    private volatile IOException unrecorded;
    private final ParityIo parity;
    private final CopiesIo copies;

    /**
     * {@code images}: the rimage devices in LV order, null or a {@link MissingDevice} for a missing one;
     * {@code imageBytes}: each rimage LV's size; {@code unsynced}: regions to resync (the log's dirty bits at start;
     * null for none).
     */
    public MdArray(String label, MdLayout layout, List<BlockDevice> images, long imageBytes, long regionBytes, WriteIntent intent,
                   RegionSet unsynced) {
        if (images.size() != layout.images())
            throw new IllegalArgumentException(images.size() + " images for a layout of " + layout.images());
        if (regionBytes <= 0 || regionBytes % 512 != 0) throw new IllegalArgumentException("region of " + regionBytes + " bytes");
        this.label = label;
        this.layout = layout;
        this.devs = images.toArray(new BlockDevice[0]);
        this.state = new AtomicIntegerArray(devs.length);
        this.rebuilt = new AtomicLongArray(devs.length);
        for (int i = 0; i < devs.length; i++) if (devs[i] == null || devs[i] instanceof MissingDevice) state.set(i, FAILED);
        this.imageBytes = imageBytes / layout.chunkBytes() * layout.chunkBytes();
        this.regionBytes = regionBytes;
        this.intent = intent;
        this.unsynced = unsynced != null ? unsynced : new RegionSet(regionCount());
        this.parity = layout.parityImages() > 0 ? new ParityIo(this) : null;
        this.copies = layout.parityImages() == 0 ? new CopiesIo(this) : null;
    }

    /** Told of an image that failed an I/O (its index and the error); the array goes on without it. */
    public void onFailure(BiConsumer<Integer, IOException> listener) { failed = listener; }

    /**
     * Journals the writes made while an image is failed or rebuilding ({@link StripeJournal}; null: none).
     * Set before the first write.
     */
    public void useJournal(StripeJournal j) { journal = j; }

    public MdLayout layout() { return layout; }

    /** The LV's size in bytes. */
    public long size() { return layout.lvBytes(imageBytes); }

    public long regionCount() { return (imageBytes + regionBytes - 1) / regionBytes; }

    public long regionBytes() { return regionBytes; }

    /** Regions still to {@link #resync} (for the sync status: Cpy%Sync counts the others). */
    public long unsyncedRegions() { return unsynced.cardinality(); }

    public boolean isUnsynced(long region) { return unsynced.get(region); }

    // ---- image states ----

    public boolean isFailed(int image) { return state.get(image) == FAILED; }

    public boolean isRebuilding(int image) { return state.get(image) == REBUILDING; }

    /** Images failed or rebuilding: what reads must do without. */
    public int degradedImages() {
        int n = 0;
        for (int i = 0; i < devs.length; i++) if (state.get(i) != OK) n++;
        return n;
    }

    /**
     * Image {@code image} failed: no more I/O goes to it. The failure is recorded ({@link #recordFailures}) before the
     * next write is acknowledged.
     */
    public void fail(int image, IOException why) {
        if (state.getAndSet(image, FAILED) != FAILED) {
            toRecord = true;
            failed.accept(image, why);
        }
    }

    /** Records image failures durably (the write-intent record's members); set before the first write. */
    public void recordFailuresWith(Recorder r) { recorder = r; }

    /** Writes the record of the images failed so far. */
    @FunctionalInterface
    public interface Recorder {
        void record() throws IOException;
    }

    /**
     * Records the failures not yet recorded: once no stripe write begun before is under way (one begun on a healthy
     * array is not journaled), the images are forced, so every stripe written so far is whole on disk, and only then
     * does the record say an image failed (after a crash the array then starts degraded and rebuilds the image from
     * stripes that agree with their parity). A record that cannot be written: see {@link #unrecorded}.
     */
    public void recordFailures() {
        if (!toRecord) return;
        synchronized (recording) {
            while (toRecord) {
                while (writing.get() > 0) java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                toRecord = false;
                for (int i = 0; i < devs.length; i++) force(i); // (a failure here sets toRecord again)
            }
            try {
                recorder.record();
            } catch (IOException e) {
                unrecorded(e);
            }
        }
    }

    /**
     * Puts {@code dev} in place of image {@code image} (a new image, or one brought back): written from now on, read
     * only where {@link #rebuild} has reached. The stripes are left to the rebuild.
     */
    public void replace(int image, BlockDevice dev) { replace(image, dev, 0); }

    /**
     * As {@link #replace(int, BlockDevice)}, the image known to hold image bytes {@code [0, from)} already (a rebuild
     * resumed from its checkpoint).
     */
    public void replace(int image, BlockDevice dev, long from) {
        locks.lockAll();
        try {
            devs[image] = dev;
            rebuilt.set(image, Math.min(imageBytes, from / layout.chunkBytes() * layout.chunkBytes()));
            state.set(image, REBUILDING);
        } finally {
            locks.unlockAll();
        }
    }

    /** How far image {@code image}'s rebuild has come (image bytes from 0), or its size once in sync. */
    public long rebuiltTo(int image) {
        int s = state.get(image);
        return s == OK ? imageBytes : s == REBUILDING ? rebuilt.get(image) : 0;
    }

    boolean readable(int image, long off, int len) {
        int s = state.get(image);
        return s == OK || s == REBUILDING && off + len <= rebuilt.get(image);
    }

    boolean writable(int image) { return state.get(image) != FAILED; }

    /** Reads image bytes; a failure fails the image and returns false. */
    boolean readImage(int image, long off, byte[] b, int bOff, int len) {
        try {
            devs[image].readFully(off, ByteBuffer.wrap(b, bOff, len));
            return true;
        } catch (IOException e) {
            fail(image, e);
            return false;
        }
    }

    /** Writes image bytes; a failure fails the image (the stripe's parity or other copy still holds the data). */
    void writeImage(int image, long off, byte[] b, int bOff, int len) {
        if (!writable(image)) return;
        try {
            devs[image].writeFully(off, ByteBuffer.wrap(b, bOff, len));
        } catch (IOException e) {
            fail(image, e);
        }
    }

    /** Forces image {@code image}'s writes; a failure fails the image. */
    void force(int image) {
        if (!writable(image)) return;
        try {
            devs[image].flush();
        } catch (IOException e) {
            fail(image, e);
        }
    }

    /**
     * A failed image could not be recorded as no member (no rmeta takes the record): the next start would trust it, so
     * no write it missed may be acknowledged: every later write and flush fails with {@code why}.
     */
    public void unrecorded(IOException why) { if (unrecorded == null) unrecorded = why; }

    /**
     * Records failures not yet recorded ({@link #recordFailures}); throws when more images are lost than the level
     * survives (raid10: a whole mirror group), or when a failed image is not recorded ({@link #unrecorded}).
     */
    void checkAlive() throws IOException {
        recordFailures();
        IOException u = unrecorded;
        if (u != null) throw new IOException(label + ": a failed image is not recorded: " + u.getMessage(), u);
        if (layout.algorithm().mirrored()) {
            int k = layout.copies();
            for (int g = 0; g < devs.length; g += k) {
                boolean any = false;
                for (int i = g; i < g + k; i++) any |= writable(i);
                if (!any) throw new IOException(label + ": every image of mirror group " + g / k + " has failed");
            }
            return;
        }
        int lost = 0;
        for (int i = 0; i < devs.length; i++) if (!writable(i)) lost++;
        if (lost > layout.parityImages()) throw new IOException(label + ": " + lost + " images failed, more than " + layout.algorithm().segtype() + " survives");
    }

    /** Marks regions covering image bytes {@code [from, to)} before writing there. */
    void beforeWrite(long from, long to) throws IOException {
        if (from % regionBytes == 0) intent.beforeStreamWrite(from / regionBytes, (to - 1) / regionBytes);
        else intent.beforeWrite(from / regionBytes, (to - 1) / regionBytes);
    }

    // ---- the LV's I/O ----

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        return parity != null ? parity.read(offset, dst) : copies.read(offset, dst);
    }

    @Override
    public int write(long offset, ByteBuffer src) throws IOException {
        return parity != null ? parity.write(offset, src) : copies.write(offset, src);
    }

    /** A write of zeros (images of parity levels keep their blocks: parity must cover them). */
    @Override
    public long discard(long offset, long len) throws IOException {
        int n = (int) Math.min(len, layout.stripeBytes() - offset % layout.stripeBytes());
        ByteBuffer z = ByteBuffer.allocate(n);
        int done = 0;
        while (z.hasRemaining()) done += write(offset + done, z);
        return done;
    }

    public void readFully(long offset, ByteBuffer dst) throws IOException {
        long at = offset;
        while (dst.hasRemaining()) at += read(at, dst);
    }

    public void writeFully(long offset, ByteBuffer src) throws IOException {
        long at = offset;
        while (src.hasRemaining()) at += write(at, src);
    }

    @Override
    public void flush() throws IOException {
        for (int i = 0; i < devs.length; i++) {
            if (!writable(i)) continue;
            try {
                devs[i].flush();
            } catch (IOException e) {
                fail(i, e);
            }
        }
        checkAlive();
    }

    // ---- the sync worker's operations ----

    /**
     * Makes region {@code r} consistent: parity recomputed from the data (raid4/5/6), or the first copy written over
     * the others (raid10). Returns false when it cannot (a data image lacks the region); the region then stays
     * unsynced.
     */
    public boolean resync(long r) throws IOException {
        boolean ok = parity != null ? parity.scrub(r, true, true) >= 0 : copies.scrub(r, true, true) >= 0;
        if (ok) unsynced.clear(r);
        return ok;
    }

    /**
     * lvchange --syncaction check (repair false) or repair: how many md stripes of region {@code r} (a 4 KiB page on
     * each image: md's stripe_head) have parity (or copies) that disagree with the data; repair rewrites them. md's
     * mismatch_cnt (LVM2's raid_mismatch_count) is 8 sectors for each: {@link #MISMATCH_SECTORS}. -1 when the region
     * cannot be checked (degraded).
     */
    public long check(long r, boolean repair) throws IOException {
        long n = parity != null ? parity.scrub(r, repair, false) : copies.scrub(r, repair, false);
        if (n >= 0 && repair) unsynced.clear(r);
        return n;
    }

    /** Resyncs every unsynced region (after a crash); returns how many it could not. */
    public long resyncAll() throws IOException {
        long left = 0;
        for (long r = unsynced.next(0); r >= 0; r = unsynced.next(r + 1)) if (!resync(r)) left++;
        return left;
    }

    /**
     * Rebuilds image {@code image} (one {@link #replace}d) over image bytes {@code [from, from + len)} from the
     * others, stripe by stripe, and moves its mark to the end of the range when it was at its start; the image is in
     * sync once the mark reaches its end (then flushed). The caller records checkpoints between calls.
     */
    public void rebuild(int image, long from, long len) throws IOException {
        if (state.get(image) != REBUILDING) throw new IllegalStateException(label + ": image " + image + " is not being rebuilt");
        long end = Math.min(imageBytes, from + len);
        int chunk = layout.chunkBytes();
        for (long at = from; at < end; ) {
            long row = at / chunk;
            int lo = (int) (at - row * chunk);
            int hi = (int) Math.min(chunk, end - row * chunk);
            locks.lock(row);
            try {
                if (parity != null) parity.rebuild(image, row, lo, hi);
                else copies.rebuild(image, row, lo, hi);
            } finally {
                locks.unlock(row);
            }
            long start = at;
            long done = row * chunk + hi;
            rebuilt.accumulateAndGet(image, 0, (m, x) -> m >= start ? Math.max(m, done) : m); // contiguous from 0 only
            at = done;
        }
        if (state.get(image) == FAILED) throw new IOException(label + ": image " + image + " failed during its rebuild");
        if (rebuilt.get(image) >= imageBytes) {
            devs[image].flush();
            state.compareAndSet(image, REBUILDING, OK);
        }
    }

    /**
     * Clears the bits of regions idle since the last call (see {@link WriteIntentLog#sweep}): with every stripe locked
     * and the images forced, only when no image is failed or rebuilding and the region is synced. Returns how many.
     */
    public long clearIdle(WriteIntentLog log) throws IOException {
        long n;
        locks.lockAll();
        try {
            if (degradedImages() > 0) return 0;
            flush();
            n = log.sweep(r -> !unsynced.get(r));
        } finally {
            locks.unlockAll();
        }
        if (n > 0) log.persist();
        return n;
    }

    /** Forces the images (the devices are the caller's to close). */
    @Override
    public void close() throws IOException { flush(); }
}
