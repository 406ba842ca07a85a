package ulvm.raid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ulvm.copy.CopyPipeline;
import ulvm.copy.CopyRate;

/**
 * The copy of the {@link SyncWorker}: a run of consecutive regions that the same legs lack (up to {@link #MAX_BATCH},
 * less under a rate) is read from the source in one piece and written to each target in one piece, its regions marked
 * against writes ({@link RegionLocks#beginCopy}). The {@link CopyPipeline} then flushes the source and the targets and
 * only then clears the regions' bits and writes the record, on its own thread, while the next run is read; the next
 * run is written once that record is written.
 */
final class RegionCopy implements AutoCloseable {
    /** The largest run copied at once. */
    static final long MAX_BATCH = 16L << 20;

    private final Raid1Array a;
    private final CopyPipeline pipeline;
    /** Bytes copied and time taken per leg id ("" for the resync of dirty regions), for the log line at the end. */
    private final Map<String, CopyRate> rates = new HashMap<>();

    RegionCopy(Raid1Array a, boolean pipelined) {
        this.a = a;
        this.pipeline = new CopyPipeline("raid1-force " + a.label, pipelined);
    }

    /** The pace of the job of {@code leg} ("" for resync) since its first copy, and forgets it. */
    String finished(String leg) {
        CopyRate r = rates.remove(leg);
        return r == null ? CopyRate.describe(0, 0) : r.describe();
    }

    /** The run's size: at most a quarter second at the rate (one region at least). */
    private long batchBytes() {
        long rate = a.rate;
        long b = rate > 0 ? Math.min(MAX_BATCH, rate / 4) : MAX_BATCH;
        return Math.max(a.regionBytes, b / a.regionBytes * a.regionBytes);
    }

    /**
     * Copies the run that starts at region {@code r}; returns the bytes copied (0 when none) and the run's last region
     * in {@code last[0]}. The last run's force and record may still be under way: {@link #drain} waits for it.
     */
    long copy(long r, long[] last) throws IOException {
        last[0] = r;
        Leg src = a.source(r);
        if (src == null) { // no leg holds it (the source failed): nothing to copy from
            pipeline.drain();
            for (Leg l : a.legs) {
                if (l.job == Leg.Job.REVIVE && l.live()) a.failures.failed(l, new IOException("no in-sync image left to recover from"));
                else if (l.job != Leg.Job.REVIVE) l.pending.clear(r);
            }
            return 0;
        }
        List<Leg> targets = new ArrayList<>();
        for (Leg l : a.legs) if (l.live() && l.pending.get(r)) targets.add(l);
        long end = Math.min(a.log.regionCount(), r + batchBytes() / a.regionBytes);
        long to = r;
        while (to + 1 < end && sameRun(to + 1, src, targets)) to++;
        long first = r, lastRegion = to;
        last[0] = to;
        long off = r * a.regionBytes;
        long len = Math.min((to + 1) * a.regionBytes, a.size) - off;
        a.locks.beginCopy(first, lastRegion);
        boolean submitted = false;
        try {
            ByteBuffer buf = pipeline.buffer((int) len);
            try {
                src.image.read(off, buf);
            } catch (IOException e) {
                a.failures.failed(src, e);
                return 0; // another source next time
            }
            pipeline.drain(); // the last run is recorded before this one reaches the targets
            for (Leg t : targets) {
                if (t.failed) continue;
                buf.clear().limit((int) len);
                try {
                    t.image.write(off, buf);
                } catch (IOException e) {
                    a.failures.failed(t, e);
                }
                rates.computeIfAbsent(t.job == Leg.Job.NONE ? "" : t.id, k -> new CopyRate()).add(len);
            }
            submitted = true;
            pipeline.submit(new Run(first, lastRegion, src, targets));
        } finally {
            if (!submitted) a.locks.endCopy(first, lastRegion);
        }
        return len;
    }

    /** Region {@code r} has the same source and the same targets as the run. */
    private boolean sameRun(long r, Leg src, List<Leg> targets) {
        if (a.source(r) != src) return false;
        for (Leg l : a.legs) if (l.live() && l.pending.get(r) != targets.contains(l)) return false;
        return true;
    }

    /** Waits until the last run is forced and recorded; its failure is thrown here. */
    void drain() throws IOException { pipeline.drain(); }

    @Override
    public void close() { pipeline.close(); }

    /** A run's force (source and targets flushed) and record (its bits cleared and written), then its regions unmarked. */
    private final class Run implements CopyPipeline.Batch {
        private final long first;
        private final long last;
        private final Leg src;
        private final List<Leg> targets;
        private boolean sourceDurable;

        Run(long first, long last, Leg src, List<Leg> targets) {
            this.first = first;
            this.last = last;
            this.src = src;
            this.targets = targets;
        }

        @Override
        public void force() {
            try { // the source too: a write it holds only in its cache would be lost by a crash once the bits go
                src.image.flush();
                sourceDurable = true;
            } catch (IOException e) {
                a.failures.failed(src, e);
                return;
            }
            for (Leg t : targets) {
                if (t.failed) continue;
                try {
                    t.image.flush();
                } catch (IOException e) {
                    a.failures.failed(t, e);
                }
            }
        }

        @Override
        public void record() throws IOException {
            if (!sourceDurable) return;
            boolean changed = false;
            for (long r = first; r <= last; r++) {
                boolean resync = false;
                boolean merged = false; // or revived: the region's dirty bit may go once every leg holds it
                for (Leg t : targets) {
                    if (t.failed) continue;
                    t.pending.clear(r);
                    if (t.job == Leg.Job.NONE) resync = true;
                    else t.copied.incrementAndGet();
                    merged |= t.job == Leg.Job.MERGE || t.job == Leg.Job.REVIVE;
                }
                if (resync) a.resyncCopied.incrementAndGet();
                // forced on every leg with no write in flight: the region's bits may go now
                if ((merged || resync) && a.log.copied(r, a.mayClear(r))) changed = true;
            }
            if (changed) a.log.persist(); // one small O_DSYNC write per run: a restart redoes at most this run
        }

        @Override
        public void release() { a.locks.endCopy(first, last); }
    }
}
