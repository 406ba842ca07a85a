package ulvm.fuse.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.fuse.FuseUnavailableException;
import ulvm.fuse.LibFuse2;

@Command(name = "mount", description = "Mount the active LVs as files MOUNTPOINT/VG/LV (a daemon; -f stays in the foreground).")
public final class MountCommand extends DaemonCommand {
    @Parameters(index = "0", paramLabel = "MOUNTPOINT") Path mountpoint;
    @Option(names = {"-f", "--foreground"}) boolean foreground;
    /** Which FUSE session serves the mount: ours over /dev/fuse (the default as root) or libfuse 2's. */
    enum SessionKind { kernel, libfuse2 }
    @Option(names = "--session", paramLabel = "kernel|libfuse2", description = "The FUSE session: kernel (our own over /dev/fuse, the default as root) or libfuse2 (the default when mount(2) is not permitted).")
    String sessionWord;
    private SessionKind session;
    /** How the daemon opens the PV images, as qemu's cache=: writeback (buffered, the default) or none (O_DIRECT). */
    @Option(names = "--cache", paramLabel = "writeback|none", description = "PV images buffered (writeback, the default) or opened with O_DIRECT (none).")
    String cache;
    @Option(names = "--dev-links", description = "Give each active LV a loop device and the links $ULVM_DEV_DIR/VG/LV and $ULVM_DEV_DIR/mapper/VG-LV (default /dev; needs root); lvm.conf's devices/dev_links = 1 does the same.")
    boolean devLinks;

    /** Serve the active LVs over NBD there too (repeatable). */
    @Option(names = "--nbd", paramLabel = "unix:PATH|tcp:ADDR:PORT", description = "Also serve each active LV over NBD as export VG/LV, on a unix socket (0600) or TCP (TLS, or --nbd-insecure); repeatable.")
    List<String> nbd = new ArrayList<>();
    @Option(names = "--nbd-tls-creds", paramLabel = "DIR", description = "NBD over TLS with DIR's ca-cert.pem, server-cert.pem and server-key.pem (qemu's layout).")
    Path nbdTlsCreds;
    @Option(names = "--nbd-tls-verify-peer", description = "Require NBD clients to present a certificate signed by the CA of --nbd-tls-creds.")
    boolean nbdTlsVerifyPeer;
    @Option(names = "--nbd-insecure", description = "Allow NBD over plain TCP (no TLS).")
    boolean nbdInsecure;

    /** The --cache mode asked for; a word other than writeback or none is a bad command line. */
    private ulvm.io.CacheMode cacheMode() throws LvmException {
        if (cache == null) return ulvm.io.CacheMode.WRITEBACK;
        ulvm.io.CacheMode m = ulvm.io.CacheMode.of(cache);
        if (m == null) throw LvmException.invalid("Invalid argument for --cache: " + cache);
        return m;
    }

    /** The --session asked for, or null; a word other than kernel or libfuse2 is a bad command line. */
    private SessionKind sessionKind() throws LvmException {
        if (sessionWord == null) return null;
        for (SessionKind k : SessionKind.values()) if (k.name().equals(sessionWord)) return k;
        throw LvmException.invalid("Invalid argument for --session: " + sessionWord);
    }

