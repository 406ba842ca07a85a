package ulvm.e2e.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 13.1: seeded random walks of raid1 conversions under writes ({@link ConversionWalk}); after every step the LV
 * reads its last written data. {@code -Dulvm.walk.seeds=N} walks (default {@value #DEFAULT_SEEDS}) of
 * {@code -Dulvm.walk.steps=N} steps (default {@value #DEFAULT_STEPS}) from {@code -Dulvm.walk.base=S};
 * {@code -Dulvm.walk.seed=S} replays one. LVM2's test/shell/lvconvert-raid.sh, lvconvert-raid-allocation.sh and
 * lvconvert-raid1-split-trackchanges.sh drive the same conversions one at a time.
 */
class ConversionWalkTest {
    static final int DEFAULT_SEEDS = 10;
    /**
     * Seeds that found bugs, walked in every default run. 113: a leg whose sync had just finished was not yet a member
     * of the record when the old member failed; the array refused every write ("every leg holding the data has
     * failed") though two legs held it all.
     */
    static final List<Long> FOUND = List.of(113L);
    /** The steps of the long run that found them. */
    static final int FOUND_STEPS = 60;
    static final int DEFAULT_STEPS = 40;
    private static final Map<String, Integer> REFUSED = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> walks() {
        int steps = Integer.getInteger("ulvm.walk.steps", DEFAULT_STEPS);
        List<Long> seeds = new ArrayList<>();
        String one = System.getProperty("ulvm.walk.seed");
        if (one != null) seeds.add(Long.parseLong(one));
        else {
            for (long s = Long.getLong("ulvm.walk.base", 1), n = Integer.getInteger("ulvm.walk.seeds", DEFAULT_SEEDS); n-- > 0; s++) seeds.add(s);
            if (System.getProperty("ulvm.walk.base") == null) seeds.addAll(FOUND);
        }
        return seeds.stream().map(seed -> DynamicTest.dynamicTest("walk seed " + seed, () -> {
            int n = FOUND.contains(seed) ? Math.max(steps, FOUND_STEPS) : steps;
            Path dir = Files.createTempDirectory("ulvm-walk");
            try {
                Map<String, Integer> refused = ConversionWalk.run(dir, seed, n);
                synchronized (REFUSED) {
                    refused.forEach((k, v) -> REFUSED.merge(k, v, Integer::sum));
                }
            } finally {
                try (Stream<Path> all = Files.walk(dir)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }));
    }

    @AfterAll
    static void summary() {
        System.out.println("conversion walks: refusals met " + REFUSED);
    }
}
