package ulvm.fuse.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import ulvm.fuse.VolumeFiles;

/**
 * Encoders of the reply structs of {@code fuse.h} into a little-endian buffer at absolute positions; each
 * returns the number of bytes it wrote. The out header ({@code len, error, unique}) comes first in every reply.
 */
final class Replies {
    private Replies() {}

    /** {@code struct fuse_out_header}. */
    static int header(ByteBuffer b, int at, int len, int error, long unique) {
        b.putInt(at, len);
        b.putInt(at + 4, error);
        b.putLong(at + 8, unique);
        return FuseAbi.OUT_HEADER;
    }

    /** {@code struct fuse_attr} of node {@code ino}. */
    static int attr(ByteBuffer b, int at, long ino, VolumeFiles.Attr a) {
        b.putLong(at, ino);
        b.putLong(at + 8, a.size());
        b.putLong(at + 16, a.blocks());
        b.putLong(at + 24, a.timeSeconds());
        b.putLong(at + 32, a.timeSeconds());
        b.putLong(at + 40, a.timeSeconds());
        b.putInt(at + 48, 0);
        b.putInt(at + 52, 0);
        b.putInt(at + 56, 0);
        b.putInt(at + 60, a.mode());
        b.putInt(at + 64, a.nlink());
        b.putInt(at + 68, a.uid());
        b.putInt(at + 72, a.gid());
        b.putInt(at + 76, 0); // rdev
        b.putInt(at + 80, VolumeFiles.BLOCK);
        b.putInt(at + 84, 0); // flags
        return FuseAbi.ATTR;
    }

    /** {@code struct fuse_entry_out}: node id, generation 0, both timeouts {@code validMs}. */
    static int entry(ByteBuffer b, int at, long nodeid, VolumeFiles.Attr a, long validMs) {
        b.putLong(at, nodeid);
        b.putLong(at + 8, 0);
        b.putLong(at + 16, validMs / 1000);
        b.putLong(at + 24, validMs / 1000);
        b.putInt(at + 32, (int) (validMs % 1000) * 1_000_000);
        b.putInt(at + 36, (int) (validMs % 1000) * 1_000_000);
        return 40 + attr(b, at + 40, nodeid, a);
    }

    /** {@code struct fuse_attr_out}. */
    static int attrOut(ByteBuffer b, int at, long nodeid, VolumeFiles.Attr a, long validMs) {
        b.putLong(at, validMs / 1000);
        b.putInt(at + 8, (int) (validMs % 1000) * 1_000_000);
        b.putInt(at + 12, 0);
        return 16 + attr(b, at + 16, nodeid, a);
    }

    /** {@code struct fuse_open_out}. */
    static int open(ByteBuffer b, int at, long fh, int openFlags) {
        b.putLong(at, fh);
        b.putInt(at + 8, openFlags);
        b.putInt(at + 12, 0);
        return FuseAbi.OPEN_OUT;
    }

    /** {@code struct fuse_write_out}. */
    static int write(ByteBuffer b, int at, int size) {
        b.putInt(at, size);
        b.putInt(at + 4, 0);
        return FuseAbi.WRITE_OUT;
    }

    /** {@code struct fuse_statfs_out}: {@code blocks} of {@code bsize}, none free, names up to 255 bytes. */
    static int statfs(ByteBuffer b, int at, long blocks, int bsize) {
        for (int i = 0; i < FuseAbi.STATFS_OUT; i += 8) b.putLong(at + i, 0);
        b.putLong(at, blocks);
        b.putInt(at + 40, bsize);
        b.putInt(at + 44, 255);
        b.putInt(at + 48, bsize);
        return FuseAbi.STATFS_OUT;
    }

    /** {@code struct fuse_init_out}. */
    static int init(ByteBuffer b, int at, Negotiated n) {
        for (int i = 0; i < FuseAbi.INIT_OUT; i += 8) b.putLong(at + i, 0);
        b.putInt(at, FuseAbi.KERNEL_MAJOR);
        b.putInt(at + 4, n.minor());
        b.putInt(at + 8, n.maxReadahead());
        b.putInt(at + 12, n.flags());
        b.putShort(at + 16, (short) n.maxBackground());
        b.putShort(at + 18, (short) n.congestionThreshold());
        b.putInt(at + 20, n.maxWrite());
        b.putInt(at + 24, 1); // time_gran
        b.putShort(at + 28, (short) n.maxPages());
        return FuseAbi.INIT_OUT;
    }

    /**
     * One {@code struct fuse_dirent} padded to 8 bytes, or 0 when it does not fit before {@code end}.
     * {@code off} is the offset the next READDIR starts from.
     */
    static int dirent(ByteBuffer b, int at, int end, long ino, long off, int type, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int size = (FuseAbi.DIRENT + n.length + 7) & ~7;
        if (at + size > end) return 0;
        b.putLong(at, ino);
        b.putLong(at + 8, off);
        b.putInt(at + 16, n.length);
        b.putInt(at + 20, type);
        b.put(at + FuseAbi.DIRENT, n);
        for (int i = FuseAbi.DIRENT + n.length; i < size; i++) b.put(at + i, (byte) 0);
        return size;
    }

    /** {@code struct fuse_notify_inval_inode_out} after its header: attributes only when {@code off} is -1. */
    static int invalInode(ByteBuffer b, int at, long ino, long off, long len) {
        int size = FuseAbi.OUT_HEADER + FuseAbi.NOTIFY_INVAL_INODE_OUT;
        header(b, at, size, FuseAbi.NOTIFY_INVAL_INODE, 0);
        b.putLong(at + 16, ino);
        b.putLong(at + 24, off);
        b.putLong(at + 32, len);
        return size;
    }

    /** {@code struct fuse_notify_inval_entry_out} and the NUL-terminated name, after its header. */
    static int invalEntry(ByteBuffer b, int at, long parent, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int size = FuseAbi.OUT_HEADER + FuseAbi.NOTIFY_INVAL_ENTRY_OUT + n.length + 1;
        header(b, at, size, FuseAbi.NOTIFY_INVAL_ENTRY, 0);
        b.putLong(at + 16, parent);
        b.putInt(at + 24, n.length);
        b.putInt(at + 28, 0);
        b.put(at + 32, n);
        b.put(at + 32 + n.length, (byte) 0);
        return size;
    }
}
