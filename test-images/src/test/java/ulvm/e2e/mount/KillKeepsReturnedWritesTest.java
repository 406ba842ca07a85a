package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise for kill -9 of the daemon: every write that returned is on the image files, fsynced or not
 * (the daemon holds no data of its own). Writers on a linear, a striped, a syncing raid1 and a snapshotted origin
 * never fsync; the daemon is killed under them; after the next mount every block holds its last returned write,
 * or, for the one write in flight per writer, that write.
 */
class KillKeepsReturnedWritesTest {
    private static final long MiB = 1L << 20;
    private static final int BLOCK = 4096;
    private static final int BLOCKS = (int) (8 * MiB / BLOCK);

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    /** Rewrites random blocks of the first 8 MiB of an LV file, each stamped with (block, generation). */
    static final class Writer {
        final String lv;
        final long[] returned = new long[BLOCKS];
        volatile int inFlight = -1;
        final AtomicLong writes = new AtomicLong();
        final Thread thread;

        Writer(Path file, String lv, long seed) {
            this.lv = lv;
            thread = new Thread(() -> {
                Random r = new Random(seed);
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    while (true) {
                        int b = r.nextInt(BLOCKS);
                        inFlight = b;
                        ByteBuffer buf = ByteBuffer.wrap(block(b, returned[b] + 1));
                        while (buf.hasRemaining()) ch.write(buf, (long) b * BLOCK + buf.position());
                        returned[b]++;
                        inFlight = -1;
                        writes.incrementAndGet();
                    }
                } catch (IOException ended) {
                    // the daemon died under us: the write in flight may or may not have landed
                }
            }, "writer-" + lv);
            thread.start();
        }

        void check(Path file) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.allocate(BLOCK);
                for (int b = 0; b < BLOCKS; b++) {
                    buf.clear();
                    while (buf.hasRemaining()) if (ch.read(buf, (long) b * BLOCK + buf.position()) < 0) break;
                    long gen = ByteBuffer.wrap(buf.array()).getLong(8);
                    boolean ok = java.util.Arrays.equals(buf.array(), block(b, returned[b]))
                            || b == inFlight && java.util.Arrays.equals(buf.array(), block(b, returned[b] + 1));
                    assertTrue(ok, lv + " block " + b + ": holds generation " + gen + ", the last returned write was " + returned[b]
                            + (b == inFlight ? " (+1 in flight)" : ""));
                }
            }
        }
    }

    static byte[] block(int b, long gen) {
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        while (buf.remaining() >= 16) buf.putLong(b).putLong(gen);
        return buf.array();
    }

    @Test
    void everyReturnedWriteSurvivesKill9WithoutFsync(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 3, 64 * MiB);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lin", "vg").ok();
            rig.ulvm("lvcreate", "-i", "2", "-I", "64k", "-L", "8M", "-n", "str", "vg").ok();
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "16M", "-R", "512k", "-n", "r", "vg").ok();
            rig.ulvm("lvcreate", "-L", "8M", "-n", "orig", "vg").ok();
            rig.mount();
            // generation 0 everywhere first, fsynced
            List<String> lvs = List.of("lin", "str", "r", "orig");
            for (String lv : lvs) {
                try (FileChannel ch = FileChannel.open(rig.lvFile("vg", lv), StandardOpenOption.WRITE)) {
                    for (int b = 0; b < BLOCKS; b++) ch.write(ByteBuffer.wrap(block(b, 0)), (long) b * BLOCK);
                    ch.force(true);
                }
            }
            rig.ulvm("lvcreate", "-s", "-L", "8M", "-n", "snap", "vg/orig").ok();
            List<Writer> writers = new ArrayList<>();
            for (int i = 0; i < lvs.size(); i++) writers.add(new Writer(rig.lvFile("vg", lvs.get(i)), lvs.get(i), 10 + i));
            long deadline = System.currentTimeMillis() + 60_000;
            while (writers.stream().anyMatch(w -> w.writes.get() < 500) && System.currentTimeMillis() < deadline) MountRig.sleep(10);
            for (Writer w : writers) assertTrue(w.writes.get() >= 500, w.lv + " wrote " + w.writes.get() + " blocks in a minute");
            rig.kill9();
            for (Writer w : writers) {
                w.thread.join(TimeUnit.SECONDS.toMillis(30));
                assertTrue(!w.thread.isAlive(), w.lv + "'s writer still running after the kill");
            }

            rig.mount();
            for (Writer w : writers) w.check(rig.lvFile("vg", w.lv));
            // and the snapshot still shows the origin as it was: generation 0 everywhere
            try (FileChannel ch = FileChannel.open(rig.lvFile("vg", "snap"), StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.allocate(BLOCK);
                for (int b = 0; b < BLOCKS; b++) {
                    buf.clear();
                    while (buf.hasRemaining()) if (ch.read(buf, (long) b * BLOCK + buf.position()) < 0) break;
                    assertArrayEquals(block(b, 0), buf.array(), "snapshot block " + b);
                }
            }
        }
    }
}