    @Override
    protected void act() throws LvmException {
        // lvm.conf (and --config) as every command takes it: a setting ulvm does not honour is refused here too
        ulvm.config.LvmConfig cfg = ulvm.config.LvmConfig.load(sys().root(), common.config, commandProfile());
        if (cfg.flag("devices/dev_links", false)) devLinks = true; // ulvm's own setting: as --dev-links
        session = sessionKind();
        ulvm.io.CacheMode mode = cacheMode();
        ulvm.fuse.nbd.NbdSettings nbdSettings = ulvm.fuse.nbd.NbdSettings.of(nbd, nbdTlsCreds, nbdTlsVerifyPeer, nbdInsecure, cwd());
        Path mnt = mountpoint.toAbsolutePath().normalize();
        DaemonFiles files = new DaemonFiles(sys());
        var running = files.running();
        if (running.isPresent() && !running.get()[1].equals("?") && Mounts.typeAt(Path.of(running.get()[1])).isEmpty())
            running = awaitExit(files); // its mount went from outside: that daemon is stopping (it checkpoints first)
        if (running.isPresent())
            throw new LvmException("A ulvm mount is already running for " + sys().root() + " (pid " + running.get()[0] + ", mounted at " + running.get()[1] + ").");
        var type = Mounts.typeAt(mnt);
        if (type.isPresent()) {
            if (!type.get().equals("fuse.ulvm") || !Mounts.dead(mnt))
                throw new LvmException("Mount point " + mnt + " is already mounted (" + type.get() + ").");
            try {
                Mounts.clearStale(mnt); // left by a daemon that was killed: nothing serves it
            } catch (Exception e) {
                throw new LvmException("Cannot clear the dead mount at " + mnt + ": " + e.getMessage());
            }
        }
        if (!Files.exists(mnt)) throw new LvmException("Mount point " + mnt + " does not exist.");
        if (!Files.isDirectory(mnt)) throw new LvmException("Mount point " + mnt + " is not a directory.");
        try (var d = Files.list(mnt)) {
            if (d.findAny().isPresent()) throw new LvmException("Mount point " + mnt + " is not empty.");
        } catch (java.io.IOException e) {
            throw new LvmException("Cannot read mount point " + mnt + ": " + e.getMessage());
        }
        if (session == SessionKind.libfuse2 || (session == null && !isRoot())) {
            try {
                LibFuse2.require();
            } catch (FuseUnavailableException e) {
                throw new LvmException(e.getMessage());
            }
        } else if (!Files.exists(Path.of("/dev/fuse"))) {
            throw new LvmException("FUSE unavailable: /dev/fuse does not exist (modprobe fuse)");
        }
        if (devLinks && !isRoot()) throw new LvmException("--dev-links needs root (losetup attaches the loop devices).");
        warnInactive();
        if (foreground) {
            Daemon d = new Daemon(sys(), mnt, session == null ? null : session.name(), ulvm.ops.Wiring.of(mode), nbdSettings);
            if (devLinks) d.devLinks();
            int rc = d.run(() -> console().out("  Mounted at " + mnt + "; ulvm commands now run on the live volumes. Ctrl-C or `ulvm umount " + mnt + "` stops."));
            if (rc != 0) throw new LvmException(rc, null);
            return;
        }
        spawn(mnt, files, mode, nbdSettings);
    }

    /** Whether this process may mount(2) itself (effective uid 0). */
    static boolean isRoot() {
        return ulvm.fuse.LibC.get().geteuid() == 0;
    }

    /** The VGs the mount will leave inactive (a foreign system ID, exported, a lock type needing lvmlockd), said here too. */
    private void warnInactive() throws LvmException {
        ulvm.ops.Session s = new ulvm.ops.Session(sys(), null, console(), "mount");
        try (ulvm.store.Scan scan = ulvm.store.Scan.of(s.devices(), false)) {
            for (var vc : scan.vgs().values()) {
                String no = s.refusalLine(vc.vg());
                if (no != null) s.tell(ulvm.live.Activation.inactiveWarning(vc.vg().name(), no));
            }
        }
    }

    /** Waits (30 s at most) for the running daemon to exit; what is still running then. */
    private static java.util.Optional<String[]> awaitExit(DaemonFiles files) throws LvmException {
        long deadline = System.currentTimeMillis() + 30_000;
        var running = files.running();
        while (running.isPresent() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LvmException("Interrupted while waiting for the previous daemon to stop.");
            }
            running = files.running();
        }
        return running;
    }

    private void spawn(Path mnt, DaemonFiles files, ulvm.io.CacheMode mode, ulvm.fuse.nbd.NbdSettings nbdSettings) throws LvmException {
        try {
            Files.createDirectories(sys().runDir());
            Path ready = sys().runDir().resolve("ulvmd.ready");
            Files.deleteIfExists(ready);
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            String opts = System.getenv("ULVM_DAEMON_JAVA_OPTS");
            if (opts != null && !opts.isBlank()) cmd.addAll(List.of(opts.trim().split("\\s+")));
            if (devLinks) cmd.add("-D" + Daemon.DEV_LINKS_PROPERTY + "=true");
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Daemon.class.getName(), sys().root().toString(), mnt.toString(), ready.toString()));
            cmd.add(session == null ? "" : session.name());
            cmd.add(mode.word());
            cmd.addAll(nbdSettings.words());
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
                    .redirectErrorStream(true).start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.exists(ready)) {
                if (!p.isAlive()) {
                    String log = Files.exists(files.log()) ? Files.readString(files.log()) : "";
                    String[] lines = log.strip().split("\n");
                    throw new LvmException("The mount failed: " + lines[lines.length - 1].strip());
                }
                if (System.currentTimeMillis() > deadline) {
                    p.destroy();
                    throw new LvmException("The mount did not become ready within 60 s; see " + files.log() + ".");
                }
                Thread.sleep(20);
            }
            Files.deleteIfExists(ready);
            console().out("  Mounted at " + mnt + " (daemon pid " + p.pid() + ", log " + files.log() + ").");
            console().out("  Each active LV is the file " + mnt + "/VG/LV; `ulvm umount " + mnt + "` stops.");
            if (nbdSettings.serves()) console().out("  Each active LV is also the NBD export VG/LV on " + String.join(", ", nbdSettings.listen()) + ".");
        } catch (java.io.IOException e) {
            throw new LvmException("Cannot start the mount daemon: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LvmException("Interrupted while waiting for the mount.");
        }
    }
}
