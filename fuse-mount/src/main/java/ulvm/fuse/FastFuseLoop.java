package ulvm.fuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;

/**
 * Serves a {@link VolumeFs} with a fixed pool of Java threads that each receive and process FUSE
 * requests themselves ({@code fuse_chan_recv} / {@code fuse_session_process}), instead of libfuse's
 * multithreaded loop whose native threads attach to the JVM on every callback.
 *
 * <p>{@link #mount} returns once the kernel answers a stat of the mount point through this loop.
 * {@link #unmount} unmounts the kernel mount (lazily when busy), waits for the workers and frees
 * libfuse; it is idempotent and safe from a shutdown hook ({@link #unmountOnShutdown}).
 */
public final class FastFuseLoop implements FuseSession {
    /** Kernel request size limits (libfuse 2 caps requests at 128 KiB) and bypassing the page cache. */
    public static final List<String> DEFAULT_OPTIONS =
            List.of("big_writes", "max_write=131072", "max_read=131072", "direct_io", "fsname=ulvm", "subtype=ulvm");

    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final long READY_TIMEOUT_MS = 10_000;
    private static final System.Logger LOG = System.getLogger("ulvm.fuse");

    private final LibFuse2 lib;
    private final VolumeFs fs;
    private final Path mountpoint;
    private final long fuse;
    private final long session;
    private final long channel;
    private final long bufferSize;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object cleanupLock = new Object();
    private boolean cleanedUp;
    private volatile boolean unmounting;
    private volatile long deviceId = -1;

    private FastFuseLoop(LibFuse2 lib, VolumeFs fs, Path mountpoint, long fuse, long channel) {
        this.lib = lib;
        this.fs = fs;
        this.mountpoint = mountpoint;
        this.fuse = fuse;
        this.channel = channel;
        this.session = lib.fuse_get_session(fuse);
        this.bufferSize = lib.fuse_chan_bufsize(channel);
    }

    /**
     * Mounts {@code fs} on {@code mountpoint} with FUSE options ({@code -o} words such as
     * {@link #DEFAULT_OPTIONS}) and serves it with {@code threads} worker threads.
     *
     * @throws FuseUnavailableException when libfuse 2 or /dev/fuse is missing
     * @throws IOException when mounting fails or the mount does not answer
     */
    public static FastFuseLoop mount(VolumeFs fs, Path mountpoint, List<String> options, int threads) throws IOException {
        if (threads < 1) throw new IllegalArgumentException("threads < 1: " + threads);
        LibFuse2 lib = LibFuse2.require();
        Path dir = mountpoint.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) throw new IOException("mount point is not a directory: " + dir);
        long fuse = setup(lib, fs, dir, options);
        long ch = lib.fuse_session_next_chan(lib.fuse_get_session(fuse), 0);
        FastFuseLoop loop = new FastFuseLoop(lib, fs, dir, fuse, ch);
        loop.start(threads);
        loop.awaitReady();
        return loop;
    }

    /**
     * fuse_setup in the foreground ("-f", so it never forks the JVM); its signal handlers are removed
     * again at once (it only installs them where none existed, so the JVM's stay in place).
     */
    private static long setup(LibFuse2 lib, VolumeFs fs, Path dir, List<String> options) throws IOException {
        List<String> argv = new ArrayList<>(List.of("ulvm", "-f", dir.toString()));
        if (!options.isEmpty()) {
            argv.add("-o");
            argv.add(String.join(",", options));
        }
        Runtime rt = Runtime.getSystemRuntime();
        Pointer mountpointOut = Memory.allocateDirect(rt, 8, true);
        Pointer multithreadedOut = Memory.allocateDirect(rt, 4, true);
        var ops = fs.operations();
        long fuse = lib.fuse_setup(argv.size(), argv.toArray(String[]::new), ops, Struct.size(ops),
                mountpointOut, multithreadedOut, null);
        if (fuse == 0) throw new IOException("cannot mount FUSE on " + dir + " with " + options + " (libfuse said why above)");
        try {
            lib.fuse_remove_signal_handlers(lib.fuse_get_session(fuse));
            LibC.get().free(mountpointOut.getAddress(0));
        } catch (RuntimeException | LinkageError e) {
            lib.fuse_unmount(dir.toString(), lib.fuse_session_next_chan(lib.fuse_get_session(fuse), 0));
            lib.fuse_destroy(fuse);
            throw e;
        }
        return fuse;
    }

    @Override
    public Path mountpoint() {
        return mountpoint;
    }

    public VolumeFs fs() {
        return fs;
    }

    /** True until the workers have stopped (after {@link #unmount} or an outside {@code fusermount -u}). */
    @Override
    public boolean isMounted() {
        return stopped.getCount() > 0;
    }

    /** Blocks until the file system is unmounted, by us or from outside. */
    @Override
    public void awaitUnmounted() throws InterruptedException {
        stopped.await();
    }


    /**
     * Unmounts and waits for the workers to stop. When files are still open the mount is detached
     * lazily and its FUSE connection aborted (open files then fail with ENOTCONN), as a forced
     * unmount on shutdown should. Idempotent; returns after logging when the workers do not stop.
     */
    @Override
    public void unmount() {
        if (!isMounted()) return;
        unmounting = true;
        KernelUnmount.unmount(mountpoint, deviceId, stopped);
    }

    private void start(int threads) {
        running.set(threads);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::serve, "ulvm-fuse-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    private void awaitReady() throws IOException {
        try {
            deviceId = KernelUnmount.deviceOf(mountpoint, READY_TIMEOUT_MS);
        } catch (IOException e) {
            unmount();
            throw e;
        }
    }

    /** One worker: receive a request into a private buffer, process it (calling into VolumeFs), repeat. */
    private void serve() {
        Runtime rt = Runtime.getSystemRuntime();
        Pointer buffer = Memory.allocateDirect(rt, bufferSize);
        Pointer channelSlot = Memory.allocateDirect(rt, 8);
        long bufferAddress = buffer.address();
        long slotAddress = channelSlot.address();
        try {
            while (lib.fuse_session_exited(session) == 0) {
                channelSlot.putAddress(0, channel);
                int n = lib.fuse_chan_recv(slotAddress, bufferAddress, bufferSize);
                if (n == -EINTR || n == -EAGAIN) continue;
                if (n <= 0) {
                    if (n < 0 && !unmounting) {
                        LOG.log(System.Logger.Level.ERROR, "reading /dev/fuse for " + mountpoint + ": errno " + -n);
                    }
                    lib.fuse_session_exit(session);
                    break;
                }
                lib.fuse_session_process(session, bufferAddress, n, channelSlot.getAddress(0));
            }
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "FUSE worker on " + mountpoint + " failed: " + t);
            lib.fuse_session_exit(session);
        } finally {
            java.lang.ref.Reference.reachabilityFence(buffer);
            java.lang.ref.Reference.reachabilityFence(channelSlot);
            if (running.decrementAndGet() == 0) {
                cleanup();
                stopped.countDown();
            }
        }
    }

    /** Frees the channel (unmounting lazily if still mounted) and the fuse handle; once, after all workers left. */
    private void cleanup() {
        synchronized (cleanupLock) {
            if (cleanedUp) return;
            cleanedUp = true;
            try {
                lib.fuse_unmount(mountpoint.toString(), channel);
                lib.fuse_destroy(fuse);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, "freeing FUSE mount " + mountpoint + ": " + t);
            }
        }
    }
}
