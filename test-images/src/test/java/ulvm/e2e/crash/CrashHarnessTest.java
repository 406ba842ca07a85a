package ulvm.e2e.crash;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign can fail: a workload that claims fsyncs it never did is caught losing "fsynced" data. */
class CrashHarnessTest {
    @TempDir Path dir;

    /** As the writes scenario on a linear LV, but its "fsync" only tells the oracle. */
    static final class LyingScenario implements Scenario {
        private Oracle lin;

        @Override
        public void setup(Rig rig, Random random) {
            Builds.vg(rig);
            Builds.linear(rig, "lin", 0);
            lin = new Oracle("lin", Builds.BLOCKS);
        }

        @Override
        public void run(Rig rig, Random random) throws Exception {
            rig.activate();
            Workload w = new Workload(lin, rig.lv("lin"), random, 1);
            for (int i = 0; i < 200; i++) {
                w.write(random.nextInt(lin.blocks));
                if (i % 10 == 9) {
                    Map<Integer, Long> claimed = lin.newest();
                    lin.synced(claimed); // no flush
                }
            }
        }

        @Override
        public void check(Rig rig) throws Exception { Scenario.holds(rig, lin); }
    }

    @Test
    void aLieAboutFsyncIsCaughtWithItsSeedAndReplayLine() throws Exception {
        String caught = null;
        for (long seed = 1; seed <= 12 && caught == null; seed++) {
            try {
                Trial.run("lying", LyingScenario::new, seed, Files.createDirectories(dir.resolve("t" + seed)), false);
            } catch (AssertionError e) {
                caught = e.getMessage();
            }
        }
        assertTrue(caught != null, "no trial caught the lost writes");
        assertTrue(caught.startsWith("[lying seed=") && caught.contains("fsynced data lost") && caught.contains("-Dulvm.crash.seed="), caught);
    }
}
