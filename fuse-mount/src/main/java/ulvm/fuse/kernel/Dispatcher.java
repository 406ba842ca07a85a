package ulvm.fuse.kernel;

import static ulvm.fuse.kernel.FuseAbi.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jnr.ffi.Pointer;
import ulvm.fuse.Errno;
import ulvm.fuse.FsPath;
import ulvm.fuse.VolumeFiles;

/**
 * One worker's request handling: reads requests from its /dev/fuse fd into its own buffer, answers each through
 * {@link VolumeFiles} on the same fd. The request is read {@value #REQ} bytes into a page-aligned buffer, so a
 * WRITE's payload (after the 40-byte in header and the 40-byte write_in) starts on a page boundary; a READ's
 * data is read into that same page-aligned place, its out header written just before it, and the reply goes out
 * in one write(2) without a copy.
 */
final class Dispatcher {
    static final int PAGE = 4096;
    /** Where a request starts in the buffer: a WRITE's payload then starts at {@link #PAGE}. */
    static final int REQ = PAGE - IN_HEADER - WRITE_IN;
    private static final int OUT_SIZE = 256 * 1024;

    private final KernelSession session;
    private final VolumeFiles files;
    private final Inodes inodes;
    private final Sys sys = Sys.get();
    private final int fd;
    private final ByteBuffer in;
    private final long inAddress;
    private final ByteBuffer data;
    private final ByteBuffer out;
    private final long outAddress;

    Dispatcher(KernelSession session, int fd, int maxWrite) {
        this.session = session;
        this.files = session.files();
        this.inodes = session.inodes();
        this.fd = fd;
        this.in = ByteBuffer.allocateDirect(maxWrite + 3 * PAGE).alignedSlice(PAGE).order(ByteOrder.nativeOrder());
        this.inAddress = address(in);
        this.data = in.slice(PAGE, in.capacity() - PAGE);
        this.out = ByteBuffer.allocateDirect(OUT_SIZE).order(ByteOrder.nativeOrder());
        this.outAddress = address(out);
    }

    int fd() {
        return fd;
    }

    /** Reads the next request: its length, or -errno. */
    long receive() {
        long n = sys.read(fd, inAddress + REQ, in.capacity() - REQ);
        return n < 0 ? -Sys.errno() : n;
    }

    /** Answers the request {@link #receive} read ({@code n} bytes). */
    void handle(int n) {
        int opcode = in.getInt(REQ + H_OPCODE);
        long unique = in.getLong(REQ + H_UNIQUE);
        long nodeid = in.getLong(REQ + H_NODEID);
        int body = REQ + IN_HEADER;
        int end = REQ + Math.min(n, in.getInt(REQ + H_LEN));
        try {
            switch (opcode) {
                case INIT -> init(unique, body);
                case LOOKUP -> lookup(unique, nodeid, cString(body, end));
                case GETATTR -> getattr(unique, nodeid);
                case SETATTR -> setattr(unique, nodeid, body);
                case OPEN -> open(unique, nodeid, in.getInt(body));
                case READ -> read(unique, in.getLong(body), in.getLong(body + 8), in.getInt(body + 16));
                case WRITE -> write(unique, in.getLong(body), in.getLong(body + 8), in.getInt(body + 16));
                case RELEASE -> status(unique, files.release(in.getLong(body)));
                case FLUSH, RELEASEDIR, FSYNCDIR, DESTROY -> status(unique, 0);
                case FSYNC -> status(unique, files.fsync(in.getLong(body)));
                case FALLOCATE -> status(unique, files.fallocate(in.getLong(body), in.getInt(body + 24), in.getLong(body + 8), in.getLong(body + 16)));
                case OPENDIR -> opendir(unique, nodeid);
                case READDIR -> readdir(unique, nodeid, in.getLong(body + 8), in.getInt(body + 16));
                case STATFS -> {
                    long blocks = (files.totalBytes() + VolumeFiles.BLOCK - 1) / VolumeFiles.BLOCK;
                    reply(unique, Replies.statfs(out, OUT_HEADER, blocks, VolumeFiles.BLOCK));
                }
                case IOCTL -> status(unique, -Errno.ENOTTY);
                // No reply to any of these. FORGET: node ids live on (Inodes). INTERRUPT: fuse.rst lets a filesystem
                // ignore it and answer the original request as usual (ours finish in bounded time, and the caller's
                // process waits for that answer); its unique is the original's with FUSE_INT_REQ_BIT, not answered
                // unless with EAGAIN (retry) or ENOSYS (no more interrupts). Whether the original is still being
                // served by another worker or already answered, nothing is written here.
                case FORGET, BATCH_FORGET, INTERRUPT, NOTIFY_REPLY -> { }
                default -> { // xattrs, create, mknod, unlink, locks, lseek...: as libfuse 2 without them
                    session.stats().notImplemented(opcode);
                    // LSEEK (SEEK_DATA/SEEK_HOLE): the kernel remembers ENOSYS (no_lseek) and from then on answers
                    // itself as for a file all data (generic_file_llseek), which an LV file is
                    status(unique, -Errno.ENOSYS);
                }
            }
        } catch (RuntimeException e) {
            System.getLogger("ulvm.fuse").log(System.Logger.Level.WARNING, "FUSE opcode " + opcode + " failed: " + e);
            status(unique, -Errno.EIO);
        }
    }

