package ulvm.fuse;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real FUSE mounts of file-backed volumes through libfuse 2 (needs /dev/fuse, libfuse2 and the right to mount). */
class VolumeFsMountTest {
    static final long MiB = 1 << 20;

    @TempDir Path tmp;
    Path mnt;
    VolumeTree tree;
    VolumeFiles fs;
    FuseSession loop;
    FileVolume lv1;
    FileVolume ro;

    @BeforeEach
    void mount() throws Exception {
        mnt = Files.createDirectory(tmp.resolve("mnt"));
        lv1 = new FileVolume(tmp.resolve("lv1.img"), 16 * MiB, false);
        ro = new FileVolume(tmp.resolve("ro.img"), MiB, true);
        tree = new VolumeTree();
        tree.put("vg0", "lv1", lv1);
        tree.put("vg0", "ro", ro);
        fs = new VolumeFiles(tree);
        loop = mount(fs, mnt);
        assertTrue(Mounts.isFuseMount(mnt), "findmnt does not show " + mnt);
    }

    /** The session under test: libfuse 2's here. */
    FuseSession mount(VolumeFiles files, Path dir) throws IOException {
        return FastFuseLoop.mount(new VolumeFs(files), dir, FastFuseLoop.DEFAULT_OPTIONS, 4);
    }

    @AfterEach
    void unmount() throws Exception {
        try {
            if (loop != null) loop.unmount();
            assertFalse(loop != null && loop.isMounted(), "still serving");
            assertFalse(Mounts.isFuseMount(mnt), "still mounted");
        } finally {
            Mounts.forceUnmount(mnt);
            lv1.close();
            ro.close();
        }
    }

    @Test
    void listsVgsAndLvsWithSizesModesAndOwner() throws IOException {
        assertEquals(List.of("vg0"), list(mnt));
        assertEquals(List.of("lv1", "ro"), list(mnt.resolve("vg0")));
        Path f = mnt.resolve("vg0/lv1");
        assertTrue(Files.isRegularFile(f));
        assertEquals(16 * MiB, Files.size(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(mnt.resolve("vg0/ro"))));
        assertEquals(tree.owner().uid(), Files.getAttribute(f, "unix:uid"));
        assertEquals(tree.owner().gid(), Files.getAttribute(f, "unix:gid"));
        assertFalse(Files.exists(mnt.resolve("vg0/nope")));
        assertFalse(Files.exists(mnt.resolve("nope")));
        assertTrue(Files.getFileStore(mnt).getTotalSpace() >= 17 * MiB);
    }

