package ulvm.fuse;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import ulvm.io.Volume;

/**
 * The file semantics of a {@link VolumeTree}, free of any FUSE binding: the root lists VG directories, each VG
 * directory lists its LVs as regular files of the LV's size. Every session (libfuse 2's {@link VolumeFs}, the
 * kernel protocol's own) is a thin layer over this class, so both serve the same semantics. Calls read the tree
 * afresh, answer errors as negative errno and never throw.
 */
public final class VolumeFiles {
    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    public static final int BLOCK = 4096;
    private static final int O_ACCMODE = 3;
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int FALLOC_FL_PUNCH_HOLE = 2;
    private static final int FALLOC_FL_ZERO_RANGE = 0x10;

    /** What stat(2) shows of a path; {@code timeSeconds} is atime, mtime and ctime alike. */
    public record Attr(int mode, int nlink, long size, int uid, int gid, long timeSeconds) {
        public long blocks() {
            return (size + 511) / 512;
        }

        public boolean isDir() {
            return (mode & S_IFDIR) == S_IFDIR;
        }
    }

    private final VolumeTree tree;
    private final OpenFiles openFiles = new OpenFiles();
    private final long mountedAtSeconds = System.currentTimeMillis() / 1000;

    public VolumeFiles(VolumeTree tree) {
        this.tree = tree;
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

    /** The attributes of {@code p}, or null when it does not exist. */
    public Attr attr(FsPath p) {
        FileOwner owner = tree.owner();
        if (p.isRoot()) return new Attr(S_IFDIR | 0755, 2 + tree.snapshot().size(), 0, owner.uid(), owner.gid(), mountedAtSeconds);
        if (p.isVg()) {
            return tree.hasVg(p.vg()) ? new Attr(S_IFDIR | 0755, 2, 0, owner.uid(), owner.gid(), mountedAtSeconds) : null;
        }
        Volume v = tree.volume(p.vg(), p.lv());
        if (v == null) return null;
        return new Attr(S_IFREG | owner.modeFor(v.readOnly()), 1, v.size(), owner.uid(), owner.gid(), mountedAtSeconds);
    }

    /** The names a directory lists (without "." and ".."), or null with {@code errno[0]} set. */
    public List<String> names(FsPath p, int[] errno) {
        if (p.isLv()) {
            errno[0] = Errno.ENOTDIR;
            return null;
        }
        if (p.isRoot()) return List.copyOf(tree.snapshot().keySet());
        SortedMap<String, Volume> lvs = tree.snapshot().get(p.vg());
        if (lvs == null) {
            errno[0] = Errno.ENOENT;
            return null;
        }
        return List.copyOf(lvs.keySet());
    }

    /** Opens an LV file with open(2) {@code flags}: a file handle (at least 1) or -errno. */
    public long open(FsPath p, int flags) {
        try {
            if (!p.isLv()) return p.isRoot() || tree.hasVg(p.vg()) ? -Errno.EISDIR : -Errno.ENOENT;
            Volume v = tree.volume(p.vg(), p.lv());
            if (v == null) return -Errno.ENOENT;
            boolean writable = (flags & O_ACCMODE) != 0;
            if (writable && v.readOnly()) return -Errno.EACCES;
            return openFiles.open(p.vg(), p.lv(), writable);
        } catch (Throwable t) {
            return fail("open", p, t);
        }
    }

    /** Reads into {@code dst} (its remaining bytes, cut at the volume's end): bytes read or -errno. */
    public int read(long fh, long offset, ByteBuffer dst) {
        try {
            Volume v = volumeOf(fh);
            if (v == null) return -Errno.EBADF;
            long volumeSize = v.size();
            if (offset >= volumeSize || !dst.hasRemaining()) return 0;
            int n = (int) Math.min(dst.remaining(), volumeSize - offset);
            if (n < dst.remaining()) dst.limit(dst.position() + n);
            return v.read(offset, dst);
        } catch (Throwable t) {
            return fail("read", fh, t);
        }
    }

    /** Writes all of {@code src}: its length or -errno. */
    public int write(long fh, long offset, ByteBuffer src) {
        try {
            OpenFiles.Handle h = openFiles.get(fh);
            if (h == null) return -Errno.EBADF;
            Volume v = tree.volume(h.vg(), h.lv());
            if (v == null) return -Errno.EBADF;
            if (v.readOnly()) return -Errno.EROFS;
            int n = src.remaining();
            v.write(offset, src);
            return n;
        } catch (Throwable t) {
            return fail("write", fh, t);
        }
    }

    public int fsync(long fh) {
        try {
            Volume v = volumeOf(fh);
            if (v == null) return -Errno.EBADF;
            v.flush();
            return 0;
        } catch (Throwable t) {
            return fail("fsync", fh, t);
        }
    }

    public int release(long fh) {
        try {
            openFiles.release(fh);
            return 0;
        } catch (Throwable t) {
            return fail("release", fh, t);
        }
    }

    /**
     * As on a block device, truncation changes nothing: {@code open(O_TRUNC)}, {@code truncate} and {@code ftruncate}
     * to any size succeed on a writable LV and leave its size and data alone (only lvextend/lvreduce/lvresize change
     * them). A read-only LV refuses any other size with EROFS.
     */
    public int truncate(FsPath p, long size) {
        try {
            if (!p.isLv()) return -Errno.EISDIR;
            Volume v = tree.volume(p.vg(), p.lv());
            if (v == null) return -Errno.ENOENT;
            if (size < 0) return -Errno.EINVAL;
            return size == v.size() || !v.readOnly() ? 0 : -Errno.EROFS;
        } catch (Throwable t) {
            return fail("truncate", p, t);
        }
    }

    /**
     * fallocate(2) as a block device answers it (the kernel's blkdev_fallocate): PUNCH_HOLE|KEEP_SIZE discards the
     * range (a loop device's discard arrives so), ZERO_RANGE zeroes it; a range starting past the end is EINVAL, one
     * running past it is cut at the end with KEEP_SIZE and EINVAL without; any other mode (a plain allocation) is
     * EOPNOTSUPP. Unlike a block device, ranges need not be sector-aligned.
     */
    public int fallocate(long fh, int mode, long off, long length) {
        try {
            Volume v = volumeOf(fh);
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
            return fail("fallocate", fh, t);
        }
    }

    /** statfs: the bytes of every LV shown, none free. */
    public long totalBytes() {
        long bytes = 0;
        for (Map<String, Volume> lvs : tree.snapshot().values()) {
            for (Volume v : lvs.values()) bytes += v.size();
        }
        return bytes;
    }

    private Volume volumeOf(long fh) {
        OpenFiles.Handle h = openFiles.get(fh);
        return h == null ? null : tree.volume(h.vg(), h.lv());
    }

    private int fail(String op, Object what, Throwable t) {
        int errno = Errno.of(t);
        FsLog.failure(op, what instanceof Long fh ? describe(fh) : String.valueOf(what), errno, t);
        return -errno;
    }

    private String describe(long fh) {
        OpenFiles.Handle h = openFiles.get(fh);
        return h == null ? "fh " + fh : "/" + h.vg() + "/" + h.lv();
    }
}
