package ulvm.fuse.daemon;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import ulvm.api.Console;
import ulvm.api.LvmException;
import ulvm.cli.Main;
import ulvm.daemon.DaemonServer;
import ulvm.fuse.FastFuseLoop;
import ulvm.fuse.FileOwner;
import ulvm.fuse.FuseSession;
import ulvm.fuse.VolumeFiles;
import ulvm.fuse.VolumeFs;
import ulvm.fuse.VolumeTree;
import ulvm.fuse.nbd.LiveExports;
import ulvm.fuse.nbd.NbdSettings;
import ulvm.fuse.kernel.KernelSession;
import ulvm.live.Activation;
import ulvm.live.LiveVolume;
import ulvm.nbd.NbdServer;
import ulvm.ops.Session;
import ulvm.ops.ThinMerge;
import ulvm.ops.Wiring;
import ulvm.store.Scan;
import ulvm.store.SystemDir;

/**
 * The mount daemon: activates the VGs, shows each active LV as MOUNTPOINT/VG/LV, and carries out every ulvm
 * command sent to its socket on the live volumes. Stops on SIGTERM (or `ulvm umount`), never while a loop
 * device is attached to one of its files, and when its mount goes from outside (umount, fusermount -u).
 */
public final class Daemon {
    public static final int THREADS = 4;
    /** The system property `ulvm mount --dev-links` starts the daemon with. */
    static final String DEV_LINKS_PROPERTY = "ulvm.devLinks";
    private final SystemDir sys;
    private final Path mountpoint;
    private final VolumeTree tree = new VolumeTree(FileOwner.currentUser());
    private final VolumeFiles volumeFiles = new VolumeFiles(tree);
    private final Activation activation;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Set once the daemon has decided to stop (so the unmount it does itself is not taken for one from outside). */
    private volatile boolean stopping;
    /** "kernel", "libfuse2", or null: the kernel session when mount(2) is permitted, else libfuse 2. */
    private final String sessionKind;
    private FuseSession loop;
    private DaemonServer server;
    /** Held by the command thread around each command, by background pvmoves around each commit. */
    private final java.util.concurrent.locks.ReentrantLock commands = new java.util.concurrent.locks.ReentrantLock();
    private BackgroundMoves moves;
    private BackgroundMerges merges;
    /** `ulvm mount --dev-links`: a loop device and DEVDIR/VG/LV links for each active LV; null without. */
    private volatile DevLinks devLinks;

    /** What the engine runs over: image files with the mount's cache mode, the pacing found on the class path. */
    private final Wiring wiring;
    /** Where and how the active LVs are served over NBD (--nbd*), and what is served. */
    private final NbdSettings nbd;
    private final LiveExports exports = new LiveExports(tree);
    private NbdServer nbdServer;
    /** lvm.conf's raid_fault_policy at work once the command path is up. */
    private volatile FaultPolicy faults;
    private volatile ThinAutoextend autoextend;

    Daemon(SystemDir sys, Path mountpoint, String sessionKind, Wiring wiring, NbdSettings nbd) {
        this.sys = sys;
        this.nbd = nbd;
        this.wiring = wiring;
        this.sessionKind = sessionKind;
        this.mountpoint = mountpoint;
        this.activation = new Activation(new Activation.Listener() {
            @Override public void shown(String vg, String lv, LiveVolume v) { tree.put(vg, lv, v); if (devLinks != null) devLinks.shown(vg, lv, v); }
            @Override public void hidden(String vg, String lv) { tree.remove(vg, lv); if (devLinks != null) devLinks.hidden(vg, lv); }
            @Override public void vgGone(String vg) { tree.removeVg(vg); if (devLinks != null) devLinks.vgGone(vg); }
            @Override public void legFailed(String vgLv) {
                FaultPolicy f = faults;
                if (f != null) f.legFailed(vgLv);
            }
        }, msg -> System.err.println("ulvm daemon: " + msg), ulvm.raid.RaidSettings.defaults(), wiring.images());
    }

    /** With --dev-links (before {@link #run}). */
    Daemon devLinks() {
        devLinks = new DevLinks(mountpoint, new DaemonFiles(sys).devLinks());
        return this;
    }

