package ulvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.format.FormatException;
import ulvm.io.MemoryDevice;

/** The metadata API's semantics (dm-thin's messages and copy-on-write rules), on an in-memory device. */
class PoolMetadataTest {
    private final MemoryDevice dev = new MemoryDevice("vg-pool_tmeta", 4 << 20);

    private PoolMetadata open(long nrData) throws IOException { return PoolMetadata.open(dev, 128, nrData); }

    @Test
    void aZeroedDeviceIsFormattedAndReopened() throws IOException {
        PoolMetadata p = open(1000);
        assertEquals(0, p.transactionId());
        assertEquals(List.of(), p.deviceIds());
        assertEquals(1000, p.nrDataBlocks());
        assertEquals(1024, p.nrMetadataBlocks());
        assertEquals(0, p.usedDataBlocks());
        assertTrue(p.usedMetadataBlocks() > 1 && p.usedMetadataBlocks() < 12, "superblock, bitmaps, index, empty trees: " + p.usedMetadataBlocks());
        assertEquals(27022010, ByteBuffer.wrap(dev.read(32, 8)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
        PoolMetadata again = open(1000);
        assertEquals(p.usedMetadataBlocks(), again.usedMetadataBlocks());
    }

    @Test
    void transactionIdsMoveOnlyFromTheExpectedOne() throws IOException {
        PoolMetadata p = open(100);
        p.setTransactionId(0, 1);
        ThinPoolException e = assertThrows(ThinPoolException.class, () -> p.setTransactionId(0, 2));
        assertEquals("transaction id mismatch: the pool has 1, not 0", e.getMessage());
        p.commit();
        assertEquals(1, open(100).transactionId());
    }

    @Test
    void devicesAreCreatedOnceAndDeletedOnce() throws IOException {
        PoolMetadata p = open(100);
        p.createThin(1);
        assertEquals("thin device 1 already exists", assertThrows(ThinPoolException.class, () -> p.createThin(1)).getMessage());
        assertEquals("thin device 1 already exists", assertThrows(ThinPoolException.class, () -> p.createSnap(1, 1)).getMessage());
        assertEquals("thin device 5 does not exist", assertThrows(ThinPoolException.class, () -> p.createSnap(2, 5)).getMessage());
        assertThrows(ThinPoolException.class, () -> p.createThin(1 << 24));
        p.deleteDevice(1);
        assertEquals("thin device 1 does not exist", assertThrows(ThinPoolException.class, () -> p.deleteDevice(1)).getMessage());
        assertThrows(ThinPoolException.class, () -> p.lookup(1, 0));
    }

    @Test
    void aSnapshotSharesItsOriginsBlocksUntilEitherIsWritten() throws IOException {
        PoolMetadata p = open(1000);
        p.createThin(1);
        for (int v = 0; v < 10; v++) p.insert(1, v, p.allocDataBlock());
        assertFalse(p.find(1, 3).shared());
        p.createSnap(2, 1);
        assertEquals(1, p.time());
        DeviceDetails snap = p.details(2);
        assertEquals(new DeviceDetails(2, 10, 0, 1, 1), snap);
        assertEquals(1, p.details(1).snapshottedTime());
        assertTrue(p.find(1, 3).shared());
        assertTrue(p.find(2, 3).shared());
        assertEquals(p.lookup(1, 3), p.lookup(2, 3));
        assertEquals(1, p.dataRefCount(p.lookup(1, 3)), "the one leaf both trees share holds the block once");
        // a copy-on-write in the snapshot: a new block there, the leaf copied, so the others are referenced twice
        long nb = p.allocDataBlock();
        p.insert(2, 3, nb);
        assertFalse(p.find(2, 3).shared());
        assertNotEquals(p.lookup(1, 3), p.lookup(2, 3));
        assertEquals(1, p.dataRefCount(p.lookup(1, 3)));
        assertEquals(2, p.dataRefCount(p.lookup(1, 4)));
        assertEquals(10, p.details(2).mappedBlocks());
        p.deleteDevice(1);
        assertEquals(1, p.dataRefCount(p.lookup(2, 4)));
        assertEquals(10, p.usedDataBlocks(), "the origin's own block 3 is free once it is deleted");
        p.commit();
        Workload.dataCountsMatchTrees(open(1000));
    }

    @Test
    void blocksFreedInATransactionAreReusedOnlyAfterTheCommit() throws IOException {
        PoolMetadata p = open(3);
        p.createThin(1);
        p.insert(1, 0, p.allocDataBlock());
        p.insert(1, 1, p.allocDataBlock());
        p.commit();
        assertEquals(2, p.removeRange(1, 0, 10));
        assertEquals(0, p.usedDataBlocks());
        assertEquals(2, p.allocDataBlock(), "blocks 0 and 1 are still mapped in the committed metadata");
        assertEquals(-1, p.allocDataBlock());
        p.decDataBlock(2);
        assertEquals(2, p.allocDataBlock(), "one allocated in this transaction may come back at once");
        p.commit();
        assertEquals(0, p.allocDataBlock());
        assertEquals(1, p.allocDataBlock());
        assertEquals(-1, p.allocDataBlock(), "the pool is full");
    }

    @Test
    void removeAndDiscardUnmap() throws IOException {
        PoolMetadata p = open(1000);
        p.createThin(1);
        for (int v = 0; v < 600; v++) assertTrue(p.insert(1, v, p.allocDataBlock()));
        assertFalse(p.insert(1, 5, p.allocDataBlock()), "a remap");
        assertEquals(0, p.dataRefCount(5), "the block it replaced");
        assertTrue(p.remove(1, 7));
        assertFalse(p.remove(1, 7));
        assertEquals(-1, p.lookup(1, 7));
        assertEquals(100, p.removeRange(1, 100, 200));
        assertEquals(499, p.details(1).mappedBlocks());
        assertEquals(499, p.usedDataBlocks());
        assertNull(p.find(1, 150));
        assertEquals(200, p.nextMapped(1, 100));
        assertEquals(8, p.nextMapped(1, 7));
        assertEquals(-1, p.nextMapped(1, 600));
        assertEquals(599, p.highestMapped(1));
        p.createThin(2);
        assertEquals(-1, p.highestMapped(2));
        p.commit();
        PoolMetadata again = open(1000);
        assertEquals(499, again.details(1).mappedBlocks());
        assertEquals(p.lookup(1, 300), again.lookup(1, 300));
    }

    @Test
    void whatIsNotCommittedIsNotThereAfterAReopenOrAnAbort() throws IOException {
        PoolMetadata p = open(100);
        p.createThin(1);
        p.insert(1, 0, p.allocDataBlock());
        p.commit();
        p.createThin(2);
        p.insert(1, 1, p.allocDataBlock());
        assertEquals(List.of(1L), open(100).deviceIds());
        p.abort();
        assertEquals(List.of(1L), p.deviceIds());
        assertEquals(-1, p.lookup(1, 1));
        assertEquals(1, p.usedDataBlocks());
    }

    @Test
    void theDataSpaceGrowsAndNeverShrinks() throws IOException {
        PoolMetadata p = open(10);
        p.resizeData(40000);
        p.createThin(1);
        for (int v = 0; v < 20000; v++) p.insert(1, v, p.allocDataBlock());
        p.commit();
        assertEquals("pool target (5 blocks) too small: expected 40000", assertThrows(ThinPoolException.class, () -> p.resizeData(5)).getMessage());
        assertThrows(ThinPoolException.class, () -> open(39999));
        PoolMetadata again = open(50000);
        assertEquals(50000, again.nrDataBlocks());
        assertEquals(20000, again.usedDataBlocks());
    }

    @Test
    void damagedOrForeignMetadataIsRefusedWithOneLine() throws IOException {
        open(100).commit();
        FormatException e = assertThrows(FormatException.class, () -> PoolMetadata.open(dev, 256, 100));
        assertEquals("vg-pool_tmeta: thin pool metadata: data block size 128 sectors does not match the pool's chunk size of 256 sectors", e.getMessage());
        byte[] sb = dev.read(0, 4096);
        sb[100] ^= 1;
        dev.write(0, sb);
        assertEquals("vg-pool_tmeta: thin pool metadata: bad superblock checksum", assertThrows(FormatException.class, () -> open(100)).getMessage());
        sb[100] ^= 1;
        dev.write(0, sb);
        long details = ByteBuffer.wrap(sb, 328, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        dev.write(details * 4096 + 40, new byte[] {1});
        assertEquals("vg-pool_tmeta: thin pool metadata: bad btree node at block " + details + " (checksum)",
                assertThrows(FormatException.class, () -> open(100)).getMessage());
        dev.write(32, new byte[8]);
        assertEquals("vg-pool_tmeta: thin pool metadata: bad superblock magic 0", assertThrows(FormatException.class, () -> open(100)).getMessage());
    }

    /**
     * A metadata device running out: the change that would eat into the commit reserve fails, the metadata refuses
     * further changes until aborted to the last commit (as the kernel's pool goes read-only and aborts), and that
     * commit is intact.
     */
    @Test
    void runningOutOfMetadataFailsAChangeAndAbortsToTheLastCommit() throws IOException {
        MemoryDevice small = new MemoryDevice("vg-pool_tmeta", 64 * 4096);
        PoolMetadata p = PoolMetadata.open(small, 128, 100000);
        p.createThin(1);
        p.commit();
        ThinPoolException full = null;
        long v = 0;
        try {
            for (; v < 100000; v++) p.insert(1, v * 1000, p.allocDataBlock()); // sparse: a leaf a few hundred blocks
        } catch (ThinPoolException e) {
            full = e;
        }
        assertEquals("vg-pool_tmeta: thin pool metadata is out of space", full.getMessage());
        assertEquals("vg-pool_tmeta: thin pool metadata: a change failed half way; abort to the last commit first",
                assertThrows(ThinPoolException.class, () -> p.lookup(1, 0)).getMessage());
        p.abort();
        assertEquals(-1, p.lookup(1, 0));
        assertEquals(6, p.reservedMetadataBlocks());
        for (long i = 0; i < 500; i++) p.insert(1, i, p.allocDataBlock());
        p.commit();
        assertEquals(500, PoolMetadata.open(small, 128, 100000).details(1).mappedBlocks());
    }

    /** Lookups run concurrently with one another and with a writer's changes and commits, and see every mapping. */
    @Test
    void lookupsRunAlongsideChangesAndCommits() throws Exception {
        MemoryDevice big = new MemoryDevice("vg-pool_tmeta", 16 << 20);
        PoolMetadata p = PoolMetadata.open(big, 128, 100000);
        p.createThin(1);
        p.createThin(2);
        long[] blocks = new long[5000];
        for (int v = 0; v < blocks.length; v++) p.insert(1, v, blocks[v] = p.allocDataBlock());
        p.commit();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<java.util.concurrent.Future<Long>> done = new java.util.ArrayList<>();
        for (int r = 0; r < 3; r++) {
            int seed = r;
            done.add(readers.submit(() -> {
                java.util.Random rnd = new java.util.Random(seed);
                long n = 0;
                while (!stop.get()) {
                    int v = rnd.nextInt(blocks.length);
                    assertEquals(blocks[v], p.lookup(1, v));
                    n++;
                }
                return n;
            }));
        }
        for (int v = 0; v < 20000; v++) {
            p.insert(2, v, p.allocDataBlock());
            if (v % 2000 == 1999) p.commit();
        }
        stop.set(true);
        for (var f : done) assertTrue(f.get() > 0);
        readers.shutdown();
        assertEquals(20000, p.details(2).mappedBlocks());
    }
}
