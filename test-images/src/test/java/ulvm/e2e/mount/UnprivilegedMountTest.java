package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.e2e.Needs;

/**
 * An unprivileged user mounts through the libfuse 2 session: `ulvm mount` as a user who may not mount(2) picks
 * libfuse 2 by itself, whose fusermount (setuid root) does the mount. The user owns the PV images, the system dir
 * and the mount point, and runs pvcreate, vgcreate, lvcreate, mount, writes and reads the LV file, and umount.
 *
 * <p>Where the machine allows it: fusermount must be on the PATH and setuid, and the user must be able to open
 * /dev/fuse. Distributions make /dev/fuse mode 0666; a container may have it 0600, so everything runs in a private
 * mount namespace (unshare -m) where a node of the same device, mode 0666, is bound over /dev/fuse: the host's
 * /dev/fuse and mount table are left alone, and the mount vanishes with the namespace whatever happens.
 */
class UnprivilegedMountTest {
    private static final String USER = "ulvmtest";

    @Test
    void userMountsThroughFusermount(@TempDir Path tmp) throws Exception {
        Needs.that(Files.exists(Path.of("/dev/fuse")), "no /dev/fuse");
        Needs.that("0".equals(MountRig.sh("id", "-u").out().trim()), "not root (the test makes a user)");
        Needs.that(MountRig.sh("sh", "-c", "ldconfig -p | grep -q 'libfuse.so.2 '").rc() == 0, "libfuse.so.2 is not installed");
        Needs.that(MountRig.sh("sh", "-c", "test -u \"$(command -v fusermount)\"").rc() == 0, "no setuid fusermount on the PATH (fuse3 provides it)");
        Needs.that(MountRig.sh("sh", "-c", "command -v unshare && command -v nsenter && command -v setpriv").rc() == 0, "no unshare, nsenter or setpriv");
        if (MountRig.sh("getent", "passwd", USER).rc() != 0) {
            Needs.that(MountRig.sh("useradd", "-r", "-M", "-s", "/usr/sbin/nologin", USER).rc() == 0, "cannot create the user " + USER);
        }
        int uid = Integer.parseInt(MountRig.sh("id", "-u", USER).ok().out().trim());

        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path launcher = copyLauncher(tmp.resolve("app"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path sys = home.resolve("sys");
        Path mnt = Files.createDirectories(home.resolve("mnt"));
        Path pv = home.resolve("pv0.img");
        Path data = home.resolve("data");
        byte[] bytes = new byte[1 << 20];
        new Random(15).nextBytes(bytes);
        Files.write(data, bytes);
        MountRig.sh("truncate", "-s", "32M", pv.toString()).ok();
        MountRig.sh("chown", "-R", USER + ":", home.toString()).ok();

        try (Namespace ns = Namespace.start(tmp.resolve("dev"))) {
            Needs.that(ns.asUser(home, "test", "-r", "/dev/fuse", "-a", "-w", "/dev/fuse").rc() == 0, "/dev/fuse is not usable by " + USER);
            List<String> ulvm = List.of("env", "ULVM_SKIP_BUILD=1", "ULVM_SYSTEM_DIR=" + sys, launcher.toString());
            ns.asUser(home, concat(ulvm, "pvcreate", pv.toString())).ok();
            ns.asUser(home, concat(ulvm, "vgcreate", "vg", pv.toString())).ok();
            ns.asUser(home, concat(ulvm, "lvcreate", "-L", "8M", "-n", "lv", "vg")).ok();
            MountRig.Result noLoops = ns.asUser(home, concat(ulvm, "mount", "--dev-links", mnt.toString())); // losetup needs root
            assertEquals(5, noLoops.rc(), noLoops::toString);
            assertEquals(List.of("  --dev-links needs root (losetup attaches the loop devices)."), noLoops.errLines());
            ns.asUser(home, concat(ulvm, "mount", mnt.toString())).ok();
            long daemon = Long.parseLong(Files.readString(sys.resolve("run/ulvmd.pid")).lines().findFirst().orElseThrow().trim());
            ns.onClose(() -> ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroyForcibly));

            String log = Files.readString(sys.resolve("run/ulvmd.log"));
            assertTrue(log.contains("serving " + mnt + " with the libfuse2 session"), log);
            assertFalse(log.contains("kernel session"), log);
            String mount = ns.run("findmnt", "-n", "-o", "FSTYPE,OPTIONS", "--mountpoint", mnt.toString()).ok().out().trim();
            assertTrue(mount.startsWith("fuse.ulvm ") && mount.contains("user_id=" + uid + ","), mount);
            assertEquals(uid, ((Number) Files.getAttribute(sys.resolve("run/ulvmd.pid"), "unix:uid")).intValue(), "the daemon's files are the user's");
            assertEquals(uid, Integer.parseInt(ns.run("stat", "-c", "%u", "/proc/" + daemon).ok().out().trim()), "the daemon runs as the user");

            Path lv = mnt.resolve("vg/lv");
            ns.asUser(home, "dd", "if=" + data, "of=" + lv, "bs=64k", "conv=notrunc,fsync", "status=none").ok();
            ns.asUser(home, "cmp", "-n", String.valueOf(bytes.length), data.toString(), lv.toString()).ok();
            assertEquals(uid + " 8388608", ns.asUser(home, "stat", "-c", "%u %s", lv.toString()).ok().out().trim());

            ns.asUser(home, concat(ulvm, "umount", mnt.toString())).ok();
            assertEquals("", ns.run("findmnt", "-n", "--mountpoint", mnt.toString()).out().trim(), "unmounted");
            ProcessHandle.of(daemon).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
            assertTrue(ProcessHandle.of(daemon).isEmpty(), "the daemon exited");
            byte[] onPv = new byte[bytes.length];
            assertTrue(containsAt(pv, bytes, onPv), "the data is in the PV image");
        }
    }

    /** Whether {@code bytes} sit somewhere in {@code pv} at a 1 MiB boundary (the LV's first extent). */
    private static boolean containsAt(Path pv, byte[] bytes, byte[] buf) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(pv)) {
            for (long at = 0; at + bytes.length <= ch.size(); at += 1 << 20) {
                var b = java.nio.ByteBuffer.wrap(buf);
                while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) { }
                if (java.util.Arrays.equals(buf, bytes)) return true;
            }
        }
        return false;
    }

    /** The launcher and the built jars in a directory every user can read (the checkout may be private). */
    private static Path copyLauncher(Path app) throws IOException {
        Path script = MountRig.launcher();
        Path target = script.getParent().resolve("fuse-mount/target");
        Files.createDirectories(app.resolve("fuse-mount/target"));
        MountRig.sh("cp", "-r", target.resolve("lib").toString(), app.resolve("fuse-mount/target").toString()).ok();
        MountRig.sh("sh", "-c", "cp \"$1\"/ulvm-fuse-mount-*.jar \"$2\"", "sh", target.toString(), app.resolve("fuse-mount/target").toString()).ok();
        Files.copy(script, app.resolve("ulvm"));
        MountRig.sh("chmod", "-R", "a+rX", app.toString()).ok();
        return app.resolve("ulvm");
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(new String[0]);
    }

    /**
     * A private mount namespace held by a sleeping process; commands enter it with nsenter. Closing kills the
     * holder (and what {@link #onClose} names), and the namespace with its mounts goes with the last of them.
     */
    private static final class Namespace implements AutoCloseable {
        private final Process holder;
        private final List<Runnable> undo = new ArrayList<>();

        private Namespace(Process holder) {
            this.holder = holder;
        }

        /** Binds a mode 0666 node of /dev/fuse's device (made on a tmpfs at {@code dev}) over /dev/fuse, unless others may already use it. */
        static Namespace start(Path dev) throws IOException {
            Files.createDirectories(dev);
            String setup = "set -e; if [ \"$(stat -c %a /dev/fuse)\" != 666 ]; then"
                    + " mount -t tmpfs -o size=64k,mode=755 ulvmtest \"$1\"; mknod -m 666 \"$1/fuse\" c $(stat -c '0x%t 0x%T' /dev/fuse); mount --bind \"$1/fuse\" /dev/fuse; fi;"
                    + " echo ready; exec sleep 600";
            Process p = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c", setup, "sh", dev.toString())
                    .redirectErrorStream(true).start();
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (!"ready".equals(line)) {
                p.destroyForcibly();
                Needs.that(false, "cannot make a private mount namespace with a usable /dev/fuse: " + line);
            }
            return new Namespace(p);
        }

        void onClose(Runnable step) {
            undo.add(step);
        }

        MountRig.Result run(String... command) {
            List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", String.valueOf(holder.pid()), "-m", "--"));
            cmd.addAll(List.of(command));
            return MountRig.exec(new ProcessBuilder(cmd), 90);
        }

        MountRig.Result asUser(Path cwd, String... command) {
            List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups",
                    "sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", cwd.toString()));
            cmd.addAll(List.of(command));
            return run(cmd.toArray(new String[0]));
        }

        @Override
        public void close() {
            for (Runnable r : undo) r.run();
            holder.destroyForcibly();
            try {
                holder.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