    /** Runs until stopped; returns the exit code. {@code ready} is told once the mount answers. */
    int run(Runnable ready) {
        DaemonFiles files = new DaemonFiles(sys);
        Optional<FileLock> lock;
        try {
            lock = files.tryLock();
        } catch (IOException e) {
            System.err.println("  Cannot create " + sys.runDir() + ": " + e.getMessage());
            return 5;
        }
        if (lock.isEmpty()) {
            String[] r = files.running().orElse(new String[] {"?", "?"});
            System.err.println("  A ulvm mount is already running for " + sys.root() + " (pid " + r[0] + ", mounted at " + r[1] + ").");
            return 5;
        }
        LiveHooks hooks = new LiveHooks(activation, volumeFiles, devLinks);
        try {
            Session ms = new Session(sys, null, quiet(), "mount", Path.of("").toAbsolutePath(), wiring);
            try (AutoCloseable l = sys.lock(true)) {
                // written under the lock: an offline background pvmove sees it before its next chunk and leaves the move to us
                Files.writeString(files.pid(), ProcessHandle.current().pid() + "\n" + mountpoint + "\n");
                finishThinMerges(ms);
                try (Scan scan = Scan.of(ms.devices(), false, wiring.images())) {
                    for (String p : activation.activateAll(scan, ms::refusalLine)) System.err.println("ulvm daemon: " + p);
                }
            }
            startNbd(hooks); // before the mount: a server that cannot start mounts nothing
            loop = mountSession();
            moves = new BackgroundMoves(sys, wiring, hooks, commands);
            hooks.moves(moves);
            merges = new BackgroundMerges(sys, wiring, hooks, commands, activation, volumeFiles);
            hooks.merges(merges);
            server = DaemonServer.start(sys.socket(), (cwd, args, console) -> command(args, cwd, console, hooks));
            faults = new FaultPolicy(sys, (args, console) -> command(args, Path.of("/"), console, hooks));
            autoextend = new ThinAutoextend(sys, activation, (args, console) -> command(args, Path.of("/"), console, hooks));
            moves.startPending(); // moves a crash or an umount interrupted go on (docs/design.md §7)
            merges.startPending(); // so do snapshot merges (on the origin's activation, as LVM2)
            installSignals();
            followMount();
            if (devLinks != null) devLinks.start(); // the links are there once the mount is ready
            if (devLinks != null) devLinks.await();
            ready.run();
            stopped.await();
            return 0;
        } catch (RuntimeException | IOException e) {
            System.err.println("  " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 5;
        } catch (Exception e) {
            System.err.println("  " + e);
            return 5;
        } finally {
            shutdown(files);
        }
    }

    /** One forwarded command, under the command lock; a pvmove stops the background moves first and restarts what is left. */
    private int command(List<String> args, Path cwd, Console console, Session.LiveHooks hooks) {
        commands.lock();
        try {
            boolean pvmove = !args.isEmpty() && args.get(0).equals("pvmove");
            if (pvmove) moves.stopAll();
            try {
                // the command lock stands in for the system dir's file lock: while mounted every command comes here, and a
                // foreground pvmove releases it while it waits (a file lock cannot be shared by two threads of one JVM)
                return Main.run(args.toArray(new String[0]), sys, console, hooks, true, cwd, wiring);
            } finally {
                if (pvmove) moves.startPending();
                loop.awaitNotified(); // the kernel drops what it cached of the LVs changed before the command returns
            }
        } finally {
            commands.unlock();
            if (devLinks != null) devLinks.await(); // out of the lock: losetup opens our own files
        }
    }

    /** Serves the active LVs over NBD when --nbd was given; the exports count as opens of their LVs. */
    private void startNbd(LiveHooks hooks) throws IOException {
        if (!nbd.serves()) return;
        hooks.nbd(exports);
        nbdServer = NbdServer.start(nbd.options(), exports, msg -> System.err.println("ulvm daemon: " + msg));
        System.err.println("ulvm daemon: serving NBD on " + String.join(", ", nbd.listen()) + (nbd.tlsCreds() != null ? " with TLS" : ""));
    }

    /**
     * The kernel protocol session of our own; libfuse 2's when asked for, or when mount(2) is not permitted (not
     * root: libfuse's fusermount mounts then).
     */
    private FuseSession mountSession() throws IOException {
        boolean libfuse2 = "libfuse2".equals(sessionKind) || (sessionKind == null && !MountCommand.isRoot());
        if (!libfuse2) {
            try {
                KernelSession s = KernelSession.mount(volumeFiles, mountpoint, THREADS);
                System.err.println("ulvm daemon: serving " + mountpoint + " with the kernel session (" + s.negotiated() + ")");
                return s;
            } catch (KernelSession.NotPermittedException e) {
                if (sessionKind != null) throw e;
                System.err.println("ulvm daemon: " + e.getMessage() + "; mounting through libfuse 2 instead");
            }
        }
        FuseSession s = FastFuseLoop.mount(new VolumeFs(volumeFiles), mountpoint, options(), THREADS);
        System.err.println("ulvm daemon: serving " + mountpoint + " with the libfuse2 session");
        return s;
    }

    static List<String> options() {
        List<String> o = new ArrayList<>(FastFuseLoop.DEFAULT_OPTIONS);
        o.add("attr_timeout=0");
        o.add("entry_timeout=0");
        o.add("negative_timeout=0");
        return o;
    }

    /**
     * Thin snapshot merges that waited for their origin's next activation (lvconvert --merge with the origin open) are
     * finished before the mount activates the origin, their lines in the log.
     */
    private void finishThinMerges(Session ms) throws LvmException {
        try (Scan scan = Scan.of(ms.devices(), false, wiring.images())) {
            if (!ThinMerge.waitingAtStartup(scan)) return;
        }
        Console log = new Console() {
            @Override public void out(String line) { System.err.println("ulvm daemon: " + line.trim()); }
            @Override public void err(String line) { out(line); }
            @Override public boolean ask(String q) { return false; }
        };
        Session s = new Session(sys, null, log, "mount", sys.root(), wiring);
        try (Scan scan = s.scan(true)) {
            for (String p : new ThinMerge(s).finishAtStartup(scan, ms::refusalLine)) log.out(p);
        }
    }

    private static Console quiet() {
        return new Console() {
            @Override public void out(String line) { }
            @Override public void err(String line) { System.err.println(line); }
            @Override public boolean ask(String q) { return false; }
        };
    }

    /** SIGTERM/SIGINT stop the daemon unless a loop device still uses one of its files. */
    private void installSignals() {
        for (String sig : List.of("TERM", "INT", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> requestStop("SIG" + sig));
            } catch (IllegalArgumentException ignored) { }
        }
    }

