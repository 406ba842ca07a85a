package ulvm.fuse;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.SortedMap;
import jnr.ffi.Pointer;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;
import ulvm.io.Volume;

/**
 * The FUSE file system over a {@link VolumeTree}: the root lists VG directories, each VG directory
 * lists its LVs as regular files of the LV's size. Every callback reads the tree afresh, answers
 * errors as negative errno and never lets an exception reach native code.
 */
public class VolumeFs extends FuseStubFS {
    private static final int O_ACCMODE = 3;
    private static final int BLOCK = 4096;
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int FALLOC_FL_PUNCH_HOLE = 2;
    private static final int FALLOC_FL_ZERO_RANGE = 0x10;
    /** System property choosing how request buffers reach volumes: "zerocopy" (default when possible) or "copy". */
    public static final String BUFFERS_PROPERTY = "ulvm.fuse.buffers";

    private final VolumeTree tree;
    private final OpenFiles openFiles = new OpenFiles();
    private final boolean zeroCopy;
    private final long mountedAtSeconds = System.currentTimeMillis() / 1000;
    private final ThreadLocal<byte[]> copyBuffers = ThreadLocal.withInitial(() -> new byte[128 * 1024]);

    public VolumeFs(VolumeTree tree) {
        this(LibFuse2.require(), tree);
    }

    private VolumeFs(LibFuse2 checked, VolumeTree tree) {
        this.tree = tree;
        this.zeroCopy = NativeView.available() && !"copy".equals(System.getProperty(BUFFERS_PROPERTY));
    }

    public VolumeTree tree() {
        return tree;
    }

    /** True while the kernel holds at least one open file handle on the LV (lvremove must refuse). */
    public boolean isOpen(String vg, String lv) {
        return openFiles.count(vg, lv) > 0;
    }

    public int openCount(String vg, String lv) {
        return openFiles.count(vg, lv);
    }

    /** Whether reads and writes hand volumes a view of the FUSE buffer instead of a copy. */
    public boolean zeroCopy() {
        return zeroCopy;
    }

    ru.serce.jnrfuse.struct.FuseOperations operations() {
        return fuseOperations;
    }

    @Override
    public int getattr(String path, FileStat stat) {
        try {
            FsPath p = FsPath.parse(path);
            if (p == null) return -Errno.ENOENT;
            FileOwner owner = tree.owner();
            stat.st_uid.set(owner.uid());
            stat.st_gid.set(owner.gid());
            for (var t : new ru.serce.jnrfuse.struct.Timespec[] {stat.st_atim, stat.st_mtim, stat.st_ctim}) {
                t.tv_sec.set(mountedAtSeconds);
                t.tv_nsec.set(0);
            }
            stat.st_blksize.set(BLOCK);
            if (p.isRoot()) {
                stat.st_mode.set(FileStat.S_IFDIR | 0755);
                stat.st_nlink.set(2 + tree.snapshot().size());
                return 0;
            }
            if (p.isVg()) {
                if (!tree.hasVg(p.vg())) return -Errno.ENOENT;
                stat.st_mode.set(FileStat.S_IFDIR | 0755);
                stat.st_nlink.set(2);
                return 0;
            }
            Volume v = tree.volume(p.vg(), p.lv());
            if (v == null) return -Errno.ENOENT;
            long size = v.size();
            stat.st_mode.set(FileStat.S_IFREG | owner.modeFor(v.readOnly()));
            stat.st_nlink.set(1);
            stat.st_size.set(size);
            stat.st_blocks.set((size + 511) / 512);
            return 0;
        } catch (Throwable t) {
            return fail("getattr", path, t);
        }
    }

    @Override
    public int readdir(String path, Pointer buf, FuseFillDir filler, long offset, FuseFileInfo fi) {
        try {
            FsPath p = FsPath.parse(path);
            if (p == null) return -Errno.ENOENT;
            if (p.isLv()) return -Errno.ENOTDIR;
            Iterable<String> names;
            if (p.isRoot()) {
                names = tree.snapshot().keySet();
            } else {
                SortedMap<String, Volume> lvs = tree.snapshot().get(p.vg());
                if (lvs == null) return -Errno.ENOENT;
                names = lvs.keySet();
            }
            filler.apply(buf, ".", null, 0);
            filler.apply(buf, "..", null, 0);
            for (String name : names) {
                if (filler.apply(buf, name, null, 0) != 0) break;
            }
            return 0;
        } catch (Throwable t) {
            return fail("readdir", path, t);
        }
    }

    @Override
    public int open(String path, FuseFileInfo fi) {
        try {
            FsPath p = FsPath.parse(path);
            if (p == null) return -Errno.ENOENT;
            if (!p.isLv()) return p.isRoot() || tree.hasVg(p.vg()) ? -Errno.EISDIR : -Errno.ENOENT;
            Volume v = tree.volume(p.vg(), p.lv());
            if (v == null) return -Errno.ENOENT;
            boolean writable = (fi.flags.get() & O_ACCMODE) != 0;
            if (writable && v.readOnly()) return -Errno.EACCES;
            fi.fh.set(openFiles.open(p.vg(), p.lv(), writable));
            return 0;
        } catch (Throwable t) {
            return fail("open", path, t);
        }
    }

