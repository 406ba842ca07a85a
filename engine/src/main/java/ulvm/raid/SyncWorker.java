package ulvm.raid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An array's background thread: copies regions that legs lack from the source leg (runs of regions, pipelined: see
 * {@link RegionCopy}; each forced before its bits are cleared), clears idle dirty bits every quiet period, runs
 * check/repair, honours the copy rate, and logs when a job finishes, with its pace. Each unit of work holds the
 * array's {@code work} lock; a metadata change waiting for it ends a unit of copying after the run under way.
 */
final class SyncWorker extends ArrayWorker {
    private static final int CHUNK = 1 << 20;
    /** md raid1's RESYNC_BLOCK_SIZE: a check counts mismatches in whole blocks of it, as dm-raid reports them. */
    private static final long CHECK_BLOCK = 64 << 10;

    private final Raid1Array a;
    private long checkCursor = -1;     // next region of a running check, -1 when none
    private long cursor;
    private ByteBuffer buf;
    private ByteBuffer other;

    /** How long one unit of copying may hold the {@code work} lock when nobody waits for it. */
    private static final long UNIT_NANOS = 1_000_000_000L;
    private final RegionCopy copier;

    SyncWorker(Raid1Array a) {
        super(a.work, a.settings, a.messages, () -> a.label, 0);
        this.a = a;
        this.copier = new RegionCopy(a, true);
    }

    @Override
    protected void finished() { copier.close(); }

