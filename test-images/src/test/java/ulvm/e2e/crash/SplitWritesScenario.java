package ulvm.e2e.crash;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import ulvm.model.Vg;

/**
 * A writer thread writes and fsyncs a raid1 LV while {@code lvconvert --splitmirrors 1 --trackchanges} runs, and
 * goes on after it; the power goes at any point. Split (metadata new): the split image holds, in every sector, the
 * version the LV held when the split began, or one written while the split ran (never one written after the split
 * returned); then {@code lvconvert --merge} brings it back and the images converge. Not split: the images converge.
 * The LV keeps its fsynced data either way.
 */
final class SplitWritesScenario implements Scenario {
    private Oracle raid;
    /** Durable versions and the writes' marks when the split began and when it returned (-1: not yet). */
    private long[] durableAtStart;
    private volatile int startMark = -1;
    private volatile int endMark = -1;

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        Builds.vg(rig);
        Builds.raid1(rig, "r");
        raid = Builds.filled(rig, "r", random);
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload w = new Workload(raid, rig.lv("r"), new Random(random.nextLong()), 1_000_000);
        int before = random.nextInt(40), during = 300, after = 40 + random.nextInt(80);
        Throwable[] failed = new Throwable[1];
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch split = new java.util.concurrent.CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                w.random(before, 8);
                started.countDown();
                for (int i = 0; i < during && split.getCount() > 0; i++) w.random(1, 8); // racing the split
                split.await();
                w.random(after, 8); // after it returned: never in the split image
                w.fsync();
            } catch (Throwable t) {
                failed[0] = t;
            } finally {
                started.countDown();
            }
        }, "split-writer");
        writer.start();
        try {
            started.await();
            synchronized (raid) {
                durableAtStart = new long[raid.blocks];
                for (int b = 0; b < raid.blocks; b++) durableAtStart[b] = raid.durable(b);
                startMark = raid.mark();
            }
            rig.ok("lvconvert", "--splitmirrors", "1", "--trackchanges", "-y", Rig.VG + "/r");
            endMark = raid.mark();
        } finally {
            split.countDown();
            writer.join();
        }
        if (failed[0] != null) throw new IllegalStateException("writer", failed[0]);
    }

    @Override
    public void check(Rig rig) throws Exception {
        Vg vg = rig.vg();
        Scenario.holds(rig, raid);
        if (vg.lv("r_rimage_1").orElseThrow().visible()) {
            Scenario.expect(startMark >= 0, "split before the split was asked for");
            byte[] split = LvImage.read(vg, "r_rimage_1");
            int end = endMark >= 0 ? endMark : Integer.MAX_VALUE; // cut inside the command: every later write was concurrent
            for (int b = 0; b < raid.blocks; b++) {
                Set<Long> ok = new TreeSet<>(raid.toldBetween(b, 0, end));
                long durable = durableAtStart[b];
                ok.removeIf(v -> v < durable);
                ok.add(durable);
                byte[] block = java.util.Arrays.copyOfRange(split, b * Stamps.BLOCK, (b + 1) * Stamps.BLOCK);
                for (int s = 0; s < Stamps.BLOCK / Stamps.SECTOR; s++) {
                    long v = Stamps.version(block, b, s);
                    if (!ok.contains(v))
                        Scenario.fail("the split image changed: block " + b + " sector " + s + " holds "
                                + (v == Stamps.GARBAGE ? "garbage" : "version " + v) + ", allowed " + ok + " (durable at the split "
                                + durable + ")");
                }
            }
            rig.ok("lvconvert", "--merge", Rig.VG + "/r_rimage_1");
        }
        rig.awaitInSync("r", 60);
        Scenario.holds(rig, raid);
        Scenario.imagesEqual(rig, "r", 2);
    }
}
