package ulvm.fuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Taking a FUSE mount down from its server: umount2(2) as root (fusermount otherwise), lazily when busy, then
 * aborting the connection through fusectl so that workers blocked on a mount kept alive by open files wake up.
 */
public final class KernelUnmount {
    private static final long STOP_TIMEOUT_MS = 5_000;
    private static final System.Logger LOG = System.getLogger("ulvm.fuse");

    private KernelUnmount() {}

    /** Unmounts {@code mountpoint} (st_dev {@code deviceId}, or -1) and waits until {@code stopped} opens. */
    public static void unmount(Path mountpoint, long deviceId, CountDownLatch stopped) {
        try {
            if (!kernelUnmount(mountpoint, false)) {
                kernelUnmount(mountpoint, true);
                if (!stopped.await(100, TimeUnit.MILLISECONDS)) abortConnection(deviceId);
            }
            if (!stopped.await(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.ERROR, "FUSE workers on " + mountpoint + " did not stop; left as is");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Unmounts the kernel mount; true when it is gone. As root through umount2(2), else fusermount. */
    static boolean kernelUnmount(Path mountpoint, boolean lazy) {
        try {
            if (LibC.get().geteuid() == 0) {
                return LibC.get().umount2(mountpoint.toString(), lazy ? LibC.MNT_DETACH : 0) == 0;
            }
            List<String> cmd = new ArrayList<>(List.of("fusermount", "-u", "-q"));
            if (lazy) cmd.add("-z");
            cmd.add(mountpoint.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS) && p.exitValue() == 0;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "unmounting " + mountpoint + ": " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The fusectl directory of the connection behind st_dev {@code dev}. */
    public static Path connection(long dev) {
        long minor = (dev & 0xff) | ((dev >>> 12) & 0xfff00);
        return Path.of("/sys/fs/fuse/connections").resolve(Long.toString(minor));
    }

    /**
     * Aborts the FUSE connection through fusectl, waking workers blocked on a lazily unmounted mount
     * that open files keep alive. As root, mounts fusectl first when it is not mounted.
     */
    static boolean abortConnection(long dev) {
        if (dev < 0) return false;
        Path connections = Path.of("/sys/fs/fuse/connections");
        Path abort = connection(dev).resolve("abort");
        try {
            if (!Files.exists(abort) && Files.isDirectory(connections) && LibC.get().geteuid() == 0) {
                LibC.get().mount("fusectl", connections.toString(), "fusectl", 0, null);
            }
            Files.writeString(abort, "1");
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot abort FUSE connection " + abort + ": " + e);
            return false;
        }
    }

    /** st_dev of the mount point, asked through the mount itself (so it answers only once the session serves). */
    public static long deviceOf(Path mountpoint, long timeoutMs) throws IOException {
        var dev = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return ((Number) Files.getAttribute(mountpoint, "unix:dev")).longValue();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            return dev.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for FUSE mount on " + mountpoint, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("FUSE mount on " + mountpoint + " did not answer: " + e, e);
        }
    }
}
