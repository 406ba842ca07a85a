package ulvm.e2e.crash;

import java.util.Random;

/**
 * Random writes and fsyncs on two thin LVs of one pool ({@code -Z} as the seed says): first writes provision pool
 * blocks, later ones overwrite them in place, and every flush commits the pool's metadata. After the reboot both
 * keep their fsynced data and the pool's metadata is judged ({@link ThinPools#judge}).
 */
final class ThinWritesScenario implements Scenario {
    private Oracle a, b;

    @Override public void needs() { ThinPools.need(); }

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        ThinPools.vgWithPool(rig, "12m", "-Z", ThinPools.zero(random));
        ThinPools.thin(rig, "ta");
        ThinPools.thin(rig, "tb");
        a = ThinPools.written(rig, "ta", random, random.nextInt(60));
        b = new Oracle("tb", Builds.BLOCKS);
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload x = new Workload(a, rig.lv("ta"), random, 1_000_000);
        Workload y = new Workload(b, rig.lv("tb"), random, 1);
        for (int i = 0; i < 10; i++) {
            x.random(random.nextInt(20), 8);
            y.random(random.nextInt(20), 8);
        }
        x.fsync();
        y.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        ThinPools.judge(rig);
        Scenario.holds(rig, a);
        Scenario.holds(rig, b);
    }
}
