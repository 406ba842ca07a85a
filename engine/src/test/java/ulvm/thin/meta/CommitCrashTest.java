package ulvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.io.BlockDevice;
import ulvm.io.FileBlockDevice;
import ulvm.io.fault.CrashDevice;
import ulvm.io.fault.Fault;
import ulvm.io.fault.FaultyDevice;
import ulvm.io.fault.PowerLoss;

/**
 * A commit cut short at every point leaves the metadata as the last commit left it (or, once the superblock is
 * down, as the new one did), and thin_check clean: nothing a committed superblock references is written over.
 */
class CommitCrashTest {
    @TempDir Path dir;
    private Path committed;
    private Map<Long, TreeMap<Long, Long>> before, mid, after;

    @BeforeAll
    static void tools() { ThinTools.need(); }

    private static Map<Long, TreeMap<Long, Long>> copy(Map<Long, TreeMap<Long, Long>> m) {
        Map<Long, TreeMap<Long, Long>> c = new TreeMap<>();
        m.forEach((k, v) -> c.put(k, new TreeMap<>(v)));
        return c;
    }

    /**
     * A session on commit A: snapshots, copy-on-writes and discards committed (B), then more with a deletion: the
     * transaction the tests cut short. Returns with the last transaction not committed yet.
     */
    private Workload change(BlockDevice d) throws IOException {
        PoolMetadata p = PoolMetadata.open(d, 128, 8000);
        Workload w = new Workload(p, 11);
        w.nextId = 100;
        for (long id : p.deviceIds()) {
            TreeMap<Long, Long> m = new TreeMap<>();
            p.forEachMapping(id, (v, mp) -> m.put(v, mp.dataBlock()));
            w.model.put(id, m);
        }
        w.snap(w.model.keySet().iterator().next());
        w.run(300, 3000);
        p.commit();
        mid = copy(w.model);
        w.run(300, 3000);
        w.delete(w.model.keySet().iterator().next());
        return w;
    }

    private void setUp() throws Exception {
        committed = ThinToolsJudgeTest.image(dir, "a", 8 << 20);
        try (FileBlockDevice d = FileBlockDevice.open(committed, true)) {
            PoolMetadata p = PoolMetadata.open(d, 128, 8000);
            Workload w = new Workload(p, 5);
            w.create();
            w.create();
            w.run(2000, 3000);
            p.commit();
        }
        Path probe = dir.resolve("probe");
        Files.copy(committed, probe);
        try (FileBlockDevice d = FileBlockDevice.open(probe, true)) {
            Workload w = change(d);
            before = mid;
            w.pool.commit();
            after = copy(w.model);
        }
    }

    /** Verdicts by image digest: many cuts leave the same bytes, checked once. */
    private final Map<String, Boolean> seenImages = new java.util.HashMap<>();

    /** The state found on {@code img}: one of the two commits, checked clean; returns whether it is the new one. */
    private boolean landed(Path img, String trial) throws Exception {
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(img)));
        Boolean known = seenImages.get(digest);
        if (known != null) return known;
        boolean v = check(img, trial);
        seenImages.put(digest, v);
        return v;
    }

    private boolean check(Path img, String trial) throws Exception {
        ThinTools.checkClean(img);
        try (FileBlockDevice d = FileBlockDevice.open(img, false)) {
            PoolMetadata p = PoolMetadata.open(d, 128, 8000);
            Map<Long, TreeMap<Long, Long>> seen = new TreeMap<>();
            for (long id : p.deviceIds()) {
                TreeMap<Long, Long> m = new TreeMap<>();
                p.forEachMapping(id, (v, mp) -> m.put(v, mp.dataBlock()));
                seen.put(id, m);
            }
            Workload.dataCountsMatchTrees(p);
            if (seen.equals(after)) return true;
            assertEquals(before, seen, trial);
            return false;
        }
    }

    /** The device stops taking writes after n of them (FaultyDevice's FailAfterWrites), for every n of the commit. */
    @Test
    void aCommitStoppedAfterEachWrite() throws Exception {
        setUp();
        long first, total;
        Path probe = dir.resolve("count");
        Files.copy(committed, probe);
        try (FileBlockDevice f = FileBlockDevice.open(probe, true)) {
            FaultyDevice d = new FaultyDevice(f);
            Workload w = change(d);
            first = d.writes();
            w.pool.commit();
            total = d.writes();
        }
        assertTrue(total - first > 3, "the commit writes " + (total - first) + " times");
        int newer = 0;
        for (long n = first; n <= total; n++) {
            Path img = dir.resolve("w" + n);
            Files.copy(committed, img);
            try (FileBlockDevice f = FileBlockDevice.open(img, true)) {
                FaultyDevice d = new FaultyDevice(f).add(new Fault.FailAfterWrites(n));
                Workload w = change(d);
                if (n < total) assertThrows(IOException.class, w.pool::commit);
                else w.pool.commit();
            }
            if (landed(img, "after " + n + " writes")) newer++;
            Files.delete(img);
        }
        assertEquals(1, newer, "only the complete commit shows the new state");
    }

    /**
     * A power cut at each operation of the commit, the disk cache's unforced writes lost or kept in any order
     * (CrashDevice, mode REORDER): the forced superblock is the commit point.
     */
    @Test
    void aPowerCutAtEachStepOfTheCommit() throws Exception {
        setUp();
        long start, end;
        Path probe = dir.resolve("count");
        Files.copy(committed, probe);
        try (FileBlockDevice f = FileBlockDevice.open(probe, true)) {
            PowerLoss never = new PowerLoss(1, PowerLoss.Mode.REORDER, Long.MAX_VALUE);
            Workload w = change(new CrashDevice(f, never));
            start = never.ops();
            w.pool.commit();
            end = never.ops();
        }
        for (long at = start + 1; at <= end + 1; at++) {
            Path img = dir.resolve("p" + at);
            Files.copy(committed, img);
            try (FileBlockDevice f = FileBlockDevice.open(img, true)) {
                PowerLoss power = new PowerLoss(at, PowerLoss.Mode.REORDER, at);
                Workload w = change(new CrashDevice(f, power));
                try {
                    w.pool.commit();
                } catch (IOException e) {
                    assertTrue(power.isCut(), e.getMessage());
                }
                power.cut();
            }
            boolean isNew = landed(img, "power cut at op " + at);
            // the commit's last operations: the superblock's write, then the flush's check and its drain of that write
            if (at <= end - 2) assertEquals(false, isNew, "cut before the superblock was written, at op " + at);
            if (at == end + 1) assertTrue(isNew, "the commit completed");
            Files.delete(img);
        }
    }
}
