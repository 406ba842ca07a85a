package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One ulvm system dir with PV images and a mount point under a temporary directory, driven through the real
 * {@code ulvm} launcher, plus the shell tools the mount tests need (losetup, mount, findmnt, fio). Everything the
 * rig attaches or mounts is remembered and undone by {@link #close()}, innermost first, even after failures.
 */
final class MountRig implements AutoCloseable {
    record Result(int rc, String out, String err) {
        /** The non-blank stderr lines. */
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        /** stdout lines, trimmed, blanks collapsed. */
        List<String> lines() { return out.lines().map(l -> l.trim().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList(); }

        Result ok() {
            assertEquals(0, rc, () -> "expected success: " + this);
            return this;
        }

        @Override public String toString() { return "rc=" + rc + "\n--out--\n" + out + "--err--\n" + err; }
    }

    final Path dir;
    final Path sys;
    final Path mnt;
    final List<Path> images = new ArrayList<>();
    /** Extra environment for every ulvm run (and so for the daemon `ulvm mount` starts). */
    final java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
    /** Words `ulvm mount` gets before the mount point (e.g. --session libfuse2). */
    final List<String> mountArgs = new ArrayList<>();
    /** Undo steps, run last-in first-out by close(). */
    private final Deque<Runnable> undo = new ArrayDeque<>();

    MountRig(Path dir) throws IOException {
        this(dir, dir.resolve("sys"), dir.resolve("mnt"));
    }

    MountRig(Path dir, Path sys, Path mnt) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.sys = sys.toAbsolutePath().normalize();
        this.mnt = mnt.toAbsolutePath().normalize();
        Files.createDirectories(this.dir);
        Files.createDirectories(this.mnt);
        // Whatever else happens, the daemon of this system dir goes (first tried politely by the undo of mount()).
        undo.push(this::killDaemonAndClear);
    }

    /** {@code n} sparse images of {@code bytes}, pvcreate'd, in VG {@code vg}. */
    MountRig vg(String vg, int n, long bytes) throws IOException {
        for (int i = 0; i < n; i++) image(bytes);
        List<String> pvs = images.subList(images.size() - n, images.size()).stream().map(Path::toString).toList();
        List<String> a = new ArrayList<>(List.of("pvcreate"));
        a.addAll(pvs);
        ulvm(a.toArray(new String[0])).ok();
        a.set(0, "vgcreate");
        a.add(1, vg);
        ulvm(a.toArray(new String[0])).ok();
        return this;
    }

    /** A new sparse image of {@code bytes} (not a PV yet), one of {@link #images}. */
    Path image(long bytes) throws IOException {
        Path p = dir.resolve("pv" + images.size() + ".img");
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), bytes - 1);
        }
        images.add(p);
        return p;
    }

    /** Runs {@code step} when the rig closes (before what was registered earlier). */
    void onClose(Runnable step) {
        undo.push(step);
    }

    /** Skips unless we can mount FUSE and attach loop devices (root, /dev/fuse, losetup). */
    static void assumeRootWithFuse() {
        ulvm.e2e.Needs.that(Files.exists(Path.of("/dev/fuse")), "no /dev/fuse");
        ulvm.e2e.Needs.that("0".equals(sh("id", "-u").out.trim()), "not root");
        ulvm.e2e.Needs.that(sh("losetup", "--version").rc == 0, "no losetup");
    }

    // ---- ulvm ----

    static Path launcher() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
        Path script = module.getParent().resolve("ulvm");
        if (!Files.isExecutable(script)) throw new IllegalStateException("no ulvm launcher at " + script);
        return script;
    }

    Result ulvm(String... args) {
        return ulvmIn(dir, args);
    }

    /** ulvm run from working directory {@code cwd}. */
    Result ulvmIn(Path cwd, String... args) {
        List<String> cmd = new ArrayList<>(List.of(launcher().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().put("ULVM_SKIP_BUILD", "1");
        pb.environment().put("ULVM_SYSTEM_DIR", sys.toString());
        ulvm.testing.EnvironmentPacing.onClassPathOf(pb.environment()); // the copy pacing the env variables set
        pb.environment().putAll(env);
        return exec(pb, 90);
    }

    /** {@code ulvm mount MNT}, checked with findmnt; undone by {@code ulvm umount}. */
    void mount() {
        List<String> a = new ArrayList<>(List.of("mount"));
        a.addAll(mountArgs);
        a.add(mnt.toString());
        ulvm(a.toArray(new String[0])).ok();
        assertEquals(Optional.of("fuse.ulvm"), fsType(mnt), "findmnt after ulvm mount");
        undo.push(this::umountQuietly);
    }

    /** This rig's `ulvm mount` uses the FUSE session {@code kind} ("kernel" or "libfuse2"). */
    MountRig session(String kind) {
        mountArgs.addAll(List.of("--session", kind));
        return this;
    }

    void umount() {
        ulvm("umount", mnt.toString()).ok();
        assertEquals(Optional.empty(), fsType(mnt), "findmnt after ulvm umount");
    }

    private void umountQuietly() {
        if (fsType(mnt).isPresent()) ulvm("umount", mnt.toString());
    }

    Path lvFile(String vg, String lv) { return mnt.resolve(vg).resolve(lv); }

    Path runDir() { return sys.resolve("run"); }

    long daemonPid() throws IOException {
        return Long.parseLong(Files.readString(runDir().resolve("ulvmd.pid")).lines().findFirst().orElseThrow().trim());
    }

    String daemonLog() {
        try {
            Path log = runDir().resolve("ulvmd.log");
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** kill -9 of the daemon; returns once it is gone (the dead FUSE mount stays until the next mount). */
    void kill9() throws Exception {
        ProcessHandle daemon = ProcessHandle.of(daemonPid()).orElseThrow();
        assertTrue(daemon.destroyForcibly());
        daemon.onExit().get(10, TimeUnit.SECONDS);
    }

    private void killDaemonAndClear() {
        try {
            Path pid = runDir().resolve("ulvmd.pid");
            if (Files.exists(pid)) ProcessHandle.of(daemonPid()).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
            });
        } catch (IOException | RuntimeException ignored) { }
        if (fsType(mnt).filter(t -> t.equals("fuse.ulvm")).isPresent()) sh("umount", "-l", mnt.toString());
    }

    /**
     * Real LVM2's {@code lvs} on read-only loop devices over this rig's PV images (activation disabled), each line
     * trimmed; {@code fields} as for {@code -o}.
     */
    List<String> realLvs(String vg, String fields) {
        ulvm.e2e.RealLvm.Result r = ulvm.e2e.RealLvm.run(images, "lvs", "--noheadings", "-o", fields, vg);
        assertEquals(0, r.rc(), () -> "real lvs: " + r);
        return r.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
    }

    /** ulvm's {@code lvs --noheadings -o FIELDS VG}, each line trimmed. */
    List<String> lvs(String vg, String fields) {
        return ulvm("lvs", "--noheadings", "-o", fields, vg).ok().out.lines().map(l -> l.trim().replaceAll("\\s+", " "))
                .filter(l -> !l.isEmpty()).toList();
    }

    // ---- loop devices and ext4 ----

    /** Attaches a loop device (extra losetup options first); detached again by close(). */
    String losetup(Path file, String... opts) {
        List<String> c = new ArrayList<>(List.of("losetup", "-f", "--show"));
        c.addAll(List.of(opts));
        c.add(file.toString());
        String dev = sh(c.toArray(new String[0])).ok().out.trim();
        assertTrue(dev.startsWith("/dev/loop"), dev);
        undo.push(() -> detach(dev));
        return dev;
    }

    /** Detaches now (the later undo finds nothing to do). */
    void detach(String dev) {
        if (backingFile(dev).isPresent()) sh("losetup", "-d", dev);
        // losetup -d is asynchronous for a busy device: wait until the kernel lets go
        long deadline = System.currentTimeMillis() + 10_000;
        while (backingFile(dev).isPresent() && System.currentTimeMillis() < deadline) sleep(20);
    }

    static Optional<String> backingFile(String dev) {
        Path f = Path.of("/sys/block", Path.of(dev).getFileName().toString(), "loop", "backing_file");
        try {
            return Files.exists(f) ? Optional.of(Files.readString(f).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static long blockDevSize(String dev) {
        return Long.parseLong(sh("blockdev", "--getsize64", dev).ok().out.trim());
    }

    /** Mounts a block device (mkdir'ing the dir), checked with findmnt; unmounted by close(). */
    Path mountExt4(String dev, Path at) throws IOException {
        Files.createDirectories(at);
        sh("mount", "-t", "ext4", dev, at.toString()).ok();
        assertEquals(Optional.of("ext4"), fsType(at), "findmnt after mount " + dev);
        undo.push(() -> {
            if (fsType(at).isPresent()) sh("umount", at.toString());
        });
        return at;
    }

    static void umountExt4(Path at) {
        sh("umount", at.toString()).ok();
        assertEquals(Optional.empty(), fsType(at));
    }

    /** The file system type mounted exactly at {@code dir}, per findmnt. */
    static Optional<String> fsType(Path dir) {
        Result r = sh("findmnt", "-n", "-o", "FSTYPE", "--mountpoint", dir.toString());
        String t = r.out.lines().findFirst().orElse("").trim();
        return r.rc == 0 && !t.isEmpty() ? Optional.of(t) : Optional.empty();
    }

    static void dropCaches() {
        sh("sync").ok();
        try {
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    // ---- processes ----

    static Result sh(String... command) {
        return exec(new ProcessBuilder(command), 120);
    }

    static Result exec(ProcessBuilder pb, int timeoutSeconds) {
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LVM_SUPPRESS_FD_WARNINGS", "1");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + pb.command());
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String slurp(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
