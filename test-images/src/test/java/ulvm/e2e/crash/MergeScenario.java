package ulvm.e2e.crash;

import java.util.Random;
import ulvm.model.Vg;

/**
 * A tracked split image is merged back ({@code lvconvert --merge VG/r_rimage_1}) while the LV is written: the power
 * goes before the merge commits, while the merge copies the changed regions, or after. After the reboot: not merged,
 * the split image is still what the LV held at the split; merged, the merge completes and the images are identical.
 * The LV keeps its fsynced data either way.
 */
final class MergeScenario implements Scenario {
    private Oracle raid;
    private byte[] atSplit;

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        Builds.vg(rig);
        Builds.raid1(rig, "r");
        raid = Builds.filled(rig, "r", random);
        atSplit = Builds.durableImage(raid);
        rig.ok("lvconvert", "--splitmirrors", "1", "--trackchanges", "-y", Rig.VG + "/r");
        rig.activate();
        try {
            Workload w = new Workload(raid, rig.lv("r"), random, 1_000_000);
            w.random(150, 10); // regions the merge must copy back
            w.fsync();
        } finally {
            rig.deactivate();
        }
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload w = new Workload(raid, rig.lv("r"), random, 2_000_000);
        rig.ok("lvconvert", "--merge", Rig.VG + "/r_rimage_1");
        w.random(20 + random.nextInt(60), 10); // while the merge copies
        rig.awaitInSync("r", 60);
        w.random(random.nextInt(20), 10);
        w.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        Vg vg = rig.vg();
        Scenario.holds(rig, raid);
        if (vg.lv("r_rimage_1").orElseThrow().visible()) {
            int d = LvImage.firstDifference(atSplit, LvImage.read(vg, "r_rimage_1"));
            if (d >= 0) Scenario.fail("the split image changed before its merge committed: block " + d);
        } else {
            rig.awaitInSync("r", 60);
            Scenario.holds(rig, raid);
            Scenario.imagesEqual(rig, "r", 2);
        }
    }
}
