package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import ulvm.io.Devices;
import ulvm.model.Lv;
import ulvm.move.MoveLvs;
import ulvm.move.MoveProgress;
import ulvm.move.MoveRecord;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * Helpers of the online pvmove tests: is a move recorded, how far it got (through vgcfgbackup, or read from the
 * images), wait for a checkpoint or its end, the LVs' devices, the real LVM2 check, and a block writer with its check.
 */
final class PvMoves {
    private PvMoves() {}

    static final long MiB = 1L << 20;

    /** True while VG {@code vg} records a pvmove LV. */
    static boolean moving(MountRig rig, String vg) {
        return rig.ulvm("lvs", "-a", "--noheadings", "-o", "lv_name", vg).ok().out().contains("pvmove");
    }

    /**
     * Extents moved as of the last checkpoint (the committed extents_moved, or further on the move's progress record
     * where it is trusted, move.MoveRecord), or -1 when no move is recorded. Read in this JVM as {@link #movedInImages},
     * retried while a write is in progress.
     */
    static long movedExtents(MountRig rig, String vg) {
        long n, end = System.currentTimeMillis() + 10_000;
        while ((n = movedInImages(rig, vg)) == -2 && System.currentTimeMillis() < end) MountRig.sleep(10);
        return n;
    }

    static void waitDone(MountRig rig, String vg, long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (moving(rig, vg)) {
            assertTrue(System.currentTimeMillis() < end, () -> "the move did not finish in " + timeoutMs + " ms\n" + rig.daemonLog());
            MountRig.sleep(100);
        }
    }

    /** Waits until a checkpoint is committed (copy_percent above 0). */
    static void waitStarted(MountRig rig, String vg, long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (movedExtents(rig, vg) <= 0) {
            assertTrue(System.currentTimeMillis() < end, () -> "no checkpoint in " + timeoutMs + " ms\n" + rig.daemonLog());
            MountRig.sleep(50);
        }
    }

    /**
     * Moved extents as the PV images and the move's progress record hold them now (see {@link #movedExtents}), read in this JVM (milliseconds, where a ulvm command takes a
     * second): -1 when no move is recorded, -2 when the metadata could not be read (a write in progress).
     */
    static long movedInImages(MountRig rig, String vg) {
        try (Scan scan = Scan.of(rig.images, false)) {
            Optional<VgCopies> vc = scan.vg(vg);
            if (vc.isEmpty()) return -2;
            List<Lv> mvs = MoveLvs.pvmoveLvs(vc.get().vg());
            if (mvs.isEmpty()) return -1;
            long n = 0;
            for (Lv mv : mvs) {
                Path record = MoveRecord.file(rig.sys, mv.id());
                n += MoveProgress.moved(MoveRecord.apply(Devices.FILES, record, vc.get().vg(), mv.name()).lv(mv.name()).orElseThrow());
            }
            return n;
        } catch (RuntimeException e) {
            return -2;
        }
    }

    /**
     * Waits until the committed metadata records at least {@code n} moved extents (the daemon then sits in its
     * test delay after that checkpoint); returns the count seen.
     */
    static long waitMoved(MountRig rig, String vg, long n, long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        long at;
        while ((at = movedInImages(rig, vg)) < n) {
            assertTrue(System.currentTimeMillis() < end, () -> "not " + n + " extents moved in " + timeoutMs + " ms\n" + rig.daemonLog());
            MountRig.sleep(10);
        }
        return at;
    }

    /** {@code lvs -a -o lv_name,devices VG}: one "NAME DEVICES" line per LV segment. */
    static List<String> devices(MountRig rig, String vg) {
        return rig.ulvm("lvs", "-a", "--noheadings", "-o", "lv_name,devices", vg).ok().out().lines()
                .map(l -> l.trim().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
    }

    /** Real LVM2's vgck on the images: no complaint. */
    static void vgckClean(MountRig rig, String vg) {
        ulvm.e2e.RealLvm.Result r = ulvm.e2e.RealLvm.run(rig.images, "vgck", vg);
        assertEquals(0, r.rc(), () -> "real vgck: " + r);
        assertEquals("", r.warnings(), () -> "real vgck warns: " + r);
    }

    /**
     * Rewrites random 4 KiB blocks of an LV file from a thread, each block naming its number and generation, and
     * remembers the last generation of each, so a lost, stale or misplaced write is found by {@link #check}.
     */
    static final class BlockWriter implements AutoCloseable {
        static final int BLOCK = 4096;
        private final Path file;
        private final long[] gen;
        private final Thread thread;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicReference<Throwable> failed = new AtomicReference<>();
        private volatile long writes;

        /** Writes generation 0 of every block of the first {@code bytes} of {@code file}, then starts rewriting. */
        BlockWriter(Path file, long bytes, long seed) throws IOException {
            this.file = file;
            gen = new long[(int) (bytes / BLOCK)];
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                for (int b = 0; b < gen.length; b++) write(ch, b, 0);
                ch.force(true);
            }
            thread = new Thread(() -> {
                Random r = new Random(seed);
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    while (!stop.get()) {
                        int b = r.nextInt(gen.length);
                        write(ch, b, gen[b] + 1);
                        gen[b]++;
                        writes++;
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            }, "block-writer");
            thread.start();
        }

        long writes() { return writes; }

        /** Stops the writer and rethrows what it failed with; returns the number of rewrites. */
        long stop() throws InterruptedException {
            stop.set(true);
            thread.join();
            if (failed.get() != null) throw new AssertionError("the writer failed", failed.get());
            return writes;
        }

        @Override public void close() throws InterruptedException { stop.set(true); thread.join(); }

        /** Every block holds its last write (call after {@link #stop}). */
        void check(String when) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.allocate(BLOCK);
                for (int b = 0; b < gen.length; b++) {
                    buf.clear();
                    while (buf.hasRemaining()) if (ch.read(buf, (long) b * BLOCK + buf.position()) < 0) break;
                    final int blk = b;
                    assertArrayEquals(block(b, gen[b]), buf.array(), () -> "block " + blk + " " + when);
                }
            }
        }

        private static void write(FileChannel ch, int b, long g) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(block(b, g));
            while (buf.hasRemaining()) ch.write(buf, (long) b * BLOCK + buf.position());
        }

        static byte[] block(int b, long g) {
            ByteBuffer buf = ByteBuffer.allocate(BLOCK);
            Random r = new Random(b * 1_000_003L + g);
            while (buf.remaining() >= 16) buf.putInt(b).putLong(g).putInt(r.nextInt());
            return buf.array();
        }
    }
}
