package ulvm.e2e.crash;

import java.util.Random;

/**
 * A pool of 16 chunks fills up under random writes to a thin LV of 64. {@code --errorwhenfull y}: writes to unmapped
 * blocks fail at once while overwrites go on, then {@code lvextend} gives room. Queue mode (n): a writer thread's
 * write waits in the full pool until {@code lvextend} grows it, or until {@code lvchange --errorwhenfull y} fails it,
 * as the seed says. After the reboot: the pool's metadata is judged and the thin LV keeps its fsynced data (a refused
 * write never lands).
 */
final class ThinFullScenario implements Scenario {
    private final boolean queue;
    private Oracle t;

    ThinFullScenario(boolean queue) { this.queue = queue; }

    @Override public void needs() { ThinPools.need(); }

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        ThinPools.vgWithPool(rig, "1m", "-Z", ThinPools.zero(random), "--errorwhenfull", queue ? "n" : "y");
        ThinPools.thin(rig, "t");
        t = ThinPools.written(rig, "t", random, random.nextInt(4)); // at most 9 of the 16 chunks
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload w = new Workload(t, rig.lv("t"), new Random(random.nextLong()), 1_000_000);
        if (!queue) {
            int refused = 0;
            for (int i = 0; i < 200; i++) {
                if (!w.tryWrite(random.nextInt(t.blocks))) refused++;
                if (random.nextInt(8) == 0) w.fsync();
            }
            w.fsync();
            Scenario.expect(refused > 0, "the pool never filled up");
            rig.ok("lvextend", "-L", "+1m", Rig.VG + "/" + ThinPools.POOL);
            for (int i = 0; i < 60; i++) w.tryWrite(random.nextInt(t.blocks));
            w.fsync();
            return;
        }
        boolean grow = random.nextBoolean();
        try (ThinWriter writer = new ThinWriter(w, new Random(random.nextLong()), 200, 8)) {
            writer.awaitProgress(rig, Integer.MAX_VALUE); // until a write waits in the full pool
            if (grow) rig.ok("lvextend", "-L", "+4m", Rig.VG + "/" + ThinPools.POOL);
            else rig.ok("lvchange", "--errorwhenfull", "y", Rig.VG + "/" + ThinPools.POOL);
        }
    }

    @Override
    public void check(Rig rig) throws Exception {
        ThinPools.judge(rig);
        Scenario.holds(rig, t);
    }
}
