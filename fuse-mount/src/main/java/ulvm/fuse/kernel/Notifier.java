package ulvm.fuse.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import ulvm.fuse.Errno;
import ulvm.fuse.FsPath;

/**
 * Tells the kernel when a VG or LV appears, goes or changes size, so that cached entries and attributes are
 * dropped: notify_inval_entry for the name in its directory, notify_inval_inode (attributes only) for the node and
 * its directory. Changes are queued and written by one thread of their own, never by the thread making the change:
 * that thread may hold up I/O the kernel waits on while it takes the directory lock an entry invalidation needs.
 * The daemon waits with {@link #await} once a command is done, so a command's changes show when it returns.
 */
final class Notifier {
    private static final System.Logger LOG = System.getLogger("ulvm.fuse");
    private static final FsPath ALL = new FsPath("", "");

    private final Inodes inodes;
    private final int fd;
    private final Sys sys = Sys.get();
    private final LinkedBlockingQueue<FsPath> queue = new LinkedBlockingQueue<>();
    private final ByteBuffer buf = ByteBuffer.allocateDirect(4096).order(ByteOrder.nativeOrder());
    private final long address = Dispatcher.address(buf);
    private final Object lock = new Object();
    private long queued;
    private long done;
    private final Thread thread;

    Notifier(Inodes inodes, int fd) {
        this.inodes = inodes;
        this.fd = fd;
        this.thread = new Thread(this::run, "ulvm-fuse-notify");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code vg} changed (with {@code lv} null: the VG itself; both null: anything). */
    void changed(String vg, String lv) {
        synchronized (lock) {
            queued++;
        }
        queue.add(vg == null ? ALL : new FsPath(vg, lv));
    }

    /** Waits up to {@code ms} until everything queued so far has been written. */
    void await(long ms) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        synchronized (lock) {
            long target = queued;
            try {
                while (done < target) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) return;
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void stop() {
        thread.interrupt();
    }

    private void run() {
        try {
            while (true) {
                FsPath p = queue.take();
                try {
                    if (p == ALL) {
                        for (FsPath known : inodes.all()) invalidate(known);
                    } else {
                        invalidate(p);
                    }
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "FUSE notification for " + p + " failed: " + e);
                }
                synchronized (lock) {
                    done++;
                    lock.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }

    /** Drops the kernel's entry of {@code p} and the attributes of it and its directory, where the kernel has them. */
    private void invalidate(FsPath p) {
        if (p.isRoot()) {
            send(Replies.invalInode(buf, 0, FuseAbi.ROOT_ID, -1, 0));
            return;
        }
        FsPath parent = p.isLv() ? new FsPath(p.vg(), null) : FsPath.ROOT;
        long dir = inodes.known(parent);
        long node = inodes.known(p);
        if (node != 0) {
            send(Replies.invalInode(buf, 0, node, -1, 0));
            if (dir != 0) send(Replies.invalEntry(buf, 0, dir, p.isLv() ? p.lv() : p.vg()));
        }
        if (dir != 0) send(Replies.invalInode(buf, 0, dir, -1, 0));
    }

    private void send(int len) {
        if (sys.write(fd, address, len) < 0) {
            int e = Sys.errno();
            // ENOENT: the kernel holds no such node or entry; ENODEV: the connection ended
            if (e != Errno.ENOENT && e != Errno.ENODEV) LOG.log(System.Logger.Level.WARNING, "FUSE notification failed: errno " + e);
        }
    }
}
