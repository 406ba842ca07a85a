package ulvm.e2e.crash;

import java.util.Random;
import ulvm.model.Vg;

/**
 * A written linear LV becomes raid1 ({@code lvconvert --type raid1 -m 1}) while it is written: the new image syncs
 * under the writes; the power goes during the sync or the writes. After the reboot the sync (or the resync of the
 * dirty regions) completes: fsynced data stays and the two images are byte-identical.
 */
final class ResyncScenario implements Scenario {
    private Oracle lin;

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        Builds.vg(rig);
        Builds.linear(rig, "lin", 0);
        lin = Builds.filled(rig, "lin", random);
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload w = new Workload(lin, rig.lv("lin"), random, 1_000_000);
        w.random(random.nextInt(30), 10);
        rig.ok("lvconvert", "--type", "raid1", "-m", "1", "-y", Rig.VG + "/lin", rig.pv(1));
        w.random(40 + random.nextInt(60), 10); // while the new image syncs
        rig.awaitInSync("lin", 60);
        w.random(random.nextInt(30), 10);
        w.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        Vg vg = rig.vg();
        boolean raid = vg.lv("lin_rimage_1").isPresent();
        if (raid) rig.awaitInSync("lin", 60);
        Scenario.holds(rig, lin);
        if (raid) Scenario.imagesEqual(rig, "lin", 2);
    }
}
