package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ulvm commands run while the mount is up change the live files; the daemon dying loses nothing fsynced. */
class OnlineChangesTest {
    private static final long MiB = 1L << 20;
    private static final int BLOCK = 4096;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void lvcreateWhileMountedShowsTheFile(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "first", "vg").ok();
            rig.mount();
            assertFalse(Files.exists(rig.lvFile("vg", "lin")));
            rig.ulvm("lvcreate", "-L", "24M", "-n", "lin", "vg").ok();
            rig.ulvm("lvcreate", "-i", "2", "-I", "64k", "-L", "16M", "-n", "st", "vg").ok();
            assertEquals(24 * MiB, Files.size(rig.lvFile("vg", "lin")));
            assertEquals(16 * MiB, Files.size(rig.lvFile("vg", "st")));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rig.lvFile("vg", "lin"))));
            try (var s = Files.list(rig.mnt.resolve("vg"))) {
                assertEquals(List.of("first", "lin", "st"), s.map(p -> p.getFileName().toString()).sorted().toList());
            }
            // the new LV is usable at once and its metadata is on the images for real LVM2
            byte[] data = random(1, 64 * 1024);
            Files.write(rig.lvFile("vg", "st"), data, StandardOpenOption.WRITE);
            assertArrayEquals(data, readAt(rig.lvFile("vg", "st"), 0, data.length));
            assertEquals(List.of("first 8.00m", "lin 24.00m", "st 16.00m"), rig.realLvs("vg", "lv_name,lv_size"));
        }
    }

    /**
     * A writer keeps rewriting the first 16 MiB through an open descriptor while lvextend grows the LV to 48 MiB:
     * the file grows under it, every block holds the last thing written to it, the new space takes writes (it was
     * ENOSPC before), and a loop device over the file sees the new size after {@code losetup -c}.
     */
    @Test
    void lvextendWhileOpenAndBeingWritten(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            lvextendWhileOpenAndBeingWritten(rig);
        }
    }

    /** The test on {@code rig} (its session chosen by the caller). */
    static void lvextendWhileOpenAndBeingWritten(MountRig rig) throws Exception {
        rig.vg("vg", 2, 64 * MiB);
        rig.ulvm("lvcreate", "-L", "16M", "-n", "lv", "vg").ok();
        rig.mount();
        Path file = rig.lvFile("vg", "lv");
        String loop = rig.losetup(file);
        assertEquals(16 * MiB, MountRig.blockDevSize(loop));

        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            IOException pastEnd = assertThrows(IOException.class, () -> ch.write(ByteBuffer.wrap(block(0, 1)), 40 * MiB));
            assertTrue(String.valueOf(pastEnd.getMessage()).contains("No space left on device"), pastEnd::toString);
            ch.truncate(8 * MiB); // succeeds and changes nothing, as on a block device (since e09a112)
            assertEquals(16 * MiB, Files.size(file));

            int blocks = (int) (16 * MiB / BLOCK);
            AtomicLongArray lastGen = new AtomicLongArray(blocks); // 0 = never written
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong writes = new AtomicLong();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                Random rnd = new Random(7);
                try {
                    for (long gen = 1; !stop.get(); gen++) {
                        int b = rnd.nextInt(blocks);
                        ch.write(ByteBuffer.wrap(block(b, gen)), (long) b * BLOCK);
                        lastGen.set(b, gen);
                        writes.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            }, "lv-writer");
            writer.start();
            try {
                waitFor(() -> writes.get() > 500, "the writer to get going");
                long before = writes.get();
                rig.ulvm("lvextend", "-L", "48M", "vg/lv").ok();
                assertEquals(48 * MiB, Files.size(file), "file size after lvextend");
                assertEquals(48 * MiB, ch.size(), "size seen through the open descriptor");
                waitFor(() -> writes.get() > before + 500, "writes to continue after lvextend");
            } finally {
                stop.set(true);
                writer.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertEquals(null, failed.get(), "the writer failed: " + failed.get());

            byte[] tail = block(-1, 99);
            ch.write(ByteBuffer.wrap(tail), 40 * MiB);
            ch.force(true);
            for (int b = 0; b < blocks; b++) {
                long gen = lastGen.get(b);
                byte[] got = readAt(file, (long) b * BLOCK, BLOCK);
                if (gen == 0) continue;
                assertArrayEquals(block(b, gen), got, "block " + b + " generation " + gen);
            }
            assertArrayEquals(tail, readAt(file, 40 * MiB, BLOCK));

            assertEquals(16 * MiB, MountRig.blockDevSize(loop), "the loop device keeps its size until losetup -c");
            MountRig.sh("losetup", "-c", loop).ok();
            assertEquals(48 * MiB, MountRig.blockDevSize(loop));
            MountRig.dropCaches();
            assertArrayEquals(tail, readAt(Path.of(loop), 40 * MiB, BLOCK), "the new space through the loop device");
        }
        assertEquals(List.of("lv 48.00m"), rig.realLvs("vg", "lv_name,lv_size"));
    }

    @Test
    void lvremoveRefusedWhileALoopDeviceHoldsTheFile(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lv", "vg").ok();
            rig.mount();
            Path file = rig.lvFile("vg", "lv");
            String loop = rig.losetup(file);
            List<String> seqBefore = rig.ulvm("vgs", "--noheadings", "-o", "seqno", "vg").ok().out().lines().toList();

            MountRig.Result r = rig.ulvm("lvremove", "-y", "vg/lv");
            assertEquals(5, r.rc(), r::toString);
            assertEquals(List.of("  Logical volume vg/lv in use."), r.errLines(), r::toString);
            assertEquals(seqBefore, rig.ulvm("vgs", "--noheadings", "-o", "seqno", "vg").ok().out().lines().toList(), "metadata untouched");
            assertEquals(List.of("lv -wi-ao----"), rig.lvs("vg", "lv_name,lv_attr"));
            assertEquals(List.of("lv"), rig.realLvs("vg", "lv_name"));
            assertTrue(Files.exists(file));

            rig.detach(loop);
            rig.ulvm("lvremove", "-y", "vg/lv").ok();
            assertFalse(Files.exists(file));
            assertEquals(List.of(), rig.realLvs("vg", "lv_name"));
        }
    }

    @Test
    void activationMakesFilesDisappearAndAppear(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "a", "vg").ok();
            rig.ulvm("lvcreate", "-i", "2", "-L", "8M", "-n", "b", "vg").ok();
            rig.mount();
            Path a = rig.lvFile("vg", "a"), b = rig.lvFile("vg", "b");
            byte[] data = random(2, 256 * 1024);
            writeSynced(a, 1 * MiB, data);

            rig.ulvm("lvchange", "-an", "vg/a").ok();
            assertFalse(Files.exists(a), "a after lvchange -an");
            assertTrue(Files.exists(b));
            assertEquals(List.of("a -wi-------", "b -wi-a-----"), rig.lvs("vg", "lv_name,lv_attr"));
            rig.ulvm("lvchange", "-ay", "vg/a").ok();
            assertEquals(8 * MiB, Files.size(a));
            assertArrayEquals(data, readAt(a, 1 * MiB, data.length));

            rig.ulvm("vgchange", "-an", "vg").ok();
            assertFalse(Files.exists(a));
            assertFalse(Files.exists(b));
            rig.ulvm("vgchange", "-ay", "vg").ok();
            assertTrue(Files.exists(a));
            assertTrue(Files.exists(b));
            assertArrayEquals(data, readAt(a, 1 * MiB, data.length));

            // deactivating an open LV is refused, like lvremove
            try (FileChannel ch = FileChannel.open(a, StandardOpenOption.READ)) {
                MountRig.Result r = rig.ulvm("lvchange", "-an", "vg/a");
                assertEquals(5, r.rc(), r::toString);
                assertTrue(r.err().contains("vg/a in use"), r::toString);
                assertTrue(Files.exists(a));
                MountRig.Result v = rig.ulvm("vgchange", "-an", "vg");
                assertEquals(5, v.rc(), v::toString);
                assertTrue(Files.exists(a));
            }
        }
    }

    @Test
    void readOnlyPermissionMakesWritesFail(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lv", "vg").ok();
            rig.mount();
            Path file = rig.lvFile("vg", "lv");
            byte[] data = random(3, 8192);
            writeSynced(file, 0, data);

            rig.ulvm("lvchange", "-p", "r", "vg/lv").ok();
            assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(List.of("lv -ri-a-----"), rig.lvs("vg", "lv_name,lv_attr"));
            assertThrows(AccessDeniedException.class, () -> Files.newByteChannel(file, StandardOpenOption.WRITE).close(),
                    "open for writing (even as root)");
            MountRig.Result dd = MountRig.sh("dd", "if=/dev/zero", "of=" + file, "bs=4k", "count=1", "conv=notrunc");
            assertEquals(1, dd.rc(), dd::toString);
            assertArrayEquals(data, readAt(file, 0, data.length), "reads still work and nothing was written");
            assertEquals(List.of("lv read-only"), rig.realLvs("vg", "lv_name,lv_permissions"), "real LVM2 reads the metadata");

            rig.ulvm("lvchange", "-p", "rw", "vg/lv").ok();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            writeSynced(file, 0, new byte[BLOCK]);
            assertArrayEquals(new byte[BLOCK], readAt(file, 0, BLOCK));

            // as LVM2: -p r on an open LV swaps in a read-only table; the open writer then gets EROFS
            try (FileChannel open = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                rig.ulvm("lvchange", "-p", "r", "vg/lv").ok();
                assertThrows(java.io.IOException.class, () -> open.write(ByteBuffer.wrap(data), 0), "writes fail once read-only");
                assertArrayEquals(new byte[BLOCK], readAt(file, 0, BLOCK), "nothing was written");
            }
            rig.ulvm("lvchange", "-p", "rw", "vg/lv").ok();
        }
    }

    /**
     * A command forwarded to the daemon has every argument that names an existing file in the caller's working
     * directory made absolute - including LV names and option values. From inside the mount point "vg/lv" is such a
     * file, and from a directory holding a file "r", {@code -p r} becomes {@code -p /that/dir/r}.
     */
    @Test
    void argumentsThatNameFilesInTheWorkingDirectoryAreLeftAlone(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lv", "vg").ok();
            rig.mount();
            MountRig.Result lvs = rig.ulvmIn(rig.mnt, "lvs", "--noheadings", "-o", "lv_name", "vg");
            assertEquals(0, lvs.rc(), () -> "ulvm lvs vg from inside the mount point: " + lvs);
            MountRig.Result ext = rig.ulvmIn(rig.mnt, "lvextend", "-L", "16M", "vg/lv");
            assertEquals(0, ext.rc(), () -> "ulvm lvextend vg/lv from inside the mount point: " + ext);
            Files.createFile(tmp.resolve("r"));
            MountRig.Result ro = rig.ulvmIn(tmp, "lvchange", "-p", "r", "vg/lv");
            assertEquals(0, ro.rc(), () -> "ulvm lvchange -p r from a directory holding a file r: " + ro);
        }
    }

    @Test
    void kill9AfterFsyncThenRemountKeepsTheData(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            kill9AfterFsyncThenRemountKeepsTheData(rig);
        }
    }

    /** The test on {@code rig} (its session chosen by the caller). */
    static void kill9AfterFsyncThenRemountKeepsTheData(MountRig rig) throws Exception {
        rig.vg("vg", 2, 64 * MiB);
        rig.ulvm("lvcreate", "-i", "2", "-I", "64k", "-L", "32M", "-n", "lv", "vg").ok();
        rig.mount();
        Path file = rig.lvFile("vg", "lv");
        byte[] data = random(4, 3 * (int) MiB + 12345);
        writeSynced(file, 5 * MiB + 512, data);

        ProcessHandle daemon = ProcessHandle.of(rig.daemonPid()).orElseThrow();
        assertTrue(daemon.destroyForcibly());
        daemon.onExit().get(10, TimeUnit.SECONDS);
        assertEquals(Optional.of("fuse.ulvm"), MountRig.fsType(rig.mnt), "the dead mount is still there");
        assertEquals(List.of("lv -wi-------"), rig.lvs("vg", "lv_name,lv_attr"), "commands work without the daemon");

        rig.mount();
        assertEquals(1, MountRig.sh("findmnt", "-n", "--mountpoint", rig.mnt.toString()).out().lines().count(),
                "exactly one mount at the mount point");
        assertArrayEquals(data, readAt(file, 5 * MiB + 512, data.length), "fsynced data after kill -9 and remount");
    }

    // ---- helpers ----

    /** A 4 KiB block naming its number and generation, so a misplaced or stale block is told apart. */
    private static byte[] block(int b, long gen) {
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        Random r = new Random(b * 1_000_003L + gen);
        while (buf.remaining() >= 16) buf.putInt(b).putLong(gen).putInt(r.nextInt());
        return buf.array();
    }

    private static byte[] random(long seed, int n) {
        byte[] d = new byte[n];
        new Random(seed).nextBytes(d);
        return d;
    }

    private static void writeSynced(Path file, long at, byte[] data) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) ch.write(b, at + b.position());
            ch.force(true);
        }
    }

    private static byte[] readAt(Path file, long at, int n) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(n);
            while (b.hasRemaining()) {
                if (ch.read(b, at + b.position()) < 0) break;
            }
            return b.array();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier cond, String what) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            MountRig.sleep(10);
        }
    }
}
