package ulvm.e2e.crash;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import ulvm.model.SnapshotSegment;
import ulvm.snapshot.SnapshotLvs;
import ulvm.snapshot.SnapshotOrigin;

/**
 * {@code lvconvert --merge -b} of a writable snapshot (written itself, its origin written since) while the origin is
 * active, the copy driven as the daemon's merger drives it (the live {@link SnapshotOrigin}'s merge steps) with
 * origin writes between the steps, then the final commit; the power goes at any point. After the reboot: not marked
 * merging, the origin and the snapshot are as before; marked merging, the merge resumes on the live origin; then (or
 * when it had finished) the origin reads exactly the snapshot's content with the fsynced origin writes made during
 * the merge on top.
 */
final class SnapMergeScenario implements Scenario {
    private Oracle lin;
    private Oracle snap;
    /** The origin after the merge: the snapshot's content, then the writes during and after the merge. */
    private Oracle merged;

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        Builds.vg(rig);
        Builds.linear(rig, "lin", 0);
        lin = Builds.filled(rig, "lin", random);
        snap = copy("snap", lin);
        rig.activate();
        try {
            String chunk = random.nextBoolean() ? "4k" : "16k";
            rig.ok("lvcreate", "-s", "-c", chunk, "-L", "4m", "-n", "snap", Rig.VG + "/lin", rig.pv(1));
            Workload o = new Workload(lin, rig.lv("lin"), random, 1_000_000);
            o.random(60 + random.nextInt(60), 10); // chunks the merge must copy back
            o.fsync();
            Workload s = new Workload(snap, rig.lv("snap"), random, 2_000_000);
            s.random(20 + random.nextInt(40), 10); // the snapshot's own changes, merged too
            s.fsync();
        } finally {
            rig.deactivate();
        }
        merged = copy("lin", snap);
    }

    /** An oracle of LV {@code lv} holding {@code from}'s durable versions (all fsynced). */
    private static Oracle copy(String lv, Oracle from) {
        Oracle o = new Oracle(lv, from.blocks);
        Map<Integer, Long> all = new HashMap<>();
        for (int b = 0; b < from.blocks; b++) {
            o.writing(b, from.durable(b));
            all.put(b, from.durable(b));
        }
        o.synced(all);
        return o;
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        rig.ok("lvconvert", "--merge", "-b", Rig.VG + "/snap");
        SnapshotOrigin running = rig.act.startMerge(Rig.VG, "lin");
        Scenario.expect(running != null, "the merge did not start on the active origin");
        Workload w = new Workload(merged, rig.lv("lin"), random, 3_000_000);
        while (running.mergeStep(1 + random.nextInt(16))) w.random(random.nextInt(6), 4); // writes between the merge's steps
        rig.snapshotMerge("lin"); // the merger's end: nothing left to copy, the snapshot's LVs go in one commit
        w.random(random.nextInt(20), 8);
        w.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        var vg = rig.vg();
        SnapshotSegment seg = SnapshotLvs.ofCow(vg, "snap").orElse(null);
        if (seg != null && !seg.merging()) {
            Scenario.holds(rig, lin);
            Scenario.holds(rig, snap);
            return;
        }
        if (seg != null) {
            Scenario.expect(!rig.shown.containsKey("snap"), "a merging snapshot is shown after the reboot");
            rig.snapshotMerge("lin");
            Scenario.expect(rig.vg().lv("snap").isEmpty(), "the snapshot is left after its merge finished");
        }
        Scenario.holds(rig, merged);
        // and on the image files, as the next activation reads them
        rig.deactivate();
        rig.activate();
        Scenario.holds(rig, merged);
    }
}
