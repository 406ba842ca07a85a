package ulvm.e2e.crash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ulvm.raid.RaidStatus;

/**
 * The raid4/5/6 LVs of the md scenarios (issue 21.4) and what is checked after their reboot: the parity of every
 * stripe consistent ({@code --syncaction check} finds 0 mismatches) and the fsynced data read whole with as many
 * images missing as the level tolerates.
 */
final class MdRaids {
    /** The stripe size: a full stripe of 2 or 3 data images is 8 or 12 blocks, so the workloads write many whole. */
    static final int STRIPE_KIB = 16;
    static final int STRIPE_BLOCKS = STRIPE_KIB * 1024 / Stamps.BLOCK;

    private MdRaids() {}

    /** The images of {@code level}: raid5 -i 2 (3 images), raid6 -i 3 (5, LVM2's least). */
    static int images(String level) { return level.equals("raid6") ? 5 : 3; }

    /** How many images the level can lose. */
    static int parity(String level) { return level.equals("raid6") ? 2 : 1; }

    /** {@code vgcreate -s 1m} over every PV of the rig. */
    static void vg(Rig rig) {
        List<String> c = new ArrayList<>(List.of("vgcreate", "-s", "1m", Rig.VG));
        for (int i = 0; i < rig.images.size(); i++) c.add(rig.pv(i));
        rig.ok(c.toArray(new String[0]));
    }

    /** A {@code level} LV on the first PVs, synced in full by a daemon on plain files. */
    static void synced(Rig rig, String level, String lv) throws Exception {
        int n = images(level);
        List<String> c = new ArrayList<>(List.of("lvcreate", "-y", "--type", level, "-i", String.valueOf(n - parity(level)), "-I", STRIPE_KIB + "k",
                "-L", Builds.LV_MIB + "m", "-R", "128k", "-n", lv, Rig.VG));
        for (int i = 0; i < n; i++) c.add(rig.pv(i));
        rig.ok(c.toArray(new String[0]));
        rig.activate();
        try {
            rig.awaitInSync(lv, 60);
        } finally {
            rig.deactivate();
        }
    }

    /**
     * Writes as {@link Workload#random} mixed with full-stripe writes (a row of {@code dataImages} chunks, aligned: parity
     * computed without reading), an fsync after each with probability {@code syncEvery}^-1.
     */
    static void writes(Workload w, Random random, int dataImages, int n, int syncEvery) throws java.io.IOException {
        int row = dataImages * STRIPE_BLOCKS;
        int rows = w.oracle.blocks / row;
        for (int i = 0; i < n; i++) {
            if (random.nextInt(3) == 0) {
                w.write(random.nextInt(rows) * row, row);
                if (random.nextInt(syncEvery) == 0) w.fsync();
            } else {
                w.random(1, syncEvery);
            }
        }
    }

    /**
     * After the resync: {@code --syncaction check} of the running LV (the engine's, as lvchange sends it) finds 0
     * mismatched sectors.
     */
    static void checked(Rig rig, String lv) throws Exception {
        rig.awaitInSync(lv, 60);
        Scenario.expect(rig.act.syncAction(Rig.VG, lv, "check"), "syncaction check refused for " + lv);
        long end = System.nanoTime() + 60_000_000_000L;
        RaidStatus s;
        while (!(s = rig.act.raidStatus(Rig.VG, lv)).syncAction().equals("idle")) {
            if (System.nanoTime() > end) Scenario.fail(lv + ": check not done after 60 s: " + s);
            Thread.sleep(5);
        }
        Scenario.expect(s.mismatches() == 0, lv + ": parity inconsistent after the resync: " + s + " " + rig.messages);
    }

    /**
     * With the daemon stopped: the PVs {@code gone} left out, the daemon starts again (the LV degraded) and the LV's
     * every block is as the oracle allows, reconstructed from parity; then the daemon stops and the PVs are back.
     */
    static void holdsWithout(Rig rig, Oracle o, List<Integer> gone) throws Exception {
        rig.deactivate();
        List<Path> all = new ArrayList<>(rig.images);
        List<Path> away = gone.stream().map(rig.images::get).toList();
        rig.images.removeAll(away);
        try {
            try {
                rig.activate();
            } catch (IllegalStateException e) {
                throw new AssertionError("without PVs " + gone + ": " + e.getMessage() + "\n" + rig.cli("lvs", "-a", "-o", "name,attr,devices", Rig.VG).out(), e);
            }
            RaidStatus s = rig.act.raidStatus(Rig.VG, o.lv);
            Scenario.expect(s != null && s.legs().chars().filter(c -> c == 'D').count() == gone.size(),
                    o.lv + " without PVs " + gone + " is not degraded by " + gone.size() + ": " + s);
            try {
                Scenario.holds(rig, o);
            } catch (AssertionError e) {
                throw new AssertionError("without PVs " + gone + " (the daemon's log: " + rig.messages + "): " + e.getMessage(), e);
            }
        } finally {
            rig.deactivate();
            rig.images.clear();
            rig.images.addAll(all);
        }
    }

    /** {@code parity} distinct PVs among the first {@code images}, as the seed draws them. */
    static List<Integer> drawn(Random random, int images, int parity) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < images; i++) all.add(i);
        java.util.Collections.shuffle(all, random);
        return List.copyOf(all.subList(0, parity));
    }
}
