package ulvm.fuse.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import ulvm.api.Console;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.move.MoveCopier;
import ulvm.move.MoveLvs;
import ulvm.ops.PvMoveOps;
import ulvm.ops.Session;
import ulvm.ops.Wiring;
import ulvm.store.Scan;
import ulvm.store.SystemDir;
import ulvm.store.VgCopies;

/**
 * pvmoves the daemon copies by itself, one thread per VG: those left by {@code pvmove -b} and those found in
 * metadata when the mount starts (docs/design.md §7). A mover commits its checkpoints and the finish only while holding
 * the command lock (the command thread holds it around each command), re-reading the VG first. Any forwarded
 * {@code pvmove} stops the movers before it runs and starts them again for what is left after it.
 */
final class BackgroundMoves {
    private final SystemDir sys;
    private final Session.LiveHooks live;
    private final ReentrantLock commands;
    private final Map<String, Mover> running = new LinkedHashMap<>();
    /** The newest committed metadata of each VG (every commit goes through the daemon's hooks). */
    private final Map<String, ulvm.model.Vg> latest = new java.util.concurrent.ConcurrentHashMap<>();
    /** The error a VG's last mover stopped with, until the next mover starts. */
    /** How many times the movers were stopped (by a forwarded pvmove). */
    private volatile long stops;
    private volatile boolean closed;
    private final Map<String, String> failures = new java.util.concurrent.ConcurrentHashMap<>();

    private final Wiring wiring;

    BackgroundMoves(SystemDir sys, Wiring wiring, Session.LiveHooks live, ReentrantLock commands) {
        this.sys = sys;
        this.wiring = wiring;
        this.live = live;
        this.commands = commands;
    }

    private final class Mover extends Thread implements Session.LiveHooks {
        private final String vg;
        private volatile boolean stop;

        Mover(String vg) {
            super("ulvm-pvmove-" + vg);
            this.vg = vg;
            setDaemon(true);
        }

        @Override
        public void run() {
            Console log = new Console() {
                @Override public void out(String line) { System.err.println("ulvm daemon: pvmove: " + line.trim()); }
                @Override public void err(String line) { out(line); }
                @Override public boolean ask(String q) { return false; }
            };
            Session s = new Session(sys, null, log, "pvmove", sys.root(), wiring);
            s.setHooks(this);
            try {
                new PvMoveOps(s, args -> { }).resumeVg(vg, 15);
            } catch (LvmException e) {
                if (!stop) {
                    log.out("VG " + vg + ": " + e.getMessage());
                    failures.put(vg, e.getMessage());
                }
            } catch (RuntimeException e) {
                log.out("VG " + vg + ": " + e);
                failures.put(vg, e.toString());
            } finally {
                synchronized (BackgroundMoves.this) {
                    if (running.get(vg) == this) running.remove(vg);
                }
            }
        }

        @Override
        public AutoCloseable exclusive() throws IOException {
            try {
                while (!commands.tryLock(20, TimeUnit.MILLISECONDS)) if (stop) throw new IOException(new LvmException("pvmove stopped."));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (stop) {
                commands.unlock();
                throw new IOException(new LvmException("pvmove stopped."));
            }
            return commands::unlock;
        }

        @Override public boolean concurrent() { return true; }

        @Override public boolean stopRequested() { return stop; }

        @Override public boolean movesInBackground() { return true; }

        @Override public MoveCopier.ChunkLock chunkLock(String v, String id) { return live.chunkLock(v, id); }

        @Override public void suspend(ulvm.model.Vg next, VgCopies before) throws IOException { live.suspend(next, before); }

        @Override public void committed(ulvm.model.Vg vg, VgCopies before) throws IOException { live.committed(vg, before); }

        @Override public void aborted(ulvm.model.Vg next, VgCopies before) { live.aborted(next, before); }

        @Override public boolean isActive(String v, String lv) { return live.isActive(v, lv); }

        @Override public boolean isOpen(String v, String lv) { return live.isOpen(v, lv); }
    }

