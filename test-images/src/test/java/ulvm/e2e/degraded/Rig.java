package ulvm.e2e.degraded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * PV images, a system dir and a mount point under one directory, driven through the real {@code ulvm} launcher;
 * {@link #close()} stops the daemon and unmounts whatever is left.
 */
final class Rig implements AutoCloseable {
    record Result(int rc, String out, String err) {
        Result ok() {
            assertEquals(0, rc, () -> "expected success: " + this);
            return this;
        }

        /** stdout lines, trimmed, blanks collapsed. */
        List<String> lines() { return out.lines().map(l -> l.trim().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList(); }

        @Override public String toString() { return "rc=" + rc + "\n--out--\n" + out + "--err--\n" + err; }
    }

    final Path dir, sys, mnt;
    final List<Path> images = new ArrayList<>();

    Rig(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.sys = this.dir.resolve("sys");
        this.mnt = Files.createDirectories(this.dir.resolve("mnt"));
    }

    static void assumeRootWithFuse() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")), "no /dev/fuse");
        org.junit.jupiter.api.Assumptions.assumeTrue("0".equals(exec(new ProcessBuilder("id", "-u"), 10).out.trim()), "not root");
    }

    /** {@code n} sparse images of {@code bytes} in VG {@code vg}. */
    Rig vg(String vg, int n, long bytes) throws IOException {
        List<String> args = new ArrayList<>(List.of("vgcreate", vg));
        for (int i = 0; i < n; i++) {
            Path p = dir.resolve("pv" + images.size() + ".img");
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate(1), bytes - 1);
            }
            images.add(p);
            args.add(p.toString());
        }
        List<String> pv = new ArrayList<>(args.subList(2, args.size()));
        pv.add(0, "pvcreate");
        ulvm(pv.toArray(new String[0])).ok();
        ulvm(args.toArray(new String[0])).ok();
        return this;
    }

    Result ulvm(String... args) {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>(List.of(module.getParent().resolve("ulvm").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("ULVM_SKIP_BUILD", "1");
        pb.environment().put("ULVM_SYSTEM_DIR", sys.toString());
        return exec(pb, 90);
    }

    void mount() { ulvm("mount", mnt.toString()).ok(); }

    void umount() { ulvm("umount", mnt.toString()).ok(); }

    Path lvFile(String vg, String lv) { return mnt.resolve(vg).resolve(lv); }

    String daemonLog() {
        try {
            Path log = sys.resolve("run").resolve("ulvmd.log");
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (exec(new ProcessBuilder("findmnt", "-n", "--mountpoint", mnt.toString()), 10).rc == 0) ulvm("umount", mnt.toString());
        Path pid = sys.resolve("run").resolve("ulvmd.pid");
        try {
            if (Files.exists(pid)) {
                long id = Long.parseLong(Files.readString(pid).lines().findFirst().orElse("0").trim());
                ProcessHandle.of(id).ifPresent(p -> {
                    p.destroyForcibly();
                    p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
                });
            }
        } catch (IOException | RuntimeException ignored) { }
        if (exec(new ProcessBuilder("findmnt", "-n", "--mountpoint", mnt.toString()), 10).rc == 0)
            exec(new ProcessBuilder("umount", "-l", mnt.toString()), 10);
    }

    static Result exec(ProcessBuilder pb, int timeoutSeconds) {
        pb.environment().put("LC_ALL", "C");
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