    @Override
    public int read(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        try {
            Volume v = volumeOf(fi);
            if (v == null) return -Errno.EBADF;
            long volumeSize = v.size();
            if (offset >= volumeSize || size <= 0) return 0;
            int n = (int) Math.min(size, volumeSize - offset);
            if (zeroCopy) {
                return v.read(offset, NativeView.of(buf.address(), n));
            }
            byte[] copy = copyBuffer(n);
            int got = v.read(offset, ByteBuffer.wrap(copy, 0, n));
            if (got > 0) buf.put(0, copy, 0, got);
            return got;
        } catch (Throwable t) {
            return fail("read", path, t);
        }
    }

    @Override
    public int write(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        try {
            OpenFiles.Handle h = openFiles.get(fi.fh.get());
            if (h == null) return -Errno.EBADF;
            Volume v = tree.volume(h.vg(), h.lv());
            if (v == null) return -Errno.EBADF;
            if (v.readOnly()) return -Errno.EROFS;
            int n = (int) size;
            if (zeroCopy) {
                v.write(offset, NativeView.of(buf.address(), n));
            } else {
                byte[] copy = copyBuffer(n);
                buf.get(0, copy, 0, n);
                v.write(offset, ByteBuffer.wrap(copy, 0, n));
            }
            return n;
        } catch (Throwable t) {
            return fail("write", path, t);
        }
    }

    @Override
    public int flush(String path, FuseFileInfo fi) {
        return 0; // close(2) promises no durability; fsync does.
    }

    @Override
    public int fsync(String path, int isdatasync, FuseFileInfo fi) {
        try {
            Volume v = volumeOf(fi);
            if (v == null) return -Errno.EBADF;
            v.flush();
            return 0;
        } catch (Throwable t) {
            return fail("fsync", path, t);
        }
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        try {
            openFiles.release(fi.fh.get());
            return 0;
        } catch (Throwable t) {
            return fail("release", path, t);
        }
    }

    /**
     * As on a block device, truncation changes nothing: {@code open(O_TRUNC)}, {@code truncate} and {@code ftruncate}
     * to any size succeed on a writable LV and leave its size and data alone (only lvextend/lvreduce/lvresize change
     * them). A read-only LV refuses any other size with EROFS.
     */
    @Override
    public int truncate(String path, long size) {
        try {
            FsPath p = FsPath.parse(path);
            if (p == null) return -Errno.ENOENT;
            if (!p.isLv()) return -Errno.EISDIR;
            Volume v = tree.volume(p.vg(), p.lv());
            if (v == null) return -Errno.ENOENT;
            if (size < 0) return -Errno.EINVAL;
            return size == v.size() || !v.readOnly() ? 0 : -Errno.EROFS;
        } catch (Throwable t) {
            return fail("truncate", path, t);
        }
    }

    /**
     * fallocate(2) as a block device answers it (the kernel's blkdev_fallocate): PUNCH_HOLE|KEEP_SIZE discards the
     * range (a loop device's discard arrives so), ZERO_RANGE zeroes it; a range starting past the end is EINVAL, one
     * running past it is cut at the end with KEEP_SIZE and EINVAL without; any other mode (a plain allocation) is
     * EOPNOTSUPP. Unlike a block device, ranges need not be sector-aligned.
     */
    @Override
    public int fallocate(String path, int mode, long off, long length, FuseFileInfo fi) {
        try {
            Volume v = volumeOf(fi);
            if (v == null) return -Errno.EBADF;
            boolean keepSize = (mode & FALLOC_FL_KEEP_SIZE) != 0;
            int op = mode & ~FALLOC_FL_KEEP_SIZE;
            boolean punch = op == FALLOC_FL_PUNCH_HOLE && keepSize;
            if (!punch && op != FALLOC_FL_ZERO_RANGE) return -Errno.EOPNOTSUPP;
            if (v.readOnly()) return -Errno.EROFS;
            long size = v.size();
            if (off < 0 || length <= 0 || off >= size) return -Errno.EINVAL;
            if (length > size - off) {
                if (!keepSize) return -Errno.EINVAL;
                length = size - off;
            }
            if (punch) v.discard(off, length);
            else v.zero(off, length);
            return 0;
        } catch (Throwable t) {
            return fail("fallocate", path, t);
        }
    }

    @Override
    public int statfs(String path, Statvfs stbuf) {
        try {
            long bytes = 0;
            for (Map<String, Volume> lvs : tree.snapshot().values()) {
                for (Volume v : lvs.values()) bytes += v.size();
            }
            stbuf.f_bsize.set(BLOCK);
            stbuf.f_frsize.set(BLOCK);
            stbuf.f_blocks.set((bytes + BLOCK - 1) / BLOCK);
            stbuf.f_bfree.set(0);
            stbuf.f_bavail.set(0);
            stbuf.f_namemax.set(255);
            return 0;
        } catch (Throwable t) {
            return fail("statfs", path, t);
        }
    }

    private Volume volumeOf(FuseFileInfo fi) {
        OpenFiles.Handle h = openFiles.get(fi.fh.get());
        return h == null ? null : tree.volume(h.vg(), h.lv());
    }

    private byte[] copyBuffer(int n) {
        byte[] b = copyBuffers.get();
        if (b.length < n) {
            b = new byte[n];
            copyBuffers.set(b);
        }
        return b;
    }

    private static int fail(String op, String path, Throwable t) {
        int errno = Errno.of(t);
        FsLog.failure(op, path, errno, t);
        return -errno;
    }
}