    /** Starts a mover for every VG with a move recorded and none running. */
    synchronized void startPending() {
        if (closed) return;
        List<String> vgs = new ArrayList<>();
        try (Scan scan = Scan.of(new Session(sys, null, null, "pvmove").devices(), false, wiring.images())) {
            for (VgCopies vc : scan.vgs().values()) {
                boolean left = false;
                for (Lv l : vc.vg().lvs()) left |= l.name().matches("pvmove[0-9]+");
                if ((left || !MoveLvs.pvmoveLvs(vc.vg()).isEmpty()) && !vc.partial()) vgs.add(vc.vg().name());
            }
        } catch (LvmException | RuntimeException e) {
            System.err.println("ulvm daemon: cannot look for pvmoves to resume: " + e.getMessage());
            return;
        }
        for (String vg : vgs) {
            if (running.containsKey(vg)) continue;
            failures.remove(vg);
            Mover m = new Mover(vg);
            running.put(vg, m);
            m.start();
        }
    }

    /**
     * Asks every mover to stop and waits until it has: at most the chunk in copy finishes, nothing more is committed.
     * Callable while holding the command lock (a mover waiting for it gives up).
     */
    void stopAll() {
        stops++;
        List<Mover> all;
        synchronized (this) {
            all = new ArrayList<>(running.values());
        }
        for (Mover m : all) m.stop = true;
        for (Mover m : all) {
            try {
                m.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The mount is going away: stops the movers for good (the moves resume at the next mount). */
    void close() {
        closed = true;
        stopAll();
    }

    synchronized Set<String> running() { return Set.copyOf(running.keySet()); }

    /** Every commit of the daemon passes here (commands' and movers'). */
    void committed(ulvm.model.Vg vg) { latest.put(vg.name(), vg); }

    /**
     * A forwarded foreground pvmove: the command thread (holding the command lock once) lets the VG's mover copy
     * {@code name} and waits for the move to be over, with the command lock released so other commands run (a
     * pvmove among them stops and restarts the movers). Progress comes from the checkpoints the mover commits and
     * its progress record.
     */
    boolean await(String vg, String name, long intervalSecs, boolean atOnce, Session.MoveWatcher progress) throws IOException {
        if (!commands.isHeldByCurrentThread() || commands.getHoldCount() != 1) return false;
        Lv start = current(vg, name);
        if (start == null) return false;
        String id = start.id();
        long stopsAtStart = stops;
        long intervalNs = intervalSecs * 1_000_000_000L;
        long next = System.nanoTime() + intervalNs;
        if (intervalSecs > 0 && atOnce) progress.moved(ulvm.move.MoveProgress.moved(start), ulvm.move.MoveProgress.total(start));
        commands.unlock();
        try {
            startPending();
            while (true) {
                boolean alive;
                synchronized (this) {
                    alive = running.containsKey(vg);
                }
                Lv mv = current(vg, name);
                if (mv == null || !mv.id().equals(id)) {
                    if (intervalSecs > 0 && stops == stopsAtStart) progress.moved(1, 1); // no other pvmove (an --abort) came between
                    return true;
                }
                if (closed) throw new IOException(new LvmException("pvmove of " + vg + " stopped by umount; it goes on at the next mount."));
                if (!alive && !commands.isLocked()) {
                    String why = failures.get(vg);
                    if (why != null) throw new IOException(new LvmException(why));
                    startPending();
                }
                if (intervalSecs > 0 && System.nanoTime() >= next) {
                    progress.moved(movedNow(vg, mv), ulvm.move.MoveProgress.total(mv));
                    next = System.nanoTime() + intervalNs;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            commands.lock();
        }
    }

    /** Extents of {@code mv} moved as of its last checkpoint: the committed extents_moved or, further on, its progress record. */
    private long movedNow(String vg, Lv mv) {
        ulvm.model.Vg v = latest.get(vg);
        if (v == null) return ulvm.move.MoveProgress.moved(mv);
        ulvm.model.Vg at = ulvm.move.MoveRecord.apply(wiring.images(), ulvm.move.MoveRecord.file(sys.root(), mv.id()), v, mv.name());
        return ulvm.move.MoveProgress.moved(at.lv(mv.name()).orElse(mv));
    }

    /** The pvmove LV {@code name} as last committed (or as on disk before the first commit seen), or null. */
    private Lv current(String vg, String name) {
        ulvm.model.Vg v = latest.get(vg);
        if (v == null) {
            try (Scan scan = Scan.of(new Session(sys, null, null, "pvmove").devices(), false, wiring.images())) {
                v = scan.vg(vg).map(VgCopies::vg).orElse(null);
            } catch (LvmException | RuntimeException e) {
                return null;
            }
            if (v == null) return null;
            latest.putIfAbsent(vg, v);
        }
        return v.lv(name).filter(l -> l.hasStatus("PVMOVE")).orElse(null);
    }

}
