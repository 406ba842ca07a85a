package ulvm.e2e.crash;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Writes, discards (whole pool chunks, which unmap and free blocks, and partial ones, which zero) and fsyncs on a thin
 * LV whose snapshot, taken offline and made at the activation (its queued message), shares the blocks written before;
 * freed blocks are provisioned again ({@code -Z y}: a reused block never shows its old data). After the reboot: the
 * pool's metadata is judged, the origin reads its fsynced data and zeros where a discard was fsynced, and the
 * snapshot reads what the origin held when it was made.
 */
final class ThinDiscardScenario implements Scenario {
    private Oracle t;
    private byte[] atSnapshot;

    @Override public void needs() { ThinPools.need(); }

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        ThinPools.vgWithPool(rig, "8m", "-Z", "y", "--discards", random.nextBoolean() ? "passdown" : "nopassdown");
        ThinPools.thin(rig, "t");
        t = ThinPools.written(rig, "t", random, 150 + random.nextInt(100));
        atSnapshot = Builds.durableImage(t);
        rig.ok("lvcreate", "-s", Rig.VG + "/t", "-n", "snap"); // queued: the pool is not running
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload w = new Workload(t, rig.lv("t"), random, 1_000_000);
        for (int i = 0; i < 12; i++) {
            w.random(random.nextInt(16), 8);
            int n = random.nextInt(3);
            for (int d = 0; d < n; d++) {
                if (random.nextBoolean()) { // whole chunks
                    int chunks = 1 + random.nextInt(4);
                    int first = random.nextInt(t.blocks / ThinPools.CHUNK_BLOCKS - chunks) * ThinPools.CHUNK_BLOCKS;
                    w.discard(first, chunks * ThinPools.CHUNK_BLOCKS);
                } else { // within a chunk, or across a boundary: the ends are zeroed
                    int count = 1 + random.nextInt(24);
                    w.discard(random.nextInt(t.blocks - count), count);
                }
            }
            if (random.nextInt(3) == 0) w.fsync();
        }
        w.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        ThinPools.judge(rig);
        Scenario.holds(rig, t);
        rig.ok("lvchange", "-ay", "-K", Rig.VG + "/snap");
        byte[] b = new byte[Stamps.BLOCK];
        var snap = rig.lv("snap");
        for (int i = 0; i < t.blocks; i++) {
            snap.read((long) i * Stamps.BLOCK, ByteBuffer.wrap(b));
            if (!java.util.Arrays.equals(b, 0, b.length, atSnapshot, i * Stamps.BLOCK, (i + 1) * Stamps.BLOCK))
                Scenario.fail("the thin snapshot changed: block " + i + " holds version " + Stamps.version(b, i, 0) + ", not "
                        + Stamps.version(atSnapshot, i, 0) + " as when it was made");
        }
    }
}