    private void init(long unique, int body) {
        Negotiated n = session.negotiate(in.getInt(body), in.getInt(body + 4), in.getInt(body + 8), in.getInt(body + 12));
        reply(unique, Replies.init(out, OUT_HEADER, n));
    }

    private void lookup(long unique, long parent, String name) {
        FsPath dir = inodes.path(parent);
        if (dir == null) {
            status(unique, -Errno.ENOENT);
            return;
        }
        if (dir.isLv()) {
            status(unique, -Errno.ENOTDIR);
            return;
        }
        FsPath child = dir.child(name);
        VolumeFiles.Attr a = files.attr(child);
        if (a == null) {
            status(unique, -Errno.ENOENT); // never a cached negative entry: a new LV shows at once
            return;
        }
        reply(unique, Replies.entry(out, OUT_HEADER, inodes.id(child), a, session.validMs()));
    }

    private void getattr(long unique, long nodeid) {
        FsPath p = inodes.path(nodeid);
        VolumeFiles.Attr a = p == null ? null : files.attr(p);
        if (a == null) status(unique, -Errno.ENOENT);
        else reply(unique, Replies.attrOut(out, OUT_HEADER, nodeid, a, session.validMs()));
    }

    /**
     * As libfuse 2's high-level layer without chmod, chown and utimens: mode and owner changes and setting both
     * times are ENOSYS; a size is {@link VolumeFiles#truncate}.
     */
    private void setattr(long unique, long nodeid, int body) {
        int valid = in.getInt(body);
        FsPath p = inodes.path(nodeid);
        if (p == null) {
            status(unique, -Errno.ENOENT);
            return;
        }
        if ((valid & (FATTR_MODE | FATTR_UID | FATTR_GID)) != 0) {
            status(unique, -Errno.ENOSYS);
            return;
        }
        if ((valid & FATTR_SIZE) != 0) {
            int r = files.truncate(p, in.getLong(body + 16));
            if (r < 0) {
                status(unique, r);
                return;
            }
        }
        if ((valid & (FATTR_ATIME | FATTR_MTIME)) == (FATTR_ATIME | FATTR_MTIME)) {
            status(unique, -Errno.ENOSYS);
            return;
        }
        getattr(unique, nodeid);
    }

    /** Every open file does direct I/O, and direct writes to one file may run in parallel. */
    private void open(long unique, long nodeid, int flags) {
        FsPath p = inodes.path(nodeid);
        if (p == null) {
            status(unique, -Errno.ENOENT);
            return;
        }
        long fh = files.open(p, flags);
        if (fh >= 0 && (flags & O_TRUNC) != 0) { // ATOMIC_O_TRUNC: the truncation libfuse 2 got as a SETATTR
            int r = files.truncate(p, 0);
            if (r < 0) {
                files.release(fh);
                fh = r;
            }
        }
        if (fh < 0) status(unique, (int) fh);
        else reply(unique, Replies.open(out, OUT_HEADER, fh, FOPEN_DIRECT_IO | FOPEN_PARALLEL_DIRECT_WRITES));
    }

