package ulvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.io.FileBlockDevice;

/** Metadata made by thin_restore from an XML written here opens in ulvm, which reads every mapping the XML names. */
class ThinRestoreReadTest {
    @TempDir Path dir;

    @BeforeAll
    static void tools() { ThinTools.need(); }

    /** dev -> vblock -> {data block, time}. */
    private final Map<Long, TreeMap<Long, long[]>> xml = new TreeMap<>();

    /**
     * Device 1 (made at time 0, snapshotted at time 1) maps runs and single blocks; device 2 is its snapshot, sharing
     * all its blocks but a few rewritten at time 1; device 7 is an unrelated thin mapping blocks 1 and 2 share too (a
     * data block mapped three times has a reference count over 2, in the overflow btree).
     */
    private String layout() {
        Random r = new Random(3);
        TreeMap<Long, long[]> one = new TreeMap<>();
        long data = 0;
        for (long v = 0; v < 700; v++) one.put(v, new long[] {data++, 0});
        for (int i = 0; i < 400; i++) one.put(1000 + 3L * i + r.nextInt(2), new long[] {data++, 0});
        TreeMap<Long, long[]> two = new TreeMap<>();
        one.forEach((v, bt) -> two.put(v, bt.clone()));
        for (int i = 0; i < 50; i++) two.put((long) r.nextInt(700), new long[] {data++, 1});
        TreeMap<Long, long[]> seven = new TreeMap<>();
        for (long v = 0; v < 20; v++) seven.put(5000 + v, new long[] {v, 1});
        xml.put(1L, one);
        xml.put(2L, two);
        xml.put(7L, seven);
        StringBuilder s = new StringBuilder("<superblock uuid=\"\" time=\"1\" transaction=\"4\" flags=\"0\" version=\"2\" data_block_size=\"256\" nr_data_blocks=\"3000\">\n");
        device(s, 1, one, 0, 1);
        device(s, 2, two, 1, 1);
        device(s, 7, seven, 1, 1);
        return s.append("</superblock>\n").toString();
    }

    private static void device(StringBuilder s, long id, TreeMap<Long, long[]> m, int created, int snapped) {
        s.append("  <device dev_id=\"").append(id).append("\" mapped_blocks=\"").append(m.size())
                .append("\" transaction=\"2\" creation_time=\"").append(created).append("\" snap_time=\"").append(snapped).append("\">\n");
        m.forEach((v, bt) -> s.append("    <single_mapping origin_block=\"").append(v).append("\" data_block=\"").append(bt[0])
                .append("\" time=\"").append(bt[1]).append("\"/>\n"));
        s.append("  </device>\n");
    }

    @Test
    void everyMappingOfTheXmlIsFound() throws Exception {
        Path meta = ThinToolsJudgeTest.image(dir, "tmeta", 4 << 20);
        ThinTools.restore(layout(), meta);
        try (FileBlockDevice d = FileBlockDevice.open(meta, true)) {
            PoolMetadata p = PoolMetadata.open(d, 256, 3000);
            assertEquals(4, p.transactionId());
            assertEquals(1, p.time());
            assertEquals(java.util.List.of(1L, 2L, 7L), p.deviceIds());
            for (var e : xml.entrySet()) {
                long id = e.getKey();
                DeviceDetails det = p.details(id);
                assertEquals(e.getValue().size(), det.mappedBlocks());
                assertEquals(1, det.snapshottedTime());
                for (var m : e.getValue().entrySet()) {
                    Mapping got = p.find(id, m.getKey());
                    assertEquals(m.getValue()[0], got.dataBlock(), "dev " + id + " block " + m.getKey());
                    assertEquals(m.getValue()[1], got.time());
                    assertEquals(m.getValue()[1] < 1, got.shared(), "a block mapped before the snapshot is shared");
                }
                assertEquals(-1, p.lookup(id, 100000));
            }
            // thin_restore shares no btree nodes: a block's count is how many mappings name it (3 for some: overflow)
            long[] refs = new long[3000];
            xml.values().forEach(m -> m.values().forEach(bt -> refs[(int) bt[0]]++));
            for (int b = 0; b < refs.length; b++) assertEquals(refs[b], p.dataRefCount(b), "data block " + b);
            assertTrue(java.util.Arrays.stream(refs).anyMatch(c -> c == 3));

            // ulvm goes on from there: a copy-on-write in the snapshot, the origin deleted, committed and checked
            Workload w = new Workload(p, 1);
            xml.forEach((id, m) -> {
                TreeMap<Long, Long> blocks = new TreeMap<>();
                m.forEach((v, bt) -> blocks.put(v, bt[0]));
                w.model.put(id, blocks);
            });
            w.write(2, 10);
            assertFalse(p.find(2, 10).shared());
            assertTrue(p.find(1, 10).shared());
            w.delete(1);
            p.commit();
            ThinTools.checkClean(meta);
            PoolMetadata again = PoolMetadata.open(d, 256, 3000);
            w.matchesPool(again);
            Workload.dataCountsMatchTrees(again);
        }
    }
}
