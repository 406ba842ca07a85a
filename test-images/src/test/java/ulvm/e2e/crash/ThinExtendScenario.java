package ulvm.e2e.crash;

import java.util.Random;

/**
 * A writer thread provisions a thin LV twice the size of its pool while {@code lvextend} grows the pool (the data LV,
 * then the pool's data space map at the commit); writes that find the pool full before wait in it (queue mode) and go
 * on once it grew. After the reboot: the pool's metadata is judged (its data space map as small as before the extend
 * or as large as after), and the thin LV keeps its fsynced data.
 */
final class ThinExtendScenario implements Scenario {
    private Oracle t;

    @Override public void needs() { ThinPools.need(); }

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        ThinPools.vgWithPool(rig, "2m", "-Z", ThinPools.zero(random));
        ThinPools.thin(rig, "t");
        t = ThinPools.written(rig, "t", random, random.nextInt(8)); // at most 24 of the 32 chunks
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload w = new Workload(t, rig.lv("t"), new Random(random.nextLong()), 1_000_000);
        int before = 20 + random.nextInt(150);
        try (ThinWriter writer = new ThinWriter(w, new Random(random.nextLong()), 300, 8)) {
            writer.awaitProgress(rig, before);
            rig.ok("lvextend", "-L", "+2m", Rig.VG + "/" + ThinPools.POOL);
        }
    }

    @Override
    public void check(Rig rig) throws Exception {
        ThinPools.judge(rig);
        Scenario.holds(rig, t);
    }
}
