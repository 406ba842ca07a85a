package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.e2e.mount.PvMoves.MiB;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer rewrites blocks of a mounted LV while a foreground pvmove moves it (its progress lines reach the client
 * while the copy runs): every block holds its last write afterwards, and again after umount and mount.
 */
class PvMoveWriterTest {
    private static final int BLOCK = 4096;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void everyBlockHoldsItsLastWrite(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 3, 64 * MiB);
            String src = rig.images.get(0).toString(), dst = rig.images.get(2).toString();
            rig.ulvm("lvcreate", "-i", "2", "-I", "64k", "-L", "32M", "-n", "lv", "vg", src, rig.images.get(1).toString()).ok();
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", "400");
            rig.mount();
            Path file = rig.lvFile("vg", "lv");
            int blocks = (int) (32 * MiB / BLOCK);
            long[] gen = new long[blocks];
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                for (int b = 0; b < blocks; b++) ch.write(ByteBuffer.wrap(block(b, 0)), (long) b * BLOCK);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            int[] writes = {0};
            Thread writer = new Thread(() -> {
                Random r = new Random(5);
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    while (!stop.get()) {
                        int b = r.nextInt(blocks);
                        ch.write(ByteBuffer.wrap(block(b, gen[b] + 1)), (long) b * BLOCK);
                        gen[b]++;
                        writes[0]++;
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            writer.start();

            // foreground pvmove through the daemon: progress lines arrive while it runs
            ProcessBuilder pb = new ProcessBuilder(MountRig.launcher().toString(), "pvmove", "-i", "1", src, dst).redirectErrorStream(true);
            pb.environment().put("ULVM_SKIP_BUILD", "1");
            pb.environment().put("ULVM_SYSTEM_DIR", rig.sys.toString());
            long start = System.nanoTime();
            Process p = pb.start();
            List<String> lines = new ArrayList<>();
            long firstMoved = -1;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) {
                    lines.add(l);
                    if (firstMoved < 0 && l.contains("Moved:")) firstMoved = System.nanoTime();
                }
            }
            assertEquals(0, p.waitFor(), () -> "pvmove: " + lines + "\n" + rig.daemonLog());
            long end = System.nanoTime();
            stop.set(true);
            writer.join();
            if (failed.get() != null) throw new AssertionError(failed.get());
            assertTrue(lines.contains("  " + src + ": Moved: 100.00%"), lines::toString);
            assertTrue(firstMoved > 0 && (end - firstMoved) / 1_000_000 >= 1000,
                    () -> "the first progress line came " + (end - start) / 1_000_000 + " ms after the start, at the end: " + lines);
            assertTrue(writes[0] > 100, "the writer wrote during the move: " + writes[0]);
            assertEquals(List.of("lv " + dst + "(0)," + rig.images.get(1) + "(0)"), rig.lvs("vg", "lv_name,devices"));

            check(file, blocks, gen, "after the move");
            rig.umount();
            PvMoves.vgckClean(rig, "vg");
            rig.mount();
            check(file, blocks, gen, "after umount and mount");
        }
    }

    private static void check(Path file, int blocks, long[] gen, String when) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(BLOCK);
            for (int b = 0; b < blocks; b++) {
                buf.clear();
                while (buf.hasRemaining()) ch.read(buf, (long) b * BLOCK + buf.position());
                final int blk = b;
                assertArrayEquals(block(b, gen[b]), buf.array(), () -> "block " + blk + " " + when);
            }
        }
    }

    /** A 4 KiB block naming its number and generation, so a misplaced or stale block is told apart. */
    private static byte[] block(int b, long gen) {
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        Random r = new Random(b * 1_000_003L + gen);
        while (buf.remaining() >= 16) buf.putInt(b).putLong(gen).putInt(r.nextInt());
        return buf.array();
    }
}
