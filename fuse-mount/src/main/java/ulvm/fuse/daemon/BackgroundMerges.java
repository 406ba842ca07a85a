package ulvm.fuse.daemon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import ulvm.api.Console;
import ulvm.api.LvmException;
import ulvm.fuse.VolumeFiles;
import ulvm.live.Activation;
import ulvm.model.Lv;
import ulvm.model.SnapshotSegment;
import ulvm.ops.Session;
import ulvm.ops.Wiring;
import ulvm.ops.SnapshotMerge;
import ulvm.snapshot.SnapshotLvs;
import ulvm.snapshot.SnapshotOrigin;
import ulvm.store.Scan;
import ulvm.store.SystemDir;
import ulvm.store.VgCopies;

/**
 * Snapshot merges the daemon runs by itself, one thread per origin: those {@code lvconvert --merge} deferred (origin
 * or snapshot open, origin inactive, or -b) and those found in metadata when the mount starts (a crash or an umount
 * interrupted them). A merge starts once its origin is active and neither it nor the snapshot is open; from then on
 * the origin may be opened again (its I/O follows the merge). The final commit holds the command lock.
 */
final class BackgroundMerges {
    private final SystemDir sys;
    private final Session.LiveHooks live;
    private final ReentrantLock commands;
    private final Activation activation;
    private final VolumeFiles fs;
    private final Map<String, Merger> running = new LinkedHashMap<>();

    private final Wiring wiring;

    BackgroundMerges(SystemDir sys, Wiring wiring, Session.LiveHooks live, ReentrantLock commands, Activation activation, VolumeFiles fs) {
        this.sys = sys;
        this.wiring = wiring;
        this.live = live;
        this.commands = commands;
        this.activation = activation;
        this.fs = fs;
    }

    private final class Merger extends Thread implements Session.LiveHooks, SnapshotMerge.Live {
        private final String vg;
        private final String origin;
        private volatile boolean stop;

        Merger(String vg, String origin) {
            super("ulvm-merge-" + vg + "-" + origin);
            this.vg = vg;
            this.origin = origin;
            setDaemon(true);
        }

        @Override
        public void run() {
            Console log = new Console() {
                @Override public void out(String line) { System.err.println("ulvm daemon: lvconvert --merge: " + line.trim()); }
                @Override public void err(String line) { out(line); }
                @Override public boolean ask(String q) { return false; }
            };
            try {
                while (!stop && !ready()) Thread.sleep(50);
                if (stop) return;
                Session s = new Session(sys, null, log, "lvconvert --merge", sys.root(), wiring);
                s.setHooks(this);
                SnapshotMerge merge = new SnapshotMerge(s);
                merge.run(vg, origin, 15, false);
                if (merge.pace() != null) log.out(vg + "/" + origin + ": snapshot merge done: " + merge.pace());
            } catch (LvmException e) {
                if (!stop) log.out(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.out(vg + "/" + origin + ": " + e);
            } finally {
                synchronized (BackgroundMerges.this) {
                    if (running.get(key(vg, origin)) == this) running.remove(key(vg, origin));
                }
            }
        }

        /** The origin is active and the merge runs already, or neither the origin nor the snapshot is open. */
        private boolean ready() {
            if (!activation.isActive(vg, origin)) return false;
            if (activation.mergingOrigin(vg, origin) != null) return true;
            String cow = activation.mergingCow(vg, origin);
            return cow != null && !live.isOpen(vg, origin) && !live.isOpen(vg, cow); // a file of the mount, an NBD client, a held --dev-links loop
        }

        @Override public SnapshotOrigin startMerge(String v, String o) throws IOException { return activation.startMerge(v, o); }

        @Override public void mergeLater(String v, String o) { }

        @Override
        public AutoCloseable exclusive() throws IOException {
            try {
                while (!commands.tryLock(20, TimeUnit.MILLISECONDS)) if (stop) throw new IOException("merge stopped.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return commands::unlock;
        }

        @Override public boolean concurrent() { return true; }

        @Override public boolean stopRequested() { return stop; }

        @Override public void suspend(ulvm.model.Vg next, VgCopies before) throws IOException { live.suspend(next, before); }

        @Override public void committed(ulvm.model.Vg v, VgCopies before) throws IOException { live.committed(v, before); }

        @Override public void aborted(ulvm.model.Vg next, VgCopies before) { live.aborted(next, before); }

        @Override public boolean isActive(String v, String lv) { return live.isActive(v, lv); }

        @Override public boolean isOpen(String v, String lv) { return live.isOpen(v, lv); }

        @Override public ulvm.snapshot.SnapshotStatus snapshotStatus(String v, String cow) { return live.snapshotStatus(v, cow); }
    }

    private static String key(String vg, String origin) { return vg + "/" + origin; }

    /**
     * Runs the merge into {@code origin} in the background as soon as it can start. When it can start now, it starts
     * here, before the command returns: the snapshot's file is gone when {@code lvconvert --merge -b} says "started"
     * (the merger thread then finds it running); otherwise the merger starts it once it can.
     */
    void later(String vg, String origin) {
        Merger m;
        synchronized (this) {
            if (closed || running.containsKey(key(vg, origin))) return;
            m = new Merger(vg, origin);
            running.put(key(vg, origin), m);
        }
        if (m.ready()) {
            try {
                activation.startMerge(vg, origin);
            } catch (IOException e) {
                // the merger starts it again and says why it cannot
            }
        }
        m.start();
    }

    /** Starts a merger for every origin with a merging snapshot in metadata. */
    void startPending() {
        List<String[]> found = new ArrayList<>();
        try (Scan scan = Scan.of(new Session(sys, null, null, "lvconvert").devices(), false, wiring.images())) {
            for (VgCopies vc : scan.vgs().values()) {
                if (vc.partial()) continue;
                for (Lv l : vc.vg().lvs()) {
                    SnapshotSegment sn = SnapshotLvs.segment(l).orElse(null);
                    if (sn != null && sn.merging()) found.add(new String[] {vc.vg().name(), sn.origin()});
                }
            }
        } catch (LvmException | RuntimeException e) {
            System.err.println("ulvm daemon: cannot look for snapshot merges to resume: " + e.getMessage());
            return;
        }
        for (String[] f : found) later(f[0], f[1]);
    }

    /** The mount is going away: no merger starts any more (they resume at the next mount); the running ones stop. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        stopAll();
    }

    private boolean closed;

    /** Asks every merger to stop and waits: at most one batch of chunks finishes; the store keeps the progress. */
    void stopAll() {
        List<Merger> all;
        synchronized (this) {
            all = new ArrayList<>(running.values());
        }
        for (Merger m : all) m.stop = true;
        for (Merger m : all) {
            try {
                m.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
