package ulvm.e2e.crash;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * {@code lvcreate -s} of a written, active origin, then writes to the origin (each first copies its chunk to the
 * COW): the power goes at any point, so also between a copy's data force, its record write and the origin write.
 * After the reboot, if the snapshot exists it reads exactly what the origin held (all fsynced) when it was made, in
 * every block; the origin keeps its fsynced writes.
 *
 * <p>{@code wholeOrigin} (scenario snapareas): 8 KiB chunks (512 records per exception area, 256 per 4 KiB block) and
 * a walk over the whole origin after the random writes, so the commits write area 0 block by block, fill it and zero
 * area 1 (issue 17.3: a commit writes only the blocks of its records).
 */
final class SnapshotCowScenario implements Scenario {
    private final boolean wholeOrigin;
    private Oracle lin;
    private byte[] atSnapshot;

    SnapshotCowScenario() { this(false); }

    SnapshotCowScenario(boolean wholeOrigin) { this.wholeOrigin = wholeOrigin; }

    @Override
    public void setup(Rig rig, Random random) throws Exception {
        Builds.vg(rig);
        Builds.linear(rig, "lin", 0);
        lin = Builds.filled(rig, "lin", random);
    }

    @Override
    public void run(Rig rig, Random random) throws Exception {
        rig.activate();
        Workload w = new Workload(lin, rig.lv("lin"), random, 1_000_000);
        w.random(random.nextInt(40), 10);
        w.fsync();
        atSnapshot = Builds.durableImage(lin);
        String chunk = wholeOrigin ? "8k" : random.nextBoolean() ? "4k" : "16k";
        rig.ok("lvcreate", "-s", "-c", chunk, "-L", wholeOrigin ? "5m" : "4m", "-n", "snap", Rig.VG + "/lin", rig.pv(1));
        w.random(60 + random.nextInt(120), 10);
        if (wholeOrigin) {
            for (int b = 0, n; b < lin.blocks; b += n) {
                n = Math.min(lin.blocks - b, 1 + random.nextInt(8));
                w.write(b, n);
                if (random.nextInt(16) == 0) w.fsync();
            }
        }
        w.fsync();
    }

    @Override
    public void check(Rig rig) throws Exception {
        Scenario.holds(rig, lin);
        if (rig.vg().lv("snap").isEmpty()) return;
        Scenario.expect(atSnapshot != null, "a snapshot before lvcreate -s ran");
        var status = rig.act.snapshotStatus(Rig.VG, "snap");
        Scenario.expect(status != null, "snapshot snap is not active after the reboot");
        byte[] b = new byte[Stamps.BLOCK];
        var snap = rig.lv("snap");
        for (int i = 0; i < lin.blocks; i++) {
            snap.read((long) i * Stamps.BLOCK, ByteBuffer.wrap(b));
            if (!java.util.Arrays.equals(b, 0, b.length, atSnapshot, i * Stamps.BLOCK, (i + 1) * Stamps.BLOCK))
                Scenario.fail("the snapshot changed: block " + i + " holds version " + Stamps.version(b, i, 0) + ", not "
                        + Stamps.version(atSnapshot, 0, 0) + " as when it was made (" + status + ")");
        }
    }
}