    private void read(long unique, long fh, long offset, int size) {
        RequestStats stats = session.stats();
        stats.read(size);
        data.clear().limit(Math.max(0, Math.min(size, data.capacity())));
        stats.begin();
        int r;
        try {
            r = files.read(fh, offset, data);
        } finally {
            stats.end();
        }
        if (r < 0) {
            status(unique, r);
            return;
        }
        Replies.header(in, PAGE - OUT_HEADER, OUT_HEADER + r, 0, unique);
        send(inAddress + PAGE - OUT_HEADER, OUT_HEADER + r);
    }

    private void write(long unique, long fh, long offset, int size) {
        RequestStats stats = session.stats();
        stats.write(size);
        data.clear().limit(Math.max(0, Math.min(size, data.capacity())));
        stats.begin();
        int r;
        try {
            r = files.write(fh, offset, data);
        } finally {
            stats.end();
        }
        if (r < 0) status(unique, r);
        else reply(unique, Replies.write(out, OUT_HEADER, r));
    }

    private void opendir(long unique, long nodeid) {
        FsPath p = inodes.path(nodeid);
        VolumeFiles.Attr a = p == null ? null : files.attr(p);
        if (a == null) status(unique, -Errno.ENOENT);
        else if (!a.isDir()) status(unique, -Errno.ENOTDIR);
        else reply(unique, Replies.open(out, OUT_HEADER, 0, 0));
    }

    /** ".", ".." and the names, from entry {@code offset} on, as many as fit in {@code size} bytes. */
    private void readdir(long unique, long nodeid, long offset, int size) {
        FsPath p = inodes.path(nodeid);
        int[] errno = new int[1];
        List<String> names = p == null ? null : files.names(p, errno);
        if (names == null) {
            status(unique, p == null ? -Errno.ENOENT : -errno[0]);
            return;
        }
        int end = OUT_HEADER + Math.min(size, out.capacity() - OUT_HEADER);
        int at = OUT_HEADER;
        for (long i = Math.max(0, offset); i < names.size() + 2L; i++) {
            int w;
            if (i < 2) {
                w = Replies.dirent(out, at, end, nodeid, i + 1, DT_DIR, i == 0 ? "." : "..");
            } else {
                FsPath child = p.child(names.get((int) i - 2));
                w = Replies.dirent(out, at, end, inodes.id(child), i + 1, child.isLv() ? DT_REG : DT_DIR, child.isLv() ? child.lv() : child.vg());
            }
            if (w == 0) break;
            at += w;
        }
        reply(unique, at - OUT_HEADER);
    }

    /** A reply of just the header: {@code error} is 0 or -errno. */
    private void status(long unique, int error) {
        Replies.header(out, 0, OUT_HEADER, error, unique);
        send(outAddress, OUT_HEADER);
    }

    /** A reply whose {@code payload} bytes already sit after the header's place in {@link #out}. */
    private void reply(long unique, int payload) {
        Replies.header(out, 0, OUT_HEADER + payload, 0, unique);
        send(outAddress, OUT_HEADER + payload);
    }

    private void send(long address, int len) {
        long r = sys.write(fd, address, len);
        if (r < 0) {
            int e = Sys.errno();
            // ENOENT: the request was interrupted and is gone; ENODEV: the connection ended
            if (e != Errno.ENOENT && e != Errno.ENODEV) {
                System.getLogger("ulvm.fuse").log(System.Logger.Level.WARNING, "FUSE reply failed: errno " + e);
            }
        }
    }

    private String cString(int from, int end) {
        int to = from;
        while (to < end && in.get(to) != 0) to++;
        byte[] b = new byte[to - from];
        in.get(from, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    static long address(ByteBuffer direct) {
        return Pointer.wrap(jnr.ffi.Runtime.getSystemRuntime(), direct).address();
    }
}
