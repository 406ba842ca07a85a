package ulvm.e2e.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A run of metadata commands on an active VG (lvcreate, lvextend, lvrename, lvremove, lvcreate raid1, lvchange
 * -an/-ay) with the power cut inside one of them; the trial's common checks judge the metadata (old or new
 * version, ulvm's and real LVM2's vgck). After the reboot the VG still takes a change.
 */
final class MetadataScenario implements Scenario {
    @Override
    public void setup(Rig rig, Random random) {
        Builds.vg(rig);
        Builds.linear(rig, "base", 0);
    }

    @Override
    public void run(Rig rig, Random random) {
        rig.activate();
        List<String> lvs = new ArrayList<>();
        int next = 0;
        for (int step = 0; step < 8; step++) {
            int kind = lvs.isEmpty() ? 0 : random.nextInt(6);
            String name = lvs.isEmpty() ? null : lvs.get(random.nextInt(lvs.size()));
            switch (kind) {
                case 0 -> {
                    String n = "lv" + next++;
                    rig.ok("lvcreate", "-L", (1 + random.nextInt(2)) + "m", "-n", n, Rig.VG);
                    lvs.add(n);
                }
                case 1 -> rig.ok("lvextend", "-L", "+1m", Rig.VG + "/" + name);
                case 2 -> {
                    String n = "lv" + next++;
                    rig.ok("lvrename", Rig.VG + "/" + name, Rig.VG + "/" + n);
                    lvs.set(lvs.indexOf(name), n);
                }
                case 3 -> {
                    rig.ok("lvremove", "-y", Rig.VG + "/" + name);
                    lvs.remove(name);
                }
                case 4 -> {
                    String n = "lv" + next++;
                    rig.ok("lvcreate", "--type", "raid1", "-m", "1", "-L", "1m", "-n", n, Rig.VG);
                    lvs.add(n);
                }
                default -> rig.ok("lvchange", random.nextBoolean() ? "-an" : "-ay", Rig.VG + "/" + name);
            }
        }
    }

    @Override
    public void check(Rig rig) {
        rig.ok("lvcreate", "-L", "1m", "-n", "after", Rig.VG);
        rig.ok("lvremove", "-y", Rig.VG + "/after");
    }
}
