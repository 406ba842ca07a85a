package ulvm.e2e.crash;

import java.util.Random;

/** Random writes and fsyncs on a linear and a raid1 LV: fsynced data stays; the raid images converge after resync. */
final class WritesScenario implements Scenario {
    private Oracle lin;
    private Oracle raid;

    @Override
    public void setup(Rig rig, Random random) {
        Builds.vg(rig);
        Builds.linear(rig, "lin", 2);
        Builds.raid1(rig, "r");
        lin = new Oracle("lin", Builds.BLOCKS);
        raid = new Oracle("r", Builds.BLOCKS);
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload a = new Workload(lin, rig.lv("lin"), random, 1);
        Workload b = new Workload(raid, rig.lv("r"), random, 1);
        for (int i = 0; i < 12; i++) {
            a.random(random.nextInt(20), 8);
            b.random(random.nextInt(20), 8);
        }
        a.fsync();
        b.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        rig.awaitInSync("r", 60);
        Scenario.holds(rig, lin);
        Scenario.holds(rig, raid);
        Scenario.imagesEqual(rig, "r", 2);
    }
}