    @Test
    void writesAndReadsReachTheVolume() throws IOException {
        byte[] data = "hello volume".getBytes(StandardCharsets.UTF_8);
        long at = 5 * MiB + 7;
        try (FileChannel ch = FileChannel.open(mnt.resolve("vg0/lv1"), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertEquals(data.length, ch.write(ByteBuffer.wrap(data), at));
            ch.force(false);
            ByteBuffer back = ByteBuffer.allocate(data.length);
            ch.read(back, at);
            assertArrayEquals(data, back.array());
            ByteBuffer big = ByteBuffer.allocate(300 * 1024);
            assertEquals(big.capacity(), ch.read(big, 0));
            ByteBuffer tail = ByteBuffer.allocate(100);
            assertEquals(10, ch.read(tail, 16 * MiB - 10), "short read at the end");
            assertEquals(-1, ch.read(ByteBuffer.allocate(10), 16 * MiB));
        }
        ByteBuffer direct = ByteBuffer.allocate(data.length);
        lv1.read(at, direct);
        assertArrayEquals(data, direct.array());
    }

    @Test
    void writePastTheEndIsNoSpace() throws IOException {
        try (FileChannel ch = FileChannel.open(mnt.resolve("vg0/lv1"), StandardOpenOption.WRITE)) {
            IOException e = assertThrows(IOException.class, () -> ch.write(ByteBuffer.allocate(8), 16 * MiB - 4));
            assertTrue(e.getMessage().contains("No space left"), e.getMessage());
        }
    }

    @Test
    void readOnlyVolumesRefuseWrites() throws IOException {
        Path roFile = mnt.resolve("vg0/ro");
        assertThrows(AccessDeniedException.class, () -> FileChannel.open(roFile, StandardOpenOption.WRITE).close());
        try (FileChannel ch = FileChannel.open(roFile, StandardOpenOption.READ)) {
            assertEquals(4096, ch.read(ByteBuffer.allocate(4096), 0));
        }
        try (FileChannel ch = FileChannel.open(mnt.resolve("vg0/lv1"), StandardOpenOption.WRITE)) {
            lv1.setReadOnly(true);
            IOException e = assertThrows(IOException.class, () -> ch.write(ByteBuffer.allocate(8), 0));
            assertTrue(e.getMessage().contains("Read-only file system"), e.getMessage());
        }
    }

    /** As on a block device: O_TRUNC, truncate and ftruncate succeed and change neither size nor data (a read-only LV cannot be opened for writing). */
    @Test
    void truncationChangesNothing() throws Exception {
        Path f = mnt.resolve("vg0/lv1");
        byte[] data = "block device".getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(data), 5 * MiB);
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            assertEquals(16 * MiB, ch.size());
        }
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(MiB);
            assertEquals(16 * MiB, r.length());
            r.setLength(32 * MiB);
            assertEquals(16 * MiB, r.length());
        }
        assertEquals(0, run("truncate", "-s", "0", f.toString()).rc, "truncate -s 0");
        assertEquals(16 * MiB, Files.size(f));
        assertEquals(16 * MiB, lv1.size());
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
            byte[] back = new byte[data.length];
            r.seek(5 * MiB);
            r.readFully(back);
            assertArrayEquals(data, back);
        }
        Run ro = run("truncate", "-s", "0", mnt.resolve("vg0/ro").toString()); // its open for writing is refused
        assertTrue(ro.rc != 0 && ro.err.contains("Permission denied"), ro.err);
        assertEquals(MiB, Files.size(mnt.resolve("vg0/ro")));
    }

    /**
     * fallocate answers as the kernel's blkdev_fallocate: punch-hole discards, zero-range zeroes, a start past the end
     * is EINVAL, a range running past it is cut with keep-size and EINVAL without, a plain allocation EOPNOTSUPP.
     */
    @Test
    void fallocateAnswersAsABlockDevice() throws Exception {
        Path f = mnt.resolve("vg0/lv1");
        byte[] ones = new byte[64 * 1024];
        java.util.Arrays.fill(ones, (byte) 1);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(ones), 0);
            ch.write(ByteBuffer.wrap(ones), 16 * MiB - ones.length);
        }
        assertEquals(0, run("fallocate", "-p", "-o", "4096", "-l", "8192", f.toString()).rc);
        assertEquals(List.of("4096+8192"), discards());
        assertEquals(0, run("fallocate", "-z", "-o", "100", "-l", "50", f.toString()).rc);
        assertEquals(0, run("fallocate", "-z", "-n", "-o", Long.toString(16 * MiB - 10), "-l", "100", f.toString()).rc);
        byte[] expect = ones.clone();
        java.util.Arrays.fill(expect, 4096, 4096 + 8192, (byte) 0);
        java.util.Arrays.fill(expect, 100, 150, (byte) 0);
        assertArrayEquals(expect, readAt(f, 0, ones.length));
        byte[] tail = ones.clone();
        java.util.Arrays.fill(tail, ones.length - 10, ones.length, (byte) 0);
        assertArrayEquals(tail, readAt(f, 16 * MiB - ones.length, ones.length));

        Run pastEnd = run("fallocate", "-z", "-o", Long.toString(16 * MiB - 10), "-l", "100", f.toString());
        assertTrue(pastEnd.rc != 0 && pastEnd.err.contains("Invalid argument"), pastEnd.err);
        Run beyond = run("fallocate", "-p", "-o", Long.toString(16 * MiB), "-l", "4096", f.toString());
        assertTrue(beyond.rc != 0 && beyond.err.contains("Invalid argument"), beyond.err);
        Run allocate = run("fallocate", "-l", Long.toString(32 * MiB), f.toString());
        assertTrue(allocate.rc != 0 && allocate.err.contains("Operation not supported"), allocate.err);
        assertEquals(16 * MiB, Files.size(f));
        assertEquals(List.of("4096+8192"), discards(), "only the punch discards");
    }

    private List<String> discards() {
        synchronized (lv1.discards) {
            return lv1.discards.stream().map(d -> d[0] + "+" + d[1]).toList();
        }
    }

    private static byte[] readAt(Path f, long off, int len) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(len);
            while (b.hasRemaining() && ch.read(b, off + b.position()) > 0) { }
            return b.array();
        }
    }

    record Run(int rc, String err) {}

    private static Run run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Run(p.exitValue(), err);
    }

    @Test
    void volumesAppearDisappearAndResizeWhileMounted() throws Exception {
        FileVolume added = new FileVolume(tmp.resolve("new.img"), 2 * MiB, false);
        try {
            tree.put("vg1", "new", added);
            assertTrue(Files.exists(mnt.resolve("vg1/new")));
            assertEquals(List.of("vg0", "vg1"), list(mnt));
            assertEquals(2 * MiB, Files.size(mnt.resolve("vg1/new")));
            added.resize(3 * MiB);
            waitFor(() -> sizeOf(mnt.resolve("vg1/new")) == 3 * MiB, "resize not shown");
            tree.remove("vg1", "new");
            waitFor(() -> !Files.exists(mnt.resolve("vg1/new")), "removed LV still shown");
            assertEquals(List.of(), list(mnt.resolve("vg1")));
        } finally {
            added.close();
        }
    }

    @Test
    void tracksOpenHandles() throws Exception {
        assertFalse(fs.isOpen("vg0", "lv1"));
        try (FileChannel a = FileChannel.open(mnt.resolve("vg0/lv1"), StandardOpenOption.READ);
             FileChannel b = FileChannel.open(mnt.resolve("vg0/lv1"), StandardOpenOption.WRITE)) {
            assertEquals(2, fs.openCount("vg0", "lv1"));
            assertFalse(fs.isOpen("vg0", "ro"));
        }
        waitFor(() -> !fs.isOpen("vg0", "lv1"), "release not seen");
    }

    @Test
    void fioRandomReadWriteVerifies() throws Exception {
        assertTrue(Mounts.isFuseMount(mnt), "refusing to run fio on an unmounted directory");
        Process p = new ProcessBuilder("fio", "--name=verify", "--filename=" + mnt.resolve("vg0/lv1"),
                "--direct=1", "--rw=randrw", "--bs=4k", "--numjobs=4", "--size=4M", "--offset_increment=4M",
                "--ioengine=psync", "--verify=crc32c", "--verify_fatal=1", "--verify_state_save=0", "--group_reporting")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("err= 0"), out);
    }

    @Test
    void unmountsWhileAFileIsOpen() throws Exception {
        FileChannel held = FileChannel.open(mnt.resolve("vg0/lv1"), StandardOpenOption.READ);
        try {
            long t0 = System.nanoTime();
            loop.unmount();
            assertFalse(loop.isMounted());
            assertFalse(Mounts.isFuseMount(mnt));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(15));
        } finally {
            try {
                held.close();
            } catch (IOException ignored) {
                // the connection is gone
            }
        }
    }

    static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static void waitFor(BooleanSupplier condition, String message) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail(message);
            Thread.sleep(20);
        }
    }
}
