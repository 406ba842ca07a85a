package ulvm.e2e.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The crash campaign (issue 7): per scenario, seeded trials that cut the power at a random device operation and check
 * what survives the reboot. {@code -Dulvm.crash.trials=N} trials per scenario (default {@value #DEFAULT_TRIALS}),
 * {@code -Dulvm.crash.base=S} the first seed, {@code -Dulvm.crash.scenario=NAME[,NAME...]} those scenarios only,
 * {@code -Dulvm.crash.seed=S} one trial (with the scenario: the replay a failure prints). Real LVM2's vgck judges
 * every trial of every scenario but writes, and every 4th trial of writes ({@code -Dulvm.crash.realEvery=N}: every Nth).
 * Scenarios: writes, resync, split, merge, pvmove, pvmoverecord (the power cut before or after a pvmove's progress
 * record), raidchange, snapshot (copy-on-write), snapareas (copy-on-write of every chunk: exception areas written
 * block by block and filled), metadata, snapmerge (live
 * snapshot merge), splitwrites (writes racing a tracked split), degraded (a raid1 leg failing, then --refresh), repair
 * (a PV image missing, lvconvert --repair), fsyncs (writers fsyncing at once on one PV); thin pools (issue 20.5, a few
 * trials each by default, each judged by thin_check and by the data reference counts thin_dump's mappings give):
 * thinwrites (provisioning and overwrites), thinsnap (lvcreate -s racing a writer), thindiscard (discards freeing
 * blocks a snapshot shares or not, reused), thinextend (lvextend of the pool under a writer), thinfull and thinqueue
 * (a full pool with --errorwhenfull y, and n: held writes released by lvextend or failed by lvchange); raid4/5/6 (issue
 * 21.4, judged by a --syncaction check finding 0 mismatches and by degraded reads without as many PVs as the level
 * survives): raid5writes, raid6writes (full-stripe and partial writes), raid5degraded, raid6degraded (one or two
 * images failing writes, then --refresh), raid5repair, raid6repair (a PV missing, lvconvert --repair onto a spare).
 */
class CrashCampaignTest {
    static final int DEFAULT_TRIALS = 16;
    static final int REAL_VGCK_EVERY = Integer.getInteger("ulvm.crash.realEvery", 4);
    private static final Map<String, String> SUMMARY = new LinkedHashMap<>();

    /** {@code trials}: its default count of trials; {@code -Dulvm.crash.trials=N} scales it by N / {@value #DEFAULT_TRIALS}. */
    record Kind(String name, Supplier<Scenario> make, boolean metadata, int trials) {
        Kind(String name, Supplier<Scenario> make, boolean metadata) { this(name, make, metadata, DEFAULT_TRIALS); }

        int trials(Integer asked) {
            return asked == null ? trials : (int) Math.max(1, Math.round((double) asked * trials / DEFAULT_TRIALS));
        }
    }

    static List<Kind> kinds() {
        return List.of(
                new Kind("writes", WritesScenario::new, false),
                new Kind("resync", ResyncScenario::new, true),
                new Kind("split", SplitScenario::new, true),
                new Kind("merge", MergeScenario::new, true),
                new Kind("pvmove", PvMoveScenario::new, true),
                new Kind("pvmoverecord", PvMoveRecordScenario::new, true),
                new Kind("raidchange", RaidChangeScenario::new, true),
                new Kind("snapshot", SnapshotCowScenario::new, true),
                new Kind("snapareas", () -> new SnapshotCowScenario(true), true),
                new Kind("metadata", MetadataScenario::new, true),
                new Kind("snapmerge", SnapMergeScenario::new, true),
                new Kind("splitwrites", SplitWritesScenario::new, true),
                new Kind("degraded", DegradedScenario::new, true),
                new Kind("repair", RepairScenario::new, true),
                new Kind("fsyncs", ConcurrentFsyncScenario::new, false),
                new Kind("thinwrites", ThinWritesScenario::new, false, 3),
                new Kind("thinsnap", ThinSnapshotScenario::new, true, 3),
                new Kind("thindiscard", ThinDiscardScenario::new, false, 3),
                new Kind("thinextend", ThinExtendScenario::new, true, 3),
                new Kind("thinfull", () -> new ThinFullScenario(false), false, 2),
                new Kind("thinqueue", () -> new ThinFullScenario(true), false, 2),
                new Kind("raid5writes", () -> new MdWritesScenario("raid5"), false, 3),
                new Kind("raid6writes", () -> new MdWritesScenario("raid6"), false, 2),
                new Kind("raid5degraded", () -> new MdDegradedScenario("raid5"), false, 2),
                new Kind("raid6degraded", () -> new MdDegradedScenario("raid6"), false, 2),
                new Kind("raid5repair", () -> new MdRepairScenario("raid5"), true, 2),
                new Kind("raid6repair", () -> new MdRepairScenario("raid6"), true, 2));
    }

    @TestFactory
    Stream<DynamicTest> campaign() {
        String only = System.getProperty("ulvm.crash.scenario");
        Integer trials = Integer.getInteger("ulvm.crash.trials");
        long base = Long.getLong("ulvm.crash.base", 1);
        String seed = System.getProperty("ulvm.crash.seed");
        List<DynamicTest> tests = new ArrayList<>();
        for (Kind k : kinds()) {
            if (only != null && !java.util.List.of(only.split(",")).contains(k.name())) continue;
            List<Long> seeds = new ArrayList<>();
            if (seed != null) seeds.add(Long.parseLong(seed));
            else for (int i = 0; i < k.trials(trials); i++) seeds.add(base + i);
            tests.add(DynamicTest.dynamicTest(k.name() + " x" + seeds.size(), () -> campaign(k, seeds)));
        }
        return tests.stream();
    }

    private static void campaign(Kind k, List<Long> seeds) throws Exception {
        k.make().get().needs();
        long start = System.nanoTime();
        int cutInWork = 0, real = 0, aimed = 0;
        Map<Trial.Metadata, Integer> metadata = new java.util.EnumMap<>(Trial.Metadata.class);
        for (int i = 0; i < seeds.size(); i++) {
            long seed = seeds.get(i);
            boolean realVgck = RealLvmGate.available() && (k.metadata() || i % REAL_VGCK_EVERY == 0);
            Path dir = Files.createTempDirectory(tmpRoot(), "ulvm-crash-");
            long t0 = System.nanoTime();
            try {
                Trial.Outcome o = Trial.run(k.name(), k.make(), seed, dir, realVgck);
                double secs = (System.nanoTime() - t0) / 1e9;
                if (secs > 10) System.out.printf("crash campaign: slow trial %s seed %d: %.1f s (%s)%n", k.name(), seed, secs, o);
                if (o.cutDuringWork()) cutInWork++;
                if (realVgck) real++;
                if (o.aimedAtCommit()) aimed++;
                metadata.merge(o.metadata(), 1, Integer::sum);
            } finally {
                delete(dir);
            }
        }
        String line = String.format("%-11s %3d trials (%d cut during the work, %d aimed at a metadata commit, %d judged by real vgck; "
                + "metadata after the reboot %s) in %.1f s", k.name(), seeds.size(), cutInWork, aimed, real, metadata, (System.nanoTime() - start) / 1e9);
        SUMMARY.put(k.name(), line);
        System.out.println("crash campaign: " + line);
    }

    @AfterAll
    static void summary() {
        for (String l : SUMMARY.values()) System.out.println("crash campaign summary: " + l);
    }

    private static Path tmpRoot() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
