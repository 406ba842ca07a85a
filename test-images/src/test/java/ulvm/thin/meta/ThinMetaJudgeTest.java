package ulvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.io.FileBlockDevice;

/** The crash campaign's judge of a pool's metadata passes a sound pool and finds a data reference count thin_check misses. */
class ThinMetaJudgeTest {
    @BeforeAll
    static void tools() { ThinMetaJudge.need(); }

    @Test
    void aSoundPoolPassesAndALeakedDataBlockIsFound(@TempDir Path dir) throws Exception {
        Path meta = dir.resolve("tmeta");
        try (RandomAccessFile f = new RandomAccessFile(meta.toFile(), "rw")) {
            f.setLength(4 << 20);
        }
        try (FileBlockDevice d = FileBlockDevice.open(meta, true)) {
            PoolMetadata p = PoolMetadata.open(d, 128, 1000);
            Workload w = new Workload(p, 7);
            w.create();
            for (long v = 0; v < 50; v++) w.write(0, v);
            w.snap(0);
            for (long v = 0; v < 10; v++) w.write(1, v); // copies shared leaves: counts of 2
            p.commit();
        }
        ThinMetaJudge.judge(meta, 128, 1000);
        try (FileBlockDevice d = FileBlockDevice.open(meta, true)) {
            PoolMetadata p = PoolMetadata.open(d, 128, 1000);
            p.incDataBlock(p.lookup(0, 20)); // a reference no mapping holds: thin_check 0.9.0 passes it
            p.commit();
        }
        AssertionError e = assertThrows(AssertionError.class, () -> ThinMetaJudge.judge(meta, 128, 1000));
        assertTrue(e.getMessage().contains("references to data block") || e.getMessage().contains("reference count"), e.getMessage());
    }
}
