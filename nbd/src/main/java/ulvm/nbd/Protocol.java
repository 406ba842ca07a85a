package ulvm.nbd;

/** The constants of the NBD protocol (doc/proto.md of NetworkBlockDevice/nbd), fixed newstyle only. */
final class Protocol {
    private Protocol() { }

    static final long NBDMAGIC = 0x4e42444d41474943L, IHAVEOPT = 0x49484156454F5054L, OPT_REPLY_MAGIC = 0x3e889045565a9L;
    static final int REQUEST_MAGIC = 0x25609513, SIMPLE_REPLY_MAGIC = 0x67446698, STRUCTURED_REPLY_MAGIC = 0x668e33ef;

    /** Handshake flags (server) and client flags. */
    static final int FLAG_FIXED_NEWSTYLE = 1, FLAG_NO_ZEROES = 2;

    static final int OPT_EXPORT_NAME = 1, OPT_ABORT = 2, OPT_LIST = 3, OPT_STARTTLS = 5, OPT_INFO = 6, OPT_GO = 7,
            OPT_STRUCTURED_REPLY = 8, OPT_LIST_META_CONTEXT = 9, OPT_SET_META_CONTEXT = 10;

    static final int REP_ACK = 1, REP_SERVER = 2, REP_INFO = 3, REP_META_CONTEXT = 4;
    static final int REP_ERR_UNSUP = 0x80000001, REP_ERR_POLICY = 0x80000002, REP_ERR_INVALID = 0x80000003,
            REP_ERR_PLATFORM = 0x80000004, REP_ERR_TLS_REQD = 0x80000005, REP_ERR_UNKNOWN = 0x80000006,
            REP_ERR_SHUTDOWN = 0x80000007, REP_ERR_BLOCK_SIZE_REQD = 0x80000008, REP_ERR_TOO_BIG = 0x80000009;

    static final int INFO_EXPORT = 0, INFO_NAME = 1, INFO_DESCRIPTION = 2, INFO_BLOCK_SIZE = 3;

    /** Transmission flags. */
    static final int FLAG_HAS_FLAGS = 1, FLAG_READ_ONLY = 1 << 1, FLAG_SEND_FLUSH = 1 << 2, FLAG_SEND_FUA = 1 << 3,
            FLAG_SEND_TRIM = 1 << 5, FLAG_SEND_WRITE_ZEROES = 1 << 6, FLAG_SEND_DF = 1 << 7,
            FLAG_CAN_MULTI_CONN = 1 << 8, FLAG_SEND_CACHE = 1 << 10;

    static final int CMD_READ = 0, CMD_WRITE = 1, CMD_DISC = 2, CMD_FLUSH = 3, CMD_TRIM = 4, CMD_CACHE = 5,
            CMD_WRITE_ZEROES = 6, CMD_BLOCK_STATUS = 7;
    static final int CMD_FLAG_FUA = 1, CMD_FLAG_NO_HOLE = 1 << 1, CMD_FLAG_DF = 1 << 2, CMD_FLAG_REQ_ONE = 1 << 3,
            CMD_FLAG_FAST_ZERO = 1 << 4;

    static final int REPLY_FLAG_DONE = 1;
    static final int REPLY_TYPE_NONE = 0, REPLY_TYPE_OFFSET_DATA = 1, REPLY_TYPE_OFFSET_HOLE = 2,
            REPLY_TYPE_BLOCK_STATUS = 5, REPLY_TYPE_ERROR = (1 << 15) + 1, REPLY_TYPE_ERROR_OFFSET = (1 << 15) + 2;

    static final int EPERM = 1, EIO = 5, ENOMEM = 12, EINVAL = 22, ENOSPC = 28, EOVERFLOW = 75, ENOTSUP = 95,
            ESHUTDOWN = 108;

    static final String BASE_ALLOCATION = "base:allocation", DIRTY_BITMAP = "qemu:dirty-bitmap:";

    /** Block size constraints: minimum, preferred, maximum payload. */
    static final int MIN_BLOCK = 1, PREFERRED_BLOCK = 4096, MAX_PAYLOAD = 32 << 20;
    /** The largest option payload read; a longer option ends the connection. */
    static final int MAX_OPTION = 64 << 10;
    /** The most options one connection may send before transmission (a client looping on options is cut off). */
    static final int MAX_OPTIONS = 10_000;
}
