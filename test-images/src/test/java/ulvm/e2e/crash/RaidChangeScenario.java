package ulvm.e2e.crash;

import java.util.Random;
import ulvm.model.Vg;

/**
 * A written raid1 LV grows ({@code lvextend}: the new regions sync) and gains a third image ({@code lvconvert -m 2}:
 * it syncs in full) under writes; the power goes at any point. After the reboot the syncs complete, every image is
 * byte-identical and the fsynced data (in the grown part too, once the extension returned) is intact.
 */
final class RaidChangeScenario implements Scenario {
    private static final int GROW_MIB = 2;
    private Oracle raid;

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        Builds.vg(rig);
        Builds.syncedRaid1(rig, "r");
        Oracle filled = Builds.filled(rig, "r", random);
        raid = new Oracle("r", Builds.BLOCKS + (int) (GROW_MIB * Rig.MiB / Stamps.BLOCK));
        java.util.Map<Integer, Long> all = new java.util.HashMap<>();
        for (int b = 0; b < Builds.BLOCKS; b++) {
            raid.writing(b, filled.durable(b));
            all.put(b, filled.durable(b));
        }
        raid.synced(all);
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload w = new Workload(raid, rig.lv("r"), random, 1_000_000).within(Builds.BLOCKS);
        w.random(random.nextInt(30), 10);
        rig.ok("lvextend", "-L", "+" + GROW_MIB + "m", Rig.VG + "/r");
        w.within(raid.blocks).random(20 + random.nextInt(40), 10);
        rig.awaitInSync("r", 60);
        rig.ok("lvconvert", "-m", "2", "-y", Rig.VG + "/r", rig.pv(2));
        w.random(20 + random.nextInt(40), 10); // while the third image syncs
        rig.awaitInSync("r", 60);
        w.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        Vg vg = rig.vg();
        rig.awaitInSync("r", 60);
        int blocks = (int) (vg.lv("r").orElseThrow().extents() * vg.extentBytes() / Stamps.BLOCK);
        Scenario.holds(rig, raid, blocks);
        Scenario.imagesEqual(rig, "r", vg.lv("r_rimage_2").isPresent() ? 3 : 2);
    }
}
