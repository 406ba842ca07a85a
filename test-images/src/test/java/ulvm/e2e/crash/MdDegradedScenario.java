package ulvm.e2e.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ulvm.io.fault.Fault;
import ulvm.io.fault.FaultyDevice;

/**
 * A synced, filled raid5 (raid6) LV whose one (two) images' PVs start failing writes under full-stripe and partial
 * writes: the images fail and the array runs degraded, written; the faults clear and {@code lvchange --refresh}
 * brings the images back, rebuilt under more writes. The power goes at any point. After the reboot the array
 * recovers by itself: every stripe's parity is consistent, and the fsynced data stays and reads whole without one
 * (two) PVs, also in stripe rows written degraded at the cut (the stripe journal replayed: no degraded write hole).
 */
final class MdDegradedScenario implements Scenario {
    private final String level;
    private Oracle raid;
    private List<Integer> failing;
    private List<Integer> gone;

    MdDegradedScenario(String level) { this.level = level; }

    @Override public int pvs() { return MdRaids.images(level); }

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        MdRaids.vg(rig);
        MdRaids.synced(rig, level, "r");
        raid = Builds.filled(rig, "r", random);
        failing = MdRaids.drawn(random, MdRaids.images(level), MdRaids.parity(level));
        gone = MdRaids.drawn(random, MdRaids.images(level), MdRaids.parity(level));
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        List<FaultyDevice> bad = new ArrayList<>();
        for (int i : failing) bad.add(rig.opener.faulty(rig.images.get(i)));
        rig.activate();
        Workload w = new Workload(raid, rig.lv("r"), random, 1_000_000);
        int data = MdRaids.images(level) - MdRaids.parity(level);
        MdRaids.writes(w, random, data, random.nextInt(20), 8);
        for (FaultyDevice f : bad) f.add(new Fault.FailAfterWrites(f.writes() + random.nextInt(8)));
        MdRaids.writes(w, random, data, 30 + random.nextInt(30), 8); // the images fail under these
        w.fsync();
        String legs = rig.act.raidStatus(Rig.VG, "r").legs();
        Scenario.expect(legs.chars().filter(c -> c == 'D').count() == failing.size(), "the failing images were not marked failed: " + legs);
        MdRaids.writes(w, random, data, random.nextInt(20), 8);
        for (FaultyDevice f : bad) f.clear();
        rig.ok("lvchange", "--refresh", Rig.VG + "/r");
        MdRaids.writes(w, random, data, 20 + random.nextInt(30), 8); // while the images are rebuilt
        rig.awaitInSync("r", 60);
        w.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        MdRaids.checked(rig, "r");
        try {
            Scenario.holds(rig, raid);
        } catch (AssertionError e) {
            throw new AssertionError("images " + failing + " failing: " + e.getMessage(), e);
        }
        MdRaids.holdsWithout(rig, raid, gone);
    }
}
