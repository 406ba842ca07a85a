package ulvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.RandomAccessFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.io.FileBlockDevice;

/** Metadata written by ulvm, judged by thin_check and read back through thin_dump. */
class ThinToolsJudgeTest {
    @TempDir Path dir;

    @BeforeAll
    static void tools() { ThinTools.need(); }

    static Path image(Path dir, String name, long bytes) throws Exception {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) { f.setLength(bytes); }
        return p;
    }

    @Test
    void aFormattedPoolIsClean() throws Exception {
        Path meta = image(dir, "tmeta", 4 << 20);
        try (FileBlockDevice d = FileBlockDevice.open(meta, true)) {
            PoolMetadata p = PoolMetadata.open(d, 128, 1000);
            assertEquals(0, p.transactionId());
            p.createThin(1);
            p.commit();
        }
        ThinTools.checkClean(meta);
        ThinTools.Dump dump = ThinTools.dump(meta);
        assertEquals("1000", dump.superblock().get("nr_data_blocks"));
        assertEquals(java.util.Set.of(1L), dump.devices().keySet());
    }

    /**
     * Thins, snapshots of thins and of snapshots, copy-on-write writes, deletions and discards, over several commits:
     * thin_check is clean after each (it recounts every metadata and data block's references), and thin_dump's
     * mappings and mapped_blocks are ulvm's, before and after reopening.
     */
    @Test
    void ulvmsChangesAreCleanAndDumpAsWritten() throws Exception {
        Path meta = image(dir, "tmeta", 64 << 20);
        long nrData = 20000;
        try (FileBlockDevice d = FileBlockDevice.open(meta, true)) {
            PoolMetadata p = PoolMetadata.open(d, 128, nrData);
            Workload w = new Workload(p, 42);
            for (int round = 0; round < 3; round++) {
                w.run(6000, 20000);
                p.setTransactionId(round, round + 1);
                p.commit();
                ThinTools.checkClean(meta);
                ThinTools.Dump dump = ThinTools.dump(meta);
                w.matchesDump(dump);
                w.matchesPool(p);
                assertEquals(String.valueOf(round + 1), dump.superblock().get("transaction"));
                assertEquals(String.valueOf(p.time()), dump.superblock().get("time"));
                assertEquals("128", dump.superblock().get("data_block_size"));
                assertEquals(w.distinctBlocks(), p.usedDataBlocks(), "used data blocks");
                Workload.dataCountsMatchTrees(PoolMetadata.open(d, 128, nrData));
            }
            PoolMetadata again = PoolMetadata.open(d, 128, nrData);
            w.matchesPool(again);
        }
    }

    /**
     * A device with more mappings than two btree levels hold (about 250 leaves of at most 252), over data space map
     * bitmaps and metadata space map bitmaps of several blocks each, then a snapshot of it rewritten in part and a
     * large discard of the origin (merging and rebalancing nodes).
     */
    @Test
    void largeTreesAndSeveralBitmaps() throws Exception {
        Path meta = image(dir, "tmeta", 80 << 20); // 20480 blocks: two metadata bitmaps
        long nrData = 3 * RefCounts.PER_BITMAP + 500;
        try (FileBlockDevice d = FileBlockDevice.open(meta, true)) {
            PoolMetadata p = PoolMetadata.open(d, 128, nrData);
            Workload w = new Workload(p, 7);
            w.create();
            for (long v = 0; v < 3 * RefCounts.PER_BITMAP + 200; v++) w.write(0, v);
            p.commit();
            w.snap(0);
            for (int i = 0; i < 300; i++) w.write(1, w.rnd.nextInt(60000));
            w.discard(0, 10000, 30000);
            p.commit();
            assertEquals(2, p.nrMetadataBlocks() / RefCounts.PER_BITMAP + 1);
            ThinTools.checkClean(meta);
            w.matchesDump(ThinTools.dump(meta));
            PoolMetadata again = PoolMetadata.open(d, 128, nrData);
            w.matchesPool(again);
            Workload.dataCountsMatchTrees(again);
        }
    }

    /**
     * thin_check 0.9.0 compares the data space map with itself (metadata_checker.cc's compare_space_maps), so a
     * leaked data block passes it: the tests here compare the counts with the trees themselves
     * ({@link Workload#dataCountsMatchTrees}), and that comparison catches the leak.
     */
    @Test
    void aLeakedDataReferenceIsCaughtByTheTestsOwnCount() throws Exception {
        Path meta = image(dir, "tmeta", 4 << 20);
        try (FileBlockDevice d = FileBlockDevice.open(meta, true)) {
            PoolMetadata p = PoolMetadata.open(d, 128, 1000);
            p.createThin(1);
            p.insert(1, 0, p.allocDataBlock());
            p.incDataBlock(0);
            p.commit();
            ThinTools.checkClean(meta);
            org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                    () -> Workload.dataCountsMatchTrees(PoolMetadata.open(d, 128, 1000)));
        }
    }

    /** A pool's data and metadata LVs extended: the space maps grow on the next open (as the kernel's resume does). */
    @Test
    void dataAndMetadataGrow() throws Exception {
        Path meta = image(dir, "tmeta", 4 << 20);
        try (FileBlockDevice d = FileBlockDevice.open(meta, true)) {
            PoolMetadata p = PoolMetadata.open(d, 128, 1000);
            p.createThin(1);
            for (int v = 0; v < 1000; v++) p.insert(1, v, p.allocDataBlock());
            assertEquals(-1, p.allocDataBlock(), "full");
            p.commit();
        }
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(meta.toFile(), "rw")) { f.setLength(80 << 20); }
        try (FileBlockDevice d = FileBlockDevice.open(meta, true)) {
            PoolMetadata p = PoolMetadata.open(d, 128, 40000);
            assertEquals(40000, p.nrDataBlocks());
            assertEquals(20480, p.nrMetadataBlocks());
            for (int v = 1000; v < 30000; v++) p.insert(1, v, p.allocDataBlock());
            p.commit();
        }
        ThinTools.checkClean(meta);
        ThinTools.Dump dump = ThinTools.dump(meta);
        assertEquals("40000", dump.superblock().get("nr_data_blocks"));
        assertEquals(30000, dump.mappings().get(1L).size());
    }
}
