package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.*;
import static ulvm.e2e.mount.RaidSteps.random;
import static ulvm.e2e.mount.RaidSteps.readAt;
import static ulvm.e2e.mount.RaidSteps.writeSynced;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the daemon while writers hammer the origin under a snapshot: after the remount the snapshot still shows
 * the pre-snapshot data in every chunk, the store's header is valid and its exception records (read independently
 * from the image) are distinct and inside the COW.
 */
class SnapshotCrashTest {
    private static final int MiB = 1 << 20;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void theSnapshotSurvivesAKillDuringOriginWrites(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 128L * MiB);
            rig.ulvm("lvcreate", "-L", "32M", "-n", "lv", "vg").ok();
            rig.mount();
            Path lv = rig.lvFile("vg", "lv");
            byte[] a = random(1, 32 * MiB);
            writeSynced(lv, 0, a);
            SnapshotSteps.create(rig, "vg", "lv", "snap", "40M", 16, true); // 8 KiB chunks

            AtomicLong writes = new AtomicLong();
            Thread[] writers = new Thread[3];
            for (int w = 0; w < writers.length; w++) {
                int seed = w;
                writers[w] = new Thread(() -> {
                    Random rnd = new Random(seed);
                    byte[] junk = new byte[12 * 1024];
                    try (FileChannel ch = FileChannel.open(lv, StandardOpenOption.WRITE)) {
                        while (true) {
                            rnd.nextBytes(junk);
                            ch.write(ByteBuffer.wrap(junk, 0, 1 + rnd.nextInt(junk.length)), rnd.nextInt(32 * MiB - junk.length));
                            if (writes.incrementAndGet() % 50 == 0) ch.force(false);
                        }
                    } catch (Exception ended) {
                        // the daemon died under us
                    }
                }, "origin-writer-" + w);
                writers[w].start();
            }
            while (writes.get() < 1500) MountRig.sleep(5);
            rig.kill9();
            for (Thread t : writers) t.join(TimeUnit.SECONDS.toMillis(30));

            SnapshotSteps.Store st = SnapshotSteps.readStore(rig, "vg", "snap");
            SnapshotSteps.assertStoreValid(st, true);
            assertEquals(16, st.chunkSectors());
            assertTrue(st.exceptions().size() > 100, "exceptions committed before the kill: " + st.exceptions().size());
            Set<Long> origins = new HashSet<>(), cows = new HashSet<>();
            long cowChunks = 40L * MiB / 8192, perArea = 8192 / 16;
            for (long[] e : st.exceptions()) {
                assertTrue(origins.add(e[0]), "origin chunk " + e[0] + " twice");
                assertTrue(cows.add(e[1]), "COW chunk " + e[1] + " twice");
                assertTrue(e[0] >= 0 && e[0] < 32L * MiB / 8192, "origin chunk " + e[0]);
                assertTrue(e[1] >= 2 && e[1] < cowChunks && (e[1] - 1) % (perArea + 1) != 0, "COW chunk " + e[1]);
            }

            rig.mount();
            Path snap = rig.lvFile("vg", "snap");
            assertTrue(Files.exists(snap), () -> "no snapshot file after the remount; lvs:\n" + rig.ulvm("lvs", "-a", "vg").out() + "daemon log:\n" + rig.daemonLog());
            byte[] seen = readAt(snap, 0, 32 * MiB);
            for (int c = 0; c < 32 * MiB / 8192; c++)
                assertArrayEquals(java.util.Arrays.copyOfRange(a, c * 8192, (c + 1) * 8192), java.util.Arrays.copyOfRange(seen, c * 8192, (c + 1) * 8192),
                        "snapshot chunk " + c);
            // the origin goes on under the reloaded store
            byte[] b = random(9, 3 * MiB);
            writeSynced(lv, 5 * MiB, b);
            assertArrayEquals(a, readAt(snap, 0, 32 * MiB));
            assertArrayEquals(b, readAt(lv, 5 * MiB, b.length));
        }
    }
}
