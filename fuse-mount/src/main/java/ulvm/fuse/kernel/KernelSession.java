package ulvm.fuse.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.byref.IntByReference;
import ulvm.fuse.Errno;
import ulvm.fuse.FuseSession;
import ulvm.fuse.KernelUnmount;
import ulvm.fuse.VolumeFiles;

/**
 * A FUSE session of our own over /dev/fuse: mount(2) of type fuse.ulvm, INIT with 1 MiB requests (MAX_PAGES),
 * async direct I/O and parallel direct writes, and worker threads that each read requests from their own clone
 * of the session's fd and answer on it. Ends when the kernel says ENODEV (umount, fusermount -u, an aborted
 * connection). Needs the right to mount (root); see {@link NotPermittedException}.
 */
public final class KernelSession implements FuseSession {
    /** /dev/fuse or mount(2) refused (EACCES, EPERM): not root, so libfuse's fusermount must mount instead. */
    public static final class NotPermittedException extends IOException {
        NotPermittedException(String message) {
            super(message);
        }
    }

    /** How long the kernel may keep entries and attributes: changes are invalidated by notifications. */
    public static final long VALID_MS = 1000;
    private static final long READY_TIMEOUT_MS = 10_000;
    private static final Path MAX_PAGES_LIMIT = Path.of("/proc/sys/fs/fuse/max_pages_limit");
    private static final System.Logger LOG = System.getLogger("ulvm.fuse");

    private final VolumeFiles files;
    private final Path mountpoint;
    private final int fd;
    private final long validMs;
    private final int maxPages;
    private final Inodes inodes = new Inodes();
    private final RequestStats stats = new RequestStats();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final List<Integer> fds = new ArrayList<>();
    private final Notifier notifier;
    private volatile Negotiated negotiated;
    private volatile long deviceId = -1;

    private KernelSession(VolumeFiles files, Path mountpoint, int fd, int maxPages, long validMs) {
        this.files = files;
        this.mountpoint = mountpoint;
        this.fd = fd;
        this.maxPages = maxPages;
        this.validMs = validMs;
        this.notifier = new Notifier(inodes, fd);
    }

    /**
     * Mounts {@code files} on {@code mountpoint} and serves it with {@code threads} workers; returns once the
     * mount answers a stat. Entries and attributes are cached {@link #VALID_MS}, volume tree changes invalidated.
     */
    public static KernelSession mount(VolumeFiles files, Path mountpoint, int threads) throws IOException {
        return mount(files, mountpoint, threads, VALID_MS);
    }

