package ulvm.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulvm.api.LvmException;
import ulvm.io.BlockDevice;
import ulvm.model.Lv;
import ulvm.model.Vg;
import ulvm.move.MoveCopier;
import ulvm.move.MoveFinish;
import ulvm.move.MoveProgress;
import ulvm.move.MoveRecord;
import ulvm.segtype.MirrorType;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * Runs one move (docs/design.md §7): copies what is left chunk by chunk ({@link MoveCopier}) from the checkpoint the
 * metadata and the move's progress record ({@link MoveRecord}) hold, recording progress inside a segment and
 * committing {@code extents_moved} at segment ends, then the finish (or abort) commits and removes the record; the
 * progress lines; the pacing told after each commit and record ({@link CopyPacing}). A background move re-reads the VG before each commit, under the hooks'
 * exclusive lock.
 */
final class PvMoveRunner {
    private final Session s;
    private long bytesCopied;

    PvMoveRunner(Session s) { this.s = s; }

    /** Bytes copied by this command (tests: a resume copies only what is left). */
    long bytesCopied() { return bytesCopied; }

    /** Tells the pacing that the move committed {@code what}; what it throws fails the move. */
    void step(String what, Vg done) throws LvmException {
        try {
            s.wiring().pacing().moveCommitted(what, done);
        } catch (IOException e) {
            throw new LvmException(e.getMessage());
        }
    }

    /** Commits with LVM2's description: "Write from ..." and, for later writes of one VG struct, "Write[N] from ...". */
    VgCopies commit(VgCopies vc, Vg next, int n) throws LvmException {
        Vg done = n <= 1 ? s.commit(vc, next) : s.commit(vc, next, "Write[" + n + "] from " + s.commandLine() + ".");
        return new VgCopies(done, vc.devices(), List.of());
    }

    private void progress(String display, long moved, long total) {
        s.say(display + ": Moved: " + MoveProgress.percent(moved, total) + "%");
    }

    /** Copies what is left of the move {@code name}, then finishes it. */
    void run(VgCopies vc, String name, String display, PvMoveOps.Spec sp) throws LvmException {
        if (!s.hooks().concurrent()) {
            try {
                if (s.hooks().awaitMove(vc.vg().name(), name, sp.interval(), !sp.waitFirst(), (moved, total) -> progress(display, moved, total))) return;
            } catch (IOException e) {
                if (e.getCause() instanceof LvmException le) throw le;
                throw new LvmException(e.getMessage());
            }
        }
        Map<String, BlockDevice> devs = new LinkedHashMap<>();
        for (var e : vc.devices().entrySet()) devs.put(e.getKey(), e.getValue().device());
        VgCopies[] cur = {vc};
        long delay = s.wiring().pacing().movePauseMillis();
        MoveCopier.ChunkLock lock = s.hooks().chunkLock(vc.vg().name(), vc.vg().lv(name).orElseThrow().id());
        Path recordFile = recordFile(vc.vg(), name);
        MoveRecord record;
        try {
            record = MoveRecord.open(s.wiring().images(), recordFile);
        } catch (IOException e) {
            throw new LvmException("Failed to write pvmove progress " + recordFile + ": " + e.getMessage());
        }
        Vg start = MoveRecord.apply(s.wiring().images(), recordFile, vc.vg(), name);
        MoveCopier.Progress progress = new MoveCopier.Progress() {
            @Override public void record(Vg next, int segment) throws IOException {
                record.write(next, name, segment, MirrorType.moved(next.lv(name).orElseThrow().segments().get(segment)));
            }

            @Override public void recorded(Vg next) throws IOException { afterCheckpoint(next, delay); }
        };
        MoveCopier copier = new MoveCopier(start, name, devs, next -> {
            try (AutoCloseable held = s.hooks().exclusive()) {
                VgCopies base = s.hooks().concurrent() ? reread(cur[0]) : cur[0];
                cur[0] = commit(base, rebase(base.vg(), next, name), 1);
            } catch (LvmException e) {
                throw new IOException(e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e.getMessage(), e);
            }
            afterCheckpoint(cur[0].vg(), delay);
            return cur[0].vg();
        }, progress, lock).pipelined(delay == 0);
        try {
            copy(copier, display, sp);
        } finally {
            copier.close();
            try {
                record.close();
            } catch (IOException e) {
                s.tell("WARNING: " + recordFile + ": " + e.getMessage());
            }
        }
        finish(cur[0], copier.vg(), name, false);
    }

