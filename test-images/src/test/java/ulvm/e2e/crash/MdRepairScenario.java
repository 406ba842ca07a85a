package ulvm.e2e.crash;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * A synced, filled raid5 (raid6) LV whose PV1 image is missing when the daemon starts: it runs degraded and is
 * written (full stripes and partial); {@code lvconvert --repair -y VG/r SPARE} rebuilds the lost image onto the spare
 * PV under more writes. The power goes at any point. After the reboot: not repaired, the repair runs again (refused,
 * as LVM2 refuses it, when the cut left dirty regions the degraded array cannot resync: then only the degraded data
 * is checked); then the
 * array is in sync, every stripe's parity consistent, and the fsynced data reads whole, also without one (two) of the
 * images' PVs, also in rows written degraded at the cut (the stripe journal replayed: no degraded write hole).
 */
final class MdRepairScenario implements Scenario {
    private final String level;
    private Oracle raid;
    private String spare;
    private List<Integer> gone;

    MdRepairScenario(String level) { this.level = level; }

    @Override public int pvs() { return MdRaids.images(level) + 1; }

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        MdRaids.vg(rig);
        MdRaids.synced(rig, level, "r");
        raid = Builds.filled(rig, "r", random);
        spare = rig.pv(MdRaids.images(level));
        Path lost = rig.images.get(1);
        rig.images.remove(lost); // a dead disk: no command and no activation sees it from now on
        gone = MdRaids.drawn(random, MdRaids.images(level), MdRaids.parity(level)); // of the images left and the spare
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload w = new Workload(raid, rig.lv("r"), random, 1_000_000);
        int data = MdRaids.images(level) - MdRaids.parity(level);
        MdRaids.writes(w, random, data, 10 + random.nextInt(30), 8); // degraded
        rig.ok("lvconvert", "--repair", "-y", Rig.VG + "/r", spare);
        MdRaids.writes(w, random, data, 30 + random.nextInt(40), 8); // while the new image is rebuilt
        rig.awaitInSync("r", 60);
        w.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        if (!rig.act.raidStatus(Rig.VG, "r").legs().chars().allMatch(c -> c == 'A' || c == 'a')) {
            Scenario.holds(rig, raid); // degraded
            Rig.Result r = rig.cli("lvconvert", "--repair", "-y", Rig.VG + "/r", spare);
            if (r.rc() == 5 && r.err().contains("Unable to replace devices in " + Rig.VG + "/r while it is not in-sync.")) {
                // cut while degraded: the dirty regions cannot resync without the lost image, and LVM2 refuses to
                // repair an array not in sync (lib/metadata/raid_manip.c, lv_raid_replace; md would not even start
                // a dirty degraded array): it stays degraded, its data as checked above
                Scenario.expect(!rig.act.raidStatus(Rig.VG, "r").inSync(), "repair refused as not in sync, but in sync: " + rig.act.raidStatus(Rig.VG, "r"));
                return;
            }
            Scenario.expect(r.rc() == 0, "lvconvert --repair after the reboot: rc=" + r.rc() + "\n" + r.out() + r.err());
        }
        MdRaids.checked(rig, "r");
        Scenario.holds(rig, raid);
        // a commit cut between PVs left the newest metadata on some only: without them the VG would go back to the
        // older version (before the repair); vgck --updatemetadata writes the newest to every PV, as LVM2 advises
        rig.ok("vgck", "--updatemetadata", Rig.VG);
        MdRaids.holdsWithout(rig, raid, gone);
    }

    @Override
    public Pattern expectedWarnings() { return RepairScenario.MISSING_PV; }
}