    public static KernelSession mount(VolumeFiles files, Path mountpoint, int threads, long validMs) throws IOException {
        if (threads < 1) throw new IllegalArgumentException("threads < 1: " + threads);
        Path dir = mountpoint.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) throw new IOException("mount point is not a directory: " + dir);
        if (!Files.exists(Path.of("/dev/fuse"))) throw new IOException("FUSE unavailable: /dev/fuse does not exist (modprobe fuse)");
        Sys sys = Sys.get();
        int fd = sys.open("/dev/fuse", Sys.O_RDWR | Sys.O_CLOEXEC);
        if (fd < 0) {
            int e = Sys.errno();
            String why = "cannot open /dev/fuse: " + sys.strerror(e);
            throw e == Errno.EPERM || e == Errno.EACCES ? new NotPermittedException(why) : new IOException(why);
        }
        int pages = maxPagesLimit();
        String data = "fd=" + fd + ",rootmode=40000,user_id=" + sys.geteuid() + ",group_id=" + sys.getegid()
                + ",max_read=" + pages * 4096;
        if (sys.mount("ulvm", dir.toString(), "fuse.ulvm", Sys.MS_NOSUID | Sys.MS_NODEV, data) != 0) {
            int e = Sys.errno();
            sys.close(fd);
            String why = "cannot mount FUSE on " + dir + ": " + sys.strerror(e);
            throw e == Errno.EPERM ? new NotPermittedException(why) : new IOException(why);
        }
        KernelSession s = new KernelSession(files, dir, fd, pages, validMs);
        files.tree().watch(s.notifier::changed);
        s.start(threads);
        try {
            s.deviceId = KernelUnmount.deviceOf(dir, READY_TIMEOUT_MS);
        } catch (IOException e) {
            s.unmount();
            throw e;
        }
        return s;
    }

    /**
     * A session that is not mounted: its dispatchers answer requests read from {@code fd} (any fd that keeps message
     * boundaries, e.g. a SOCK_SEQPACKET socket), for protocol tests.
     */
    static KernelSession unmounted(VolumeFiles files, int fd) {
        return new KernelSession(files, Path.of("/nonexistent"), fd, 32, VALID_MS);
    }

    /** The kernel's limit of pages per request (256 = 1 MiB here), 32 when it does not say. */
    public static int maxPagesLimit() {
        try {
            // not Files.readString: procfs files report size 0 and it then reads one byte short
            try (var in = Files.newInputStream(MAX_PAGES_LIMIT)) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
                return Math.max(1, Math.min(65535, Integer.parseInt(text)));
            }
        } catch (IOException | RuntimeException e) {
            return 32;
        }
    }

    VolumeFiles files() {
        return files;
    }

    Inodes inodes() {
        return inodes;
    }

    RequestStats stats() {
        return stats;
    }

    long validMs() {
        return validMs;
    }

    /** What INIT settled, or null before it. */
    public Negotiated negotiated() {
        return negotiated;
    }

    /** Answers the kernel's INIT; logs what was agreed. */
    Negotiated negotiate(int major, int minor, int maxReadahead, int flags) {
        Negotiated n = Negotiated.answer(minor, maxReadahead, flags, maxPages);
        negotiated = n;
        LOG.log(System.Logger.Level.DEBUG, () -> "FUSE INIT: kernel " + major + "." + minor + ", agreed " + n);
        return n;
    }

    /** Read and write requests by size so far, and the most served at once (e.g. "writes 1M:40; at most 3 at once"). */
    public String requestStats() {
        return stats.summary();
    }

    /** How many requests of {@code opcode} (fuse.h's enum fuse_opcode) were answered ENOSYS so far. */
    public long notImplemented(int opcode) {
        return stats.notImplementedCount(opcode);
    }

    /** The most READs and WRITEs served at the same time so far. */
    public int mostInFlight() {
        return stats.mostInFlight();
    }

    @Override
    public Path mountpoint() {
        return mountpoint;
    }

    @Override
    public boolean isMounted() {
        return stopped.getCount() > 0;
    }

    @Override
    public void awaitUnmounted() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void unmount() {
        if (!isMounted()) return;
        KernelUnmount.unmount(mountpoint, deviceId, stopped);
    }

    @Override
    public void awaitNotified() {
        notifier.await(2_000);
    }

    private void start(int threads) throws IOException {
        fds.add(fd);
        try {
            for (int i = 1; i < threads; i++) fds.add(cloneFd());
        } catch (IOException e) {
            ulvm.fuse.LibC.get().umount2(mountpoint.toString(), ulvm.fuse.LibC.MNT_DETACH);
            for (int f : fds) Sys.get().close(f);
            notifier.stop();
            throw e;
        }
        running.set(threads);
        for (int i = 0; i < threads; i++) {
            Dispatcher d = new Dispatcher(this, fds.get(i), maxPages * 4096);
            Thread t = new Thread(() -> serve(d), "ulvm-fuse-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    /** A fresh /dev/fuse fd attached to this session (FUSE_DEV_IOC_CLONE): requests read on it are answered on it. */
    private int cloneFd() throws IOException {
        Sys sys = Sys.get();
        int c = sys.open("/dev/fuse", Sys.O_RDWR | Sys.O_CLOEXEC);
        if (c < 0) throw new IOException("cannot open /dev/fuse: " + sys.strerror(Sys.errno()));
        if (sys.ioctl(c, FuseAbi.DEV_IOC_CLONE, new IntByReference(fd)) != 0) {
            int e = Sys.errno();
            sys.close(c);
            throw new IOException("cannot clone the FUSE session's fd: " + sys.strerror(e));
        }
        return c;
    }

    /** One worker: receive, answer, repeat until the kernel ends the session. */
    private void serve(Dispatcher d) {
        try {
            while (true) {
                long n = d.receive();
                if (n >= 0) {
                    d.handle((int) n);
                    continue;
                }
                int e = (int) -n;
                if (e == Errno.EINTR || e == Errno.EAGAIN || e == Errno.ENOENT) continue; // ENOENT: an interrupted request
                if (e != Errno.ENODEV) LOG.log(System.Logger.Level.ERROR, "reading /dev/fuse for " + mountpoint + ": errno " + e);
                break;
            }
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "FUSE worker on " + mountpoint + " failed: " + t);
        } finally {
            if (running.decrementAndGet() == 0) finish();
        }
    }

    /** After the last worker: closes the fds, logs the request sizes seen, lets waiters go. */
    private void finish() {
        notifier.stop();
        for (int f : fds) Sys.get().close(f);
        System.err.println("ulvm fuse: session on " + mountpoint + " ended; requests: " + stats.summary());
        stopped.countDown();
    }
}
