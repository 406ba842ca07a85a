package ulvm.raid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import ulvm.raid.md.MdArray;

/**
 * The background thread of an {@link MdRaidArray}: check or repair when asked, else the rebuild of the images being
 * rebuilt (one after the other, checkpointed in the record as the regions each still lacks), else the resync of
 * unsynced regions (parity recomputed, or the first copy written over the others); every quiet period the bits of
 * idle synced regions are cleared. Honours the copy rate; each unit of work holds the array's {@code work} lock.
 */
final class MdSyncWorker extends ArrayWorker {
    /** How long one unit of work may run. */
    private static final long UNIT_NANOS = 200_000_000L;
    /** How often a rebuild's progress is recorded. */
    private static final long CHECKPOINT_NANOS = 1_000_000_000L;

    private final MdRaidArray a;
    private long checkCursor = -1;
    private long resyncCursor;
    private long resynced;
    private long lastCheckpoint;
    private int trackedImage = -1;

    MdSyncWorker(MdRaidArray a) {
        super(a.work, a.settings, a.messages, () -> a.label, 1_000_000L);
        this.a = a;
    }

    /** One unit of work; true when more is waiting. */
    @Override
    protected boolean step() throws IOException {
        MdArray md = a.array;
        md.recordFailures(); // an image failed by a read or the rebuild, with no write since
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
            // stripes locked and images forced only when some bit would go (a stream keeps its regions recent)
            if (md.degradedImages() == 0 && a.log.sweepable(r -> !md.isUnsynced(r))) md.clearIdle(a.log);
            else if (!a.log.dirty().isEmpty()) a.log.sweep(r -> false); // the quiet period goes on
            nextSweep = now + a.settings.quietMillis() * 1_000_000L;
        }
        if (checkRequest != null && checkCursor < 0) {
            checkCursor = 0;
            a.mismatches = 0;
            a.check = checkRequest;
        }
        if (now - nextCopy < 0) return true;
        if (checkCursor >= 0) return checkUnit(now);
        for (int i = 0; i < a.ids.length; i++) if (md.isRebuilding(i)) return rebuildUnit(i, now);
        return resyncUnit(now);
    }

    private boolean checkUnit(long start) throws IOException {
        MdArray md = a.array;
        boolean repair = "repair".equals(a.check);
        while (checkCursor < md.regionCount()) {
            long n = md.check(checkCursor++, repair);
            if (n > 0) a.mismatches += n * MdArray.MISMATCH_SECTORS;
            throttle(md.regionBytes() * a.ids.length);
            if (held() || System.nanoTime() - start > UNIT_NANOS || stop || a.work.hasQueuedThreads()) return true;
        }
        if (repair) md.flush();
        a.messages.accept(a.label + ": " + a.check + " done: " + a.mismatches + " mismatched sectors");
        a.check = null;
        checkRequest = null;
        checkCursor = -1;
        return true;
    }

    /** Rebuilds image {@code i} from its mark on, a region at a time; records the mark every second and at the end. */
    private boolean rebuildUnit(int i, long start) throws IOException {
        MdArray md = a.array;
        long rb = md.regionBytes();
        if (trackedImage != i) { // the record names the image whose rebuild it checkpoints
            String id = a.ids[i];
            if (!id.equals(a.log.trackedId())) {
                a.log.startTracking(id);
                a.log.stopTracking();
            }
            trackedImage = i;
            checkpoint(i);
        }
        while (md.isRebuilding(i)) {
            long from = md.rebuiltTo(i);
            md.rebuild(i, from, rb - from % rb);
            throttle(rb * (a.ids.length - 1));
            long now = System.nanoTime();
            if (md.isRebuilding(i) && now - lastCheckpoint > CHECKPOINT_NANOS) checkpoint(i);
            if (held() || now - start > UNIT_NANOS || stop || a.work.hasQueuedThreads() || checkRequest != null) break;
        }
        if (!md.isRebuilding(i) && !md.isFailed(i)) {
            List<String> m = new ArrayList<>(a.log.members());
            if (!m.contains(a.ids[i])) m.add(a.ids[i]);
            a.log.setMembers(m);
            a.log.forgetTracked();
            a.log.persist();
            trackedImage = -1;
            a.messages.accept(a.label + ": recovery of " + a.names[i] + " done: " + md.regionCount() + " regions rebuilt");
        }
        return true;
    }

    /** Records the regions image {@code i} still lacks: a restart resumes its rebuild from there. */
    private void checkpoint(int i) throws IOException {
        MdArray md = a.array;
        long done = md.rebuiltTo(i) / md.regionBytes();
        var t = a.log.tracked();
        t.clearAll();
        t.setRange(done, t.size());
        a.log.persist();
        lastCheckpoint = System.nanoTime();
    }

    private boolean resyncUnit(long start) throws IOException {
        MdArray md = a.array;
        if (md.unsyncedRegions() == 0) {
            if (resynced > 0) {
                a.messages.accept(a.label + ": " + (a.initialSync ? "initial sync" : "resync") + " done: " + resynced + " regions");
                resynced = 0;
                a.initialSync = false;
            }
            return false;
        }
        if (md.degradedImages() > 0) return false; // parity cannot be recomputed without every image: they stay unsynced
        while (true) {
            long r = nextUnsynced(md);
            if (r < 0) return true;
            if (md.resync(r)) resynced++;
            resyncCursor = r + 1;
            throttle(md.regionBytes() * a.ids.length);
            if (held() || System.nanoTime() - start > UNIT_NANOS || stop || a.work.hasQueuedThreads() || checkRequest != null) return true;
        }
    }

    private long nextUnsynced(MdArray md) {
        for (long r = resyncCursor; r < md.regionCount(); r++) if (md.isUnsynced(r)) return r;
        for (long r = 0; r < Math.min(resyncCursor, md.regionCount()); r++) if (md.isUnsynced(r)) return r;
        return -1;
    }

    /** The rate holds the next copy back. */
    private boolean held() { return System.nanoTime() - nextCopy < 0; }

    private void throttle(long bytes) {
        long now = System.nanoTime();
        if (a.rate <= 0) {
            nextCopy = now;
            return;
        }
        nextCopy = Math.max(nextCopy, now) + bytes * 1_000_000_000L / a.rate;
    }
}
