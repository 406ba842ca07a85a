package ulvm.fuse.kernel;

/**
 * The numbers of the kernel's FUSE protocol that this session speaks, from {@code include/uapi/linux/fuse.h}
 * (protocol 7.38): opcodes, INIT and OPEN flags, notification codes and struct sizes. Structs are little-endian
 * (the host's order) and laid out as the header declares them; offsets are given where a field is read.
 */
final class FuseAbi {
    private FuseAbi() {}

    static final int KERNEL_MAJOR = 7;
    static final int KERNEL_MINOR = 38;
    static final long ROOT_ID = 1;

    // enum fuse_opcode
    static final int LOOKUP = 1;
    static final int FORGET = 2;
    static final int GETATTR = 3;
    static final int SETATTR = 4;
    static final int OPEN = 14;
    static final int READ = 15;
    static final int WRITE = 16;
    static final int STATFS = 17;
    static final int RELEASE = 18;
    static final int FSYNC = 20;
    static final int FLUSH = 25;
    static final int INIT = 26;
    static final int OPENDIR = 27;
    static final int READDIR = 28;
    static final int RELEASEDIR = 29;
    static final int FSYNCDIR = 30;
    static final int INTERRUPT = 36;
    static final int DESTROY = 38;
    static final int IOCTL = 39;
    static final int NOTIFY_REPLY = 41;
    static final int BATCH_FORGET = 42;
    static final int FALLOCATE = 43;

    // INIT flags
    static final int ASYNC_READ = 1;
    static final int ATOMIC_O_TRUNC = 1 << 3;
    static final int BIG_WRITES = 1 << 5;
    static final int ASYNC_DIO = 1 << 15;
    static final int WRITEBACK_CACHE = 1 << 16;
    static final int PARALLEL_DIROPS = 1 << 18;
    static final int MAX_PAGES = 1 << 22;

    // OPEN reply flags
    static final int FOPEN_DIRECT_IO = 1;
    static final int FOPEN_PARALLEL_DIRECT_WRITES = 1 << 6;

    // SETATTR valid bits
    static final int FATTR_MODE = 1;
    static final int FATTR_UID = 1 << 1;
    static final int FATTR_GID = 1 << 2;
    static final int FATTR_SIZE = 1 << 3;
    static final int FATTR_ATIME = 1 << 4;
    static final int FATTR_MTIME = 1 << 5;

    // enum fuse_notify_code
    static final int NOTIFY_INVAL_INODE = 2;
    static final int NOTIFY_INVAL_ENTRY = 3;

    /** {@code _IOR(229, 0, uint32_t)}: makes a fresh /dev/fuse fd a clone of the session's. */
    static final long DEV_IOC_CLONE = 0x8004E500L;

    // struct sizes
    static final int IN_HEADER = 40;
    static final int OUT_HEADER = 16;
    static final int WRITE_IN = 40;
    static final int ATTR = 88;
    static final int ENTRY_OUT = 40 + ATTR;
    static final int ATTR_OUT = 16 + ATTR;
    static final int OPEN_OUT = 16;
    static final int WRITE_OUT = 8;
    static final int INIT_OUT = 64;
    static final int STATFS_OUT = 80;
    static final int DIRENT = 24;
    static final int NOTIFY_INVAL_INODE_OUT = 24;
    static final int NOTIFY_INVAL_ENTRY_OUT = 16;

    // in_header field offsets
    static final int H_LEN = 0;
    static final int H_OPCODE = 4;
    static final int H_UNIQUE = 8;
    static final int H_NODEID = 16;

    static final int O_TRUNC = 01000;
    static final int DT_DIR = 4;
    static final int DT_REG = 8;
}
