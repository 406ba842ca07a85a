package ulvm.e2e.crash;

import java.util.Random;
import ulvm.model.Lv;
import ulvm.model.Vg;

/**
 * {@code lvconvert --splitmirrors 1 --trackchanges} of a written raid1 LV, then writes to the LV: the power goes
 * before, during or after the split. A split image holds exactly what the LV held (all fsynced) at the split, ever
 * after; without the split the images converge.
 */
final class SplitScenario implements Scenario {
    private Oracle raid;
    private byte[] atSplit;

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        Builds.vg(rig);
        Builds.raid1(rig, "r");
        raid = Builds.filled(rig, "r", random);
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload w = new Workload(raid, rig.lv("r"), random, 1_000_000);
        w.random(random.nextInt(60), 10);
        w.fsync();
        atSplit = Builds.durableImage(raid);
        rig.ok("lvconvert", "--splitmirrors", "1", "--trackchanges", "-y", Rig.VG + "/r");
        w.random(40 + random.nextInt(80), 10);
        w.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        Vg vg = rig.vg();
        Lv image = vg.lv("r_rimage_1").orElseThrow();
        Scenario.holds(rig, raid);
        if (image.visible()) {
            Scenario.expect(atSplit != null, "split before the split was asked for");
            int d = LvImage.firstDifference(atSplit, LvImage.read(vg, "r_rimage_1"));
            if (d >= 0) Scenario.fail("the split image changed: block " + d + " differs from what the LV held at the split");
        } else {
            rig.awaitInSync("r", 60);
            Scenario.imagesEqual(rig, "r", 2);
        }
    }
}