    /** One unit of work; true when more copying is waiting. */
    @Override
    protected boolean step() throws IOException {
        try {
            a.failures.recordFailures(); // an rmeta that failed a record write
        } catch (IOException lastMember) {
            // the array has no leg left holding the data: its I/O fails
        }
        finishJobs(); // at once, even while the rate holds copies back: a leg that lacks nothing is recorded whole
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
            sweep();
            nextSweep = now + a.settings.quietMillis() * 1_000_000L;
        }
        if (checkRequest != null && checkCursor < 0) {
            checkCursor = 0;
            a.mismatches = 0;
            a.check = checkRequest;
        }
        if (now - nextCopy < 0) return true; // held back by the rate
        if (checkCursor >= 0) return checkStep();
        return copyUnit(now);
    }

    /**
     * Copies runs of pending regions one after the other, pipelined (the next read while the last is forced and
     * recorded), until nothing is pending from the cursor on, the rate, a sweep, a check, a stop or a metadata change
     * (waiting for the {@code work} lock) calls for a pause, or {@link #UNIT_NANOS} passed; then waits for the last record.
     */
    private boolean copyUnit(long start) throws IOException {
        long r = nextPending(true);
        if (r < 0) return false;
        long[] last = new long[1];
        try {
            while (true) {
                throttle(copier.copy(r, last));
                cursor = last[0] + 1;
                long now = System.nanoTime();
                if (now - nextCopy < 0 || now - nextSweep >= 0 || now - start > UNIT_NANOS || stop || checkRequest != null
                        || a.work.hasQueuedThreads()) break;
                r = nextPending(false); // not wrapping: the regions of the run being recorded are still pending
                if (r < 0) break;
            }
        } finally {
            copier.drain();
        }
        finishJobs(); // the leg that now lacks nothing becomes a member before the rate pauses the worker
        return true;
    }

    private void persist() throws IOException {
        a.log.persist();
    }

    /** The next region some live leg lacks, from the cursor on (wrapping if {@code wrap}), or -1. */
    private long nextPending(boolean wrap) {
        long best = -1;
        for (int pass = 0; pass < (wrap ? 2 : 1) && best < 0; pass++) {
            long from = pass == 0 ? cursor : 0;
            for (Leg l : a.legs) {
                if (!l.live()) continue;
                long r = l.pending.next(from);
                if (r >= 0 && (best < 0 || r < best)) best = r;
            }
        }
        if (best >= 0) cursor = best + 1;
        return best;
    }

    private void buffers() {
        int n = (int) Math.min(CHUNK, a.regionBytes);
        if (buf == null || buf.capacity() != n) {
            buf = ByteBuffer.allocateDirect(n);
            other = null;
        }
    }

    private void throttle(long bytes) {
        long rate = a.rate;
        long now = System.nanoTime();
        if (rate <= 0) {
            nextCopy = now;
            return;
        }
        nextCopy = Math.max(nextCopy, now) + bytes * 1_000_000_000L / rate;
    }

    /** Logs and records the jobs that have nothing left. */
    private void finishJobs() throws IOException {
        Leg[] ls = a.legs;
        List<String> members = new ArrayList<>(a.log.members());
        List<String> stale = new ArrayList<>(a.log.stale());
        boolean changed = false;
        for (int i = 0; i < ls.length; i++) {
            Leg l = ls[i];
            if (!l.live() || l.job == Leg.Job.NONE || !l.pending.isEmpty()) continue;
            Leg.Job job = l.job;
            l.job = Leg.Job.NONE;
            if (job == Leg.Job.MERGE) {
                a.log.forgetTracked();
                a.messages.accept(a.label + ": merge of " + l.name + " done: " + l.copied.get() + " regions copied " + copier.finished(l.id));
            } else {
                a.messages.accept(a.label + ": " + (a.initialSync ? "initial sync" : "recovery") + " of " + l.name + " done: "
                        + l.copied.get() + " regions copied " + copier.finished(l.id));
            }
            if (!members.contains(l.id)) members.add(l.id);
            stale.remove(l.id);
            l.copied.set(0);
            changed = true;
        }
        boolean idle = true; // the resync of dirty regions is done once no live leg lacks a region
        for (Leg l : ls) idle &= !l.live() || l.pending.isEmpty();
        long resynced = idle ? a.resyncCopied.getAndSet(0) : 0;
        if (resynced > 0) a.messages.accept(a.label + ": resync done: " + resynced + " regions copied " + copier.finished(""));
        if (changed) {
            a.initialSync = false;
            a.log.setMembers(members);
            a.log.setStale(stale);
            persist();
        }
    }

    /**
     * Clears the dirty bits of regions idle since the last sweep, after forcing every leg; forces nothing when no bit
     * would go (every dirty region written again in this period).
     */
    private void sweep() throws IOException {
        if (a.log.tracking() || a.degraded() || !a.log.sweepable(a::mayClear)) {
            if (!a.log.dirty().isEmpty()) a.log.sweep(r -> false); // keeps the quiet period going
            return;
        }
        a.io.flush();
        long[] all = a.locks.lockAll();
        long cleared;
        try {
            cleared = a.log.sweep(a::mayClear);
        } finally {
            a.locks.unlockAll(all);
        }
        if (cleared > 0) persist();
    }

    /** Compares one region across the legs that hold it; repair copies the source's sectors over differing ones. */
    private boolean checkStep() throws IOException {
        buffers();
        if (other == null) other = ByteBuffer.allocateDirect(buf.capacity());
        long r = checkCursor;
        if (r >= a.log.regionCount()) {
            String what = a.check;
            a.messages.accept(a.label + ": " + what + " done: " + a.mismatches + " mismatched sectors");
            a.check = null;
            checkRequest = null;
            checkCursor = -1;
            return false;
        }
        checkCursor++;
        boolean repair = "repair".equals(a.check);
        Leg src = a.source(r);
        if (src == null) return true;
        long off = r * a.regionBytes;
        long len = Math.min(a.regionBytes, a.size - off);
        long stamp = a.locks.exclusive(r);
        try {
            for (long done = 0; done < len; ) {
                int n = (int) Math.min(buf.capacity(), len - done);
                buf.clear().limit(n);
                src.image.read(off + done, buf);
                for (Leg l : a.legs) {
                    if (l == src || !l.live() || l.pending.get(r)) continue;
                    other.clear().limit(n);
                    l.image.read(off + done, other);
                    long bad = 0; // md counts a whole resync block (64 KiB) per leg that differs anywhere in it
                    for (int s = 0; s < n; ) {
                        long at = off + done + s;
                        int e = (int) Math.min(n, s + (CHECK_BLOCK - at % CHECK_BLOCK));
                        if (buf.slice(s, e - s).mismatch(other.slice(s, e - s)) >= 0) bad += (e - s + 511) / 512;
                        s = e;
                    }
                    if (bad > 0) {
                        a.mismatches += bad;
                        if (repair) {
                            buf.position(0).limit(n);
                            l.image.write(off + done, buf);
                            l.image.flush();
                        }
                    }
                }
                done += n;
            }
        } finally {
            a.locks.releaseExclusive(r, stamp);
        }
        throttle(len);
        return true;
    }
}
