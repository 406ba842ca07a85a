package ulvm.e2e.crash;

import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Pattern;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.Vg;

/**
 * A synced, written raid1 LV on PV0 and PV1; PV1's image is missing when the daemon starts (left out of the
 * devices), so the array runs degraded and is written; {@code lvconvert --repair -y VG/r PV2} puts a new image on
 * PV2, which syncs in full under more writes. The power goes at any point. After the reboot: not repaired, the repair
 * runs again; then the array syncs, the two images are identical and the fsynced data is intact. vgck (ulvm's and
 * real LVM2's, without the missing image) may only warn of the missing PV and fail for it (exit 5), as LVM2 2.03.16.
 */
final class RepairScenario implements Scenario {
    private Oracle raid;
    private String spare;
    private String missingId;

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        Builds.vg(rig);
        Builds.syncedRaid1(rig, "r");
        raid = Builds.filled(rig, "r", random);
        Path gone = rig.images.get(1);
        missingId = rig.vg().pvs().stream().filter(p -> gone.toString().equals(p.device())).findFirst().orElseThrow().id();
        spare = rig.pv(2);
        rig.images.remove(gone); // a dead disk: no command and no activation sees it from now on
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload w = new Workload(raid, rig.lv("r"), random, 1_000_000);
        w.random(10 + random.nextInt(40), 8); // degraded
        rig.ok("lvconvert", "--repair", "-y", Rig.VG + "/r", spare);
        w.random(30 + random.nextInt(60), 8); // while the new image syncs
        rig.awaitInSync("r", 60);
        w.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        if (onMissing(rig.vg())) {
            Scenario.holds(rig, raid); // degraded, from the surviving leg
            rig.ok("lvconvert", "--repair", "-y", Rig.VG + "/r", spare);
            Scenario.expect(!onMissing(rig.vg()), "the repair left an image on the missing PV");
        }
        rig.awaitInSync("r", 60);
        Scenario.holds(rig, raid);
        Scenario.imagesEqual(rig, "r", 2);
    }

    /** Whether an image of r still lies on the missing PV. */
    private boolean onMissing(Vg vg) {
        for (Lv lv : vg.lvs()) {
            if (!lv.name().startsWith("r_")) continue;
            for (Segment s : lv.segments())
                for (Area a : s.areas()) if (a instanceof Area.OnPv on && on.pvId().equals(missingId)) return true;
        }
        return false;
    }

    /** The missing PV, as ulvm and LVM2 word it. */
    @Override
    public Pattern expectedWarnings() { return MISSING_PV; }

    /** One PV missing, as ulvm and LVM2 word it. */
    static final Pattern MISSING_PV = Pattern.compile(
            "Couldn't find device with uuid|VG " + Rig.VG + " is missing PV \\S+ \\(last written to |^\\s*The volume group is missing 1 physical volumes\\.$");
}
