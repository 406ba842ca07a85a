package ulvm.e2e.crash;

import java.util.Random;
import ulvm.model.Area;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.move.MoveLvs;

/**
 * {@code pvmove PV0 PV1} of a written LV while a writer thread writes and fsyncs it; the power goes at any point.
 * After the reboot {@code pvmove} (no arguments) finishes what was left: the LV lies on PV1 only, no pvmove LV is
 * left, and the fsynced data is intact.
 */
final class PvMoveScenario implements Scenario {
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
        Workload w = new Workload(lin, rig.lv("lin"), new Random(random.nextLong()), 1_000_000);
        int writes = 50 + random.nextInt(100);
        Throwable[] failed = new Throwable[1];
        Thread writer = new Thread(() -> {
            try {
                w.random(writes, 8);
                w.fsync();
            } catch (Throwable t) {
                failed[0] = t;
            }
        }, "pvmove-writer");
        writer.start();
        try {
            rig.ok("pvmove", "-i", "0", rig.pv(0), rig.pv(1));
        } finally {
            writer.join();
        }
        if (failed[0] != null) throw new IllegalStateException("writer", failed[0]);
    }

    @Override
    public void check(Rig rig) throws Exception {
        boolean moving = !MoveLvs.pvmoveLvs(rig.vg()).isEmpty();
        if (moving) rig.ok("pvmove", "-i", "0");
        Vg vg = rig.vg();
        Scenario.expect(MoveLvs.pvmoveLvs(vg).isEmpty(), "a pvmove LV is left after pvmove finished");
        boolean onPv0 = onPv(vg, "lin", rig.pv(0));
        Scenario.expect(!moving || !onPv0, "lin still on PV0 after the resumed move finished");
        Scenario.holds(rig, lin);
    }

    static boolean onPv(Vg vg, String lvName, String device) {
        String pv = vg.pvs().stream().filter(p -> p.device().equals(device)).findFirst().orElseThrow().id();
        for (Segment s : vg.lv(lvName).orElseThrow().segments())
            for (Area a : s.areas()) if (a instanceof Area.OnPv on && on.pvId().equals(pv)) return true;
        return false;
    }
}