    /**
     * When the kernel ends the session from outside (umount, fusermount -u, umount -l once the last open file went),
     * the daemon stops as `ulvm umount` stops it, minus the unmount: background work checkpointed, images forced,
     * the system dir released.
     */
    private void followMount() {
        Thread t = new Thread(() -> {
            try {
                loop.awaitUnmounted();
            } catch (InterruptedException e) {
                return;
            }
            if (stopping) return;
            System.err.println("ulvm daemon: " + mountpoint + " was unmounted from outside (umount, fusermount -u or umount -l): stopping");
            stopping = true;
            stopped.countDown();
        }, "ulvm-follow-mount");
        t.setDaemon(true);
        t.start();
    }

    /** Stops unless loop devices are attached; returns the refusal, or null when stopping. */
    String requestStop(String why) {
        List<LoopDevices.Attached> busy = DevLinks.holding(mountpoint, new DaemonFiles(sys).devLinks());
        if (!busy.isEmpty()) {
            String msg = "Cannot unmount " + mountpoint + ": " + busy.get(0).device() + " is attached to " + busy.get(0).file()
                    + " (losetup -d " + busy.get(0).device() + " first).";
            System.err.println("ulvm daemon: " + why + " ignored: " + msg);
            return msg;
        }
        stopping = true;
        stopped.countDown();
        return null;
    }

    private synchronized void shutdown(DaemonFiles files) {
        if (nbdServer != null) nbdServer.close(); // requests in flight answered first; the images forced below
        if (server != null) server.close();
        if (faults != null) faults.close();
        if (autoextend != null) autoextend.close();
        if (moves != null) moves.close(); // resumed at the next mount
        if (merges != null) merges.close();
        if (devLinks != null) devLinks.close(); // its loops go before the mount
        if (loop != null) loop.unmount();
        activation.close();
        try {
            Files.deleteIfExists(files.pid());
        } catch (IOException ignored) { }
    }

    /**
     * {@code Daemon SYSTEM_DIR MOUNTPOINT [READY_FILE [SESSION [CACHE [NBD_WORDS...]]]]}: what `ulvm mount` starts in the
     * background (an empty SESSION: the default; CACHE: writeback or none; NBD_WORDS: {@link NbdSettings#words}).
     */
    public static void main(String[] args) {
        SystemDir sys = new SystemDir(Path.of(args[0]));
        Path mnt = Path.of(args[1]).toAbsolutePath().normalize();
        Path readyFile = args.length > 2 && !args[2].isEmpty() ? Path.of(args[2]) : null;
        String session = args.length > 3 && !args[3].isEmpty() ? args[3] : null;
        ulvm.io.CacheMode cache = args.length > 4 ? ulvm.io.CacheMode.of(args[4]) : ulvm.io.CacheMode.WRITEBACK;
        if (cache == null) {
            System.err.println("  Invalid argument for --cache: " + args[4]);
            System.exit(3);
        }
        System.err.println("ulvm daemon: PV images opened with cache=" + cache.word());
        NbdSettings nbd = args.length > 5 ? NbdSettings.fromWords(List.of(args).subList(5, args.length)) : NbdSettings.NONE;
        Daemon d = new Daemon(sys, mnt, session, Wiring.of(cache), nbd);
        if (Boolean.getBoolean(DEV_LINKS_PROPERTY)) d.devLinks();
        int rc = d.run(() -> {
            if (readyFile != null) {
                try {
                    Files.writeString(readyFile, "ready\n");
                } catch (IOException ignored) { }
            }
        });
        System.exit(rc);
    }
}
