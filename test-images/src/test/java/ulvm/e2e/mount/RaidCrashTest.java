package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.e2e.mount.RaidSteps.random;
import static ulvm.e2e.mount.RaidSteps.readAt;
import static ulvm.e2e.mount.RaidSteps.writeSynced;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the daemon while a split image is tracked and during a merge: nothing fsynced is lost, the merge resumes. */
class RaidCrashTest {
    private static final long MiB = 1L << 20;
    private static final long SIZE = 64 * MiB;
    private static final long REGION = 512 * 1024;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void killedWhileSplitAndDuringTheMergeThenTheMergeCompletes(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 100 * MiB);
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "64M", "-R", "512k", "--nosync", "-n", "r1", "vg").ok();
            rig.mount();
            Path r1 = rig.lvFile("vg", "r1");
            byte[] d1 = random(1, (int) (4 * MiB));
            writeSynced(r1, 0, d1);

            RaidSteps.splitTracked(rig, "vg", "r1_rimage_1");
            Path split = rig.lvFile("vg", "r1_rimage_1");
            byte[] splitHash = sha(split);
            byte[] d2 = random(2, (int) (2 * MiB));
            writeSynced(r1, 4 * MiB, d2);

            // unsynced writes into 8..16 MiB while the daemon is killed
            AtomicLong writes = new AtomicLong();
            Thread writer = new Thread(() -> {
                Random rnd = new Random(3);
                byte[] junk = new byte[64 * 1024];
                try (FileChannel ch = FileChannel.open(r1, StandardOpenOption.WRITE)) {
                    while (true) {
                        rnd.nextBytes(junk);
                        ch.write(ByteBuffer.wrap(junk), 8 * MiB + rnd.nextInt(128) * 64 * 1024L);
                        writes.incrementAndGet();
                    }
                } catch (Exception ended) {
                    // the daemon died under us
                }
            }, "raid-writer");
            writer.start();
            while (writes.get() < 300) MountRig.sleep(5);
            kill9(rig);
            writer.join(TimeUnit.SECONDS.toMillis(30));

            rig.mount();
            assertArrayEquals(d1, readAt(r1, 0, d1.length), "fsynced before the split");
            assertArrayEquals(d2, readAt(r1, 4 * MiB, d2.length), "fsynced while split");
            assertArrayEquals(splitHash, sha(split), "the split image never changed");

            // merge at 2 MiB/s (4 regions a second); killed once some regions are copied
            RaidSteps.merge(rig, "vg", "r1_rimage_1", 2048);
            double start = RaidSteps.copyPercent(rig, "vg", "r1");
            long regions = SIZE / REGION;
            long tracked = Math.round(regions * (100 - start) / 100);
            assertTrue(tracked >= 4 && tracked <= 4 + 16, "tracked regions: " + tracked + " (" + start + "%)");
            long deadline = System.currentTimeMillis() + 30_000;
            double twoRegions = 2 * 100.0 / regions;
            while (RaidSteps.copyPercent(rig, "vg", "r1") < start + twoRegions && System.currentTimeMillis() < deadline) MountRig.sleep(50);
            kill9(rig);

            rig.mount();
            Pattern done = Pattern.compile("vg/r1: merge of r1_rimage_1 done: (\\d+) regions copied");
            RaidSteps.awaitLog(rig, "vg/r1: merge of r1_rimage_1 done:", 60);
            Matcher m = done.matcher(rig.daemonLog());
            assertTrue(m.find(), rig.daemonLog());
            long copied = Long.parseLong(m.group(1));
            assertTrue(copied >= 1 && copied < tracked, "resumed with the remaining bits: " + copied + " of " + tracked);
            assertEquals(100.0, RaidSteps.copyPercent(rig, "vg", "r1"));
            assertNull(RaidSteps.firstDifference(rig, "vg", "r1_rimage_0", "r1_rimage_1", SIZE), "images identical after the merge");
            assertArrayEquals(d1, readAt(r1, 0, d1.length));
            assertArrayEquals(d2, readAt(r1, 4 * MiB, d2.length));
        }
    }

    private static void kill9(MountRig rig) throws Exception {
        ProcessHandle daemon = ProcessHandle.of(rig.daemonPid()).orElseThrow();
        assertTrue(daemon.destroyForcibly());
        daemon.onExit().get(10, TimeUnit.SECONDS);
    }

    private static byte[] sha(Path f) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            while (ch.read(b) > 0) {
                b.flip();
                md.update(b);
                b.clear();
            }
        }
        assertEquals(SIZE, Files.size(f));
        return md.digest();
    }
}
