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
import ulvm.store.Scan;
import ulvm.store.SystemDir;
import ulvm.store.VgCopies;

/**
 * pvmoves the daemon copies by itself, one thread per VG: those left by {@code pvmove -b} and those found in
 * metadata when the mount starts (design.md §4). A mover commits its checkpoints and the finish only while holding
 * the command lock (the command thread holds it around each command), re-reading the VG first. Any forwarded
 * {@code pvmove} stops the movers before it runs and starts them again for what is left after it.
 */
final class BackgroundMoves {
    private final SystemDir sys;
    private final Session.LiveHooks live;
    private final ReentrantLock commands;
    private final Map<String, Mover> running = new LinkedHashMap<>();

    BackgroundMoves(SystemDir sys, Session.LiveHooks live, ReentrantLock commands) {
        this.sys = sys;
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
            Session s = new Session(sys, null, log, "pvmove", sys.root());
            s.setHooks(this);
            try {
                new PvMoveOps(s, args -> { }).resumeVg(vg, 15);
            } catch (LvmException e) {
                if (!stop) log.out("VG " + vg + ": " + e.getMessage());
            } catch (RuntimeException e) {
                log.out("VG " + vg + ": " + e);
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
        List<String> vgs = new ArrayList<>();
        try (Scan scan = Scan.of(new Session(sys, null, null, "pvmove").devices(), false)) {
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

    synchronized Set<String> running() { return Set.copyOf(running.keySet()); }
}
