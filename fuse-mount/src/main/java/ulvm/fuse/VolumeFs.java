package ulvm.fuse;

import java.nio.ByteBuffer;
import java.util.List;
import jnr.ffi.Pointer;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;

/**
 * The libfuse 2 (jnr-fuse) binding of {@link VolumeFiles}: converts paths, stat and file-info structs and request
 * buffers, and leaves every decision to {@link VolumeFiles}. Never lets an exception reach native code.
 */
public class VolumeFs extends FuseStubFS {
    /** System property choosing how request buffers reach volumes: "zerocopy" (default when possible) or "copy". */
    public static final String BUFFERS_PROPERTY = "ulvm.fuse.buffers";

    private final VolumeFiles files;
    private final boolean zeroCopy;
    private final ThreadLocal<byte[]> copyBuffers = ThreadLocal.withInitial(() -> new byte[128 * 1024]);

    public VolumeFs(VolumeTree tree) {
        this(new VolumeFiles(tree));
    }

    public VolumeFs(VolumeFiles files) {
        this(LibFuse2.require(), files);
    }

    private VolumeFs(LibFuse2 checked, VolumeFiles files) {
        this.files = files;
        this.zeroCopy = NativeView.available() && !"copy".equals(System.getProperty(BUFFERS_PROPERTY));
    }

    public VolumeFiles files() {
        return files;
    }

    public VolumeTree tree() {
        return files.tree();
    }

    /** True while the kernel holds at least one open file handle on the LV (lvremove must refuse). */
    public boolean isOpen(String vg, String lv) {
        return files.isOpen(vg, lv);
    }

    public int openCount(String vg, String lv) {
        return files.openCount(vg, lv);
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
            VolumeFiles.Attr a = p == null ? null : files.attr(p);
            if (a == null) return -Errno.ENOENT;
            stat.st_uid.set(a.uid());
            stat.st_gid.set(a.gid());
            for (var t : new ru.serce.jnrfuse.struct.Timespec[] {stat.st_atim, stat.st_mtim, stat.st_ctim}) {
                t.tv_sec.set(a.timeSeconds());
                t.tv_nsec.set(0);
            }
            stat.st_blksize.set(VolumeFiles.BLOCK);
            stat.st_mode.set(a.mode());
            stat.st_nlink.set(a.nlink());
            if (!a.isDir()) {
                stat.st_size.set(a.size());
                stat.st_blocks.set(a.blocks());
            }
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
            int[] errno = new int[1];
            List<String> names = files.names(p, errno);
            if (names == null) return -errno[0];
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
        FsPath p = FsPath.parse(path);
        if (p == null) return -Errno.ENOENT;
        long fh = files.open(p, fi.flags.get());
        if (fh < 0) return (int) fh;
        fi.fh.set(fh);
        return 0;
    }

    @Override
    public int read(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        int n = (int) Math.max(0, size);
        if (zeroCopy) return files.read(fi.fh.get(), offset, NativeView.of(buf.address(), n));
        byte[] copy = copyBuffer(n);
        int got = files.read(fi.fh.get(), offset, ByteBuffer.wrap(copy, 0, n));
        if (got > 0) buf.put(0, copy, 0, got);
        return got;
    }

    @Override
    public int write(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        int n = (int) size;
        if (zeroCopy) return files.write(fi.fh.get(), offset, NativeView.of(buf.address(), n));
        byte[] copy = copyBuffer(n);
        buf.get(0, copy, 0, n);
        return files.write(fi.fh.get(), offset, ByteBuffer.wrap(copy, 0, n));
    }

    @Override
    public int flush(String path, FuseFileInfo fi) {
        return 0; // close(2) promises no durability; fsync does.
    }

    @Override
    public int fsync(String path, int isdatasync, FuseFileInfo fi) {
        return files.fsync(fi.fh.get());
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        return files.release(fi.fh.get());
    }

    /** See {@link VolumeFiles#truncate}. */
    @Override
    public int truncate(String path, long size) {
        FsPath p = FsPath.parse(path);
        return p == null ? -Errno.ENOENT : files.truncate(p, size);
    }

    /** See {@link VolumeFiles#fallocate}. */
    @Override
    public int fallocate(String path, int mode, long off, long length, FuseFileInfo fi) {
        return files.fallocate(fi.fh.get(), mode, off, length);
    }

    @Override
    public int statfs(String path, Statvfs stbuf) {
        try {
            long bytes = files.totalBytes();
            stbuf.f_bsize.set(VolumeFiles.BLOCK);
            stbuf.f_frsize.set(VolumeFiles.BLOCK);
            stbuf.f_blocks.set((bytes + VolumeFiles.BLOCK - 1) / VolumeFiles.BLOCK);
            stbuf.f_bfree.set(0);
            stbuf.f_bavail.set(0);
            stbuf.f_namemax.set(255);
            return 0;
        } catch (Throwable t) {
            return fail("statfs", path, t);
        }
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
