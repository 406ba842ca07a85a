package ulvm.e2e.crash;

import java.util.Random;
import ulvm.io.fault.Fault;
import ulvm.io.fault.FaultyDevice;

/**
 * A synced, written raid1 LV whose second leg's PV starts failing writes (a {@link FaultyDevice} over its crash
 * device) while a workload runs: the leg fails and the array runs degraded; the fault clears and
 * {@code lvchange --refresh} brings the leg back, recovering what it missed, under more writes. The power goes at any
 * point. After the reboot the array recovers by itself: no fsynced byte is lost and the images converge to the
 * acknowledged data (the stale leg is never a source).
 */
final class DegradedScenario implements Scenario {
    private Oracle raid;

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        Builds.vg(rig);
        Builds.syncedRaid1(rig, "r");
        raid = Builds.filled(rig, "r", random);
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        FaultyDevice leg1 = rig.opener.faulty(rig.images.get(1));
        rig.activate();
        Workload w = new Workload(raid, rig.lv("r"), random, 1_000_000);
        w.random(random.nextInt(30), 8);
        leg1.add(new Fault.FailAfterWrites(leg1.writes() + random.nextInt(8)));
        w.random(30 + random.nextInt(40), 8); // the leg fails under these; the array goes on from the other
        w.fsync();
        Scenario.expect(leg1.injected() > 0, "no write reached the failing leg");
        Scenario.expect(rig.act.raidStatus(Rig.VG, "r").legs().contains("D"), "the failing leg was not marked failed: " + rig.act.raidStatus(Rig.VG, "r"));
        w.random(random.nextInt(30), 8);
        leg1.clear();
        rig.ok("lvchange", "--refresh", Rig.VG + "/r");
        w.random(20 + random.nextInt(40), 8); // while the leg recovers what it missed
        rig.awaitInSync("r", 60);
        w.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        rig.awaitInSync("r", 60);
        Scenario.holds(rig, raid);
        Scenario.imagesEqual(rig, "r", 2);
    }
}
