package ulvm.e2e.crash;

import java.util.List;
import java.util.Random;

/**
 * Writes on a synced, filled raid5 (or raid6) LV: full-stripe writes (parity computed without reading) and partial
 * ones (read-modify-write), with fsyncs; the power goes at any device operation. After the reboot the resync of the
 * dirty regions makes every stripe's parity consistent (check: 0 mismatches, no write hole), and the fsynced data
 * reads whole with one (raid5) or two (raid6) images missing.
 */
final class MdWritesScenario implements Scenario {
    private final String level;
    private Oracle raid;
    private List<Integer> gone;

    MdWritesScenario(String level) { this.level = level; }

    @Override public int pvs() { return MdRaids.images(level); }

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        MdRaids.vg(rig);
        MdRaids.synced(rig, level, "r");
        raid = Builds.filled(rig, "r", random);
        gone = MdRaids.drawn(random, MdRaids.images(level), MdRaids.parity(level));
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload w = new Workload(raid, rig.lv("r"), random, 1_000_000);
        MdRaids.writes(w, random, MdRaids.images(level) - MdRaids.parity(level), 40 + random.nextInt(60), 8);
        w.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        MdRaids.checked(rig, "r");
        Scenario.holds(rig, raid);
        MdRaids.holdsWithout(rig, raid, gone);
    }
}
