package ulvm.e2e.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trials of the campaign that once found a bug, replayed every time. */
class CrashRegressionTest {
    @TempDir Path dir;

    /**
     * A merge copy forced only the image it wrote before clearing the region's dirty bit; a write the source image held
     * only in its cache was then lost by the cut and the images differed after the reboot.
     */
    @Test
    void mergeCopyForcesTheSourceBeforeItsBitGoes() throws Exception {
        Trial.run("merge", MergeScenario::new, 100, Files.createDirectories(dir.resolve("t")), false);
    }
}
