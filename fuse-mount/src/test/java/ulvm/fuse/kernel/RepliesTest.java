package ulvm.fuse.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import ulvm.fuse.VolumeFiles;

/** Reply encodings against the byte layouts of include/uapi/linux/fuse.h (7.38), little-endian. */
class RepliesTest {
    private final ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    private final VolumeFiles.Attr file = new VolumeFiles.Attr(VolumeFiles.S_IFREG | 0600, 1, 3 * 512 + 1, 7, 8, 1234);

    @Test
    void outHeaderIsLenErrorUnique() {
        assertEquals(16, Replies.header(b, 0, 24, -2, 0x1122334455L));
        assertEquals(24, b.getInt(0));
        assertEquals(-2, b.getInt(4));
        assertEquals(0x1122334455L, b.getLong(8));
    }

    @Test
    void entryOutHoldsNodeTimeoutsAndAttr() {
        assertEquals(128, Replies.entry(b, 0, 5, file, 1500));
        assertEquals(5, b.getLong(0)); // nodeid
        assertEquals(0, b.getLong(8)); // generation
        assertEquals(1, b.getLong(16)); // entry_valid
        assertEquals(1, b.getLong(24)); // attr_valid
        assertEquals(500_000_000, b.getInt(32)); // entry_valid_nsec
        assertEquals(500_000_000, b.getInt(36));
        int attr = 40;
        assertEquals(5, b.getLong(attr)); // ino
        assertEquals(1537, b.getLong(attr + 8)); // size
        assertEquals(4, b.getLong(attr + 16)); // blocks of 512
        assertEquals(1234, b.getLong(attr + 40)); // ctime
        assertEquals(VolumeFiles.S_IFREG | 0600, b.getInt(attr + 60)); // mode
        assertEquals(1, b.getInt(attr + 64)); // nlink
        assertEquals(7, b.getInt(attr + 68)); // uid
        assertEquals(8, b.getInt(attr + 72)); // gid
        assertEquals(4096, b.getInt(attr + 80)); // blksize
    }

    @Test
    void attrOutIsTimeoutThenAttr() {
        assertEquals(104, Replies.attrOut(b, 0, 9, file, 0));
        assertEquals(0, b.getLong(0));
        assertEquals(9, b.getLong(16));
        assertEquals(1537, b.getLong(24));
    }

    @Test
    void initOutCarriesRequestSizes() {
        Negotiated n = Negotiated.answer(45, 131072, 0xffffffff, 256);
        assertEquals(38, n.minor());
        assertEquals(0, n.flags() & FuseAbi.WRITEBACK_CACHE);
        assertTrue(n.asyncDio());
        assertEquals(64, Replies.init(b, 0, n));
        assertEquals(7, b.getInt(0));
        assertEquals(38, b.getInt(4));
        assertEquals(131072, b.getInt(8));
        assertEquals(Negotiated.WANTED, b.getInt(12));
        assertEquals(64, b.getShort(16)); // max_background
        assertEquals(48, b.getShort(18)); // congestion_threshold
        assertEquals(1 << 20, b.getInt(20)); // max_write
        assertEquals(1, b.getInt(24)); // time_gran
        assertEquals(256, b.getShort(28)); // max_pages
    }

    @Test
    void withoutMaxPagesTheKernelDefaultOf32PagesHolds() {
        Negotiated n = Negotiated.answer(45, 0, FuseAbi.BIG_WRITES, 256);
        assertEquals(32, n.maxPages());
        assertEquals(128 << 10, n.maxWrite());
    }

    @Test
    void direntIsPaddedToEightBytesAndRefusedWhenFull() {
        assertEquals(32, Replies.dirent(b, 0, 512, 3, 4, FuseAbi.DT_REG, "lv1"));
        assertEquals(3, b.getLong(0));
        assertEquals(4, b.getLong(8));
        assertEquals(3, b.getInt(16));
        assertEquals(8, b.getInt(20));
        assertEquals('l', b.get(24));
        assertEquals(0, b.get(27));
        assertEquals(0, Replies.dirent(b, 0, 31, 3, 4, FuseAbi.DT_REG, "lv1"));
    }

    @Test
    void notificationsUseUniqueZeroAndTheCodeAsError() {
        assertEquals(40, Replies.invalInode(b, 0, 6, -1, 0));
        assertEquals(40, b.getInt(0));
        assertEquals(FuseAbi.NOTIFY_INVAL_INODE, b.getInt(4));
        assertEquals(0, b.getLong(8));
        assertEquals(6, b.getLong(16));
        assertEquals(-1, b.getLong(24));
        assertEquals(16 + 16 + 3 + 1, Replies.invalEntry(b, 0, 2, "abc"));
        assertEquals(FuseAbi.NOTIFY_INVAL_ENTRY, b.getInt(4));
        assertEquals(2, b.getLong(16));
        assertEquals(3, b.getInt(24));
        assertEquals('a', b.get(32));
        assertEquals(0, b.get(35));
    }

    @Test
    void writePayloadStartsOnAPage() {
        assertEquals(Dispatcher.PAGE, Dispatcher.REQ + FuseAbi.IN_HEADER + FuseAbi.WRITE_IN);
    }

    @Test
    void requestStatsCountByPowerOfTwoAndInFlight() {
        RequestStats s = new RequestStats();
        s.write(1 << 20);
        s.write(4096);
        s.write(4097);
        s.read(512);
        s.begin();
        s.begin();
        s.end();
        s.begin();
        assertEquals("reads 512:1; writes 4K:1 8K:1 1M:1; at most 2 at once", s.summary());
    }
}