    /** The pacing told of a checkpoint (a segment commit, or a progress record), then its pause. */
    private void afterCheckpoint(Vg vg, long delay) throws IOException {
        try {
            step("checkpoint", vg);
            pause(delay);
        } catch (LvmException e) {
            throw new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The progress record of the move {@code name} of {@code vg} (MoveRecord). */
    private Path recordFile(Vg vg, String name) {
        return MoveRecord.file(s.sys().root(), vg.lv(name).orElseThrow().id());
    }

    /** The copy loop with its progress lines. */
    private void copy(MoveCopier copier, String display, PvMoveOps.Spec sp) throws LvmException {
        long intervalMs = sp.interval() * 1000;
        long last = System.nanoTime();
        if (intervalMs > 0 && !sp.waitFirst()) progress(display, copier.movedExtents(), copier.totalExtents());
        try {
            while (copier.step()) {
                if (s.hooks().stopRequested()) throw new IOException(new LvmException("pvmove of " + display + " stopped."));
                if (intervalMs > 0 && (System.nanoTime() - last) / 1_000_000 >= intervalMs && !copier.done()) {
                    progress(display, copier.movedExtents(), copier.totalExtents());
                    last = System.nanoTime();
                }
            }
        } catch (IOException e) {
            bytesCopied += copier.bytesCopied();
            if (e.getCause() instanceof LvmException le) throw le;
            throw new LvmException("ABORTING: Mirror percentage check failed.\n" + e.getMessage());
        }
        bytesCopied += copier.bytesCopied();
        if (intervalMs > 0) progress(display, copier.totalExtents(), copier.totalExtents());
    }

    /** The finish (or abort) commits of MoveFinish, from {@code vg} (committed state plus in-memory progress). */
    void finish(VgCopies vc, Vg vg, String name, boolean abort) throws LvmException {
        try (AutoCloseable held = s.hooks().exclusive()) {
            VgCopies cur = s.hooks().concurrent() ? reread(vc) : vc;
            int n = 1;
            Path record = recordFile(cur.vg(), name);
            for (Vg next : MoveFinish.steps(rebase(cur.vg(), vg, name), name, abort)) {
                cur = commit(cur, next, n);
                if (n == 1) MoveRecord.remove(record);
                step("finish" + n, cur.vg());
                n++;
            }
        } catch (LvmException e) {
            throw e;
        } catch (Exception e) {
            throw new LvmException(e.getMessage());
        }
    }

    /**
     * {@code fresh} (the VG as committed now) with the pvmove LV's segments of {@code moving} (its progress). The same
     * VG when nothing else committed; a background move re-reads first, as commands may have changed other LVs.
     */
    private static Vg rebase(Vg fresh, Vg moving, String name) throws LvmException {
        Lv mine = moving.lv(name).orElseThrow();
        Lv now = fresh.lv(name).filter(l -> l.id().equals(mine.id()) && l.segments().size() == mine.segments().size())
                .orElseThrow(() -> new LvmException("pvmove " + name + " of VG " + fresh.name() + " changed by another command: stopped."));
        return now == mine ? fresh : fresh.withLv(now.withSegments(mine.segments()));
    }

    /** The pacing's pause after a checkpoint, cut short when the move is asked to stop. */
    private void pause(long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000;
        while (ms > 0 && System.nanoTime() < end && !s.hooks().stopRequested()) Thread.sleep(Math.min(20, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }

    /** The VG as committed now, on {@code vc}'s devices. */
    VgCopies reread(VgCopies vc) throws LvmException {
        try (AutoCloseable held = s.hooks().exclusive(); Scan scan = s.scan(false)) {
            VgCopies fresh = scan.vg(vc.vg().name()).orElseThrow(() -> new LvmException("Can't find VG " + vc.vg().name() + ". No longer active."));
            return new VgCopies(fresh.vg(), vc.devices(), List.of());
        } catch (LvmException e) {
            throw e;
        } catch (Exception e) {
            throw new LvmException(e.getMessage());
        }
    }
}
