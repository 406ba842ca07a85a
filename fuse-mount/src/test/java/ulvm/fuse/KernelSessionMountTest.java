package ulvm.fuse;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ulvm.fuse.kernel.KernelSession;

/**
 * Every test of {@link VolumeFsMountTest} on the kernel protocol session of our own, and what only it offers:
 * 1 MiB requests, and tree changes seen at once despite cached attributes.
 */
class KernelSessionMountTest extends VolumeFsMountTest {
    @Override
    FuseSession mount(VolumeFiles files, Path dir) throws IOException {
        return KernelSession.mount(files, dir, 4);
    }

    KernelSession session() {
        return (KernelSession) loop;
    }

    @Test
    void negotiatesOneMebibyteRequestsAndAsyncDirectIo() {
        var n = session().negotiated();
        assertNotNull(n);
        assertEquals(KernelSession.maxPagesLimit() * 4096, n.maxWrite());
        assertTrue(n.maxBackground() >= 64);
        assertTrue(n.asyncDio(), n.toString());
        assertFalse(n.writebackCache(), n.toString());
    }

    @Test
    void aOneMebibyteDirectWriteIsOneRequest() throws Exception {
        assumeOneMebibyteRequests();
        ByteBuffer mib = ByteBuffer.allocateDirect(2 << 20).alignedSlice(4096).limit(1 << 20);
        for (int i = 0; i < (1 << 20); i++) mib.put(i, (byte) (i * 7));
        try (FileChannel ch = FileChannel.open(mnt.resolve("vg0/lv1"), Set.of(StandardOpenOption.WRITE, StandardOpenOption.READ,
                com.sun.nio.file.ExtendedOpenOption.DIRECT))) {
            assertEquals(1 << 20, ch.write(mib, 1 << 20));
            ByteBuffer back = ByteBuffer.allocateDirect(2 << 20).alignedSlice(4096).limit(1 << 20);
            assertEquals(1 << 20, ch.read(back, 1 << 20));
            assertEquals(mib.flip(), back.flip());
        }
        String sizes = session().requestStats();
        assertTrue(sizes.contains("writes 1M:1"), sizes);
        assertTrue(sizes.contains("1M:1;"), sizes); // the read too
    }

    @Test
    void changesShowAtOnceDespiteCachedAttributes() throws Exception {
        Path f = mnt.resolve("vg0/lv1");
        assertEquals(16 * MiB, Files.size(f)); // now cached for a second
        lv1.resize(20 * MiB);
        tree.put("vg0", "lv1", lv1); // as the daemon's activation does after lvextend
        loop.awaitNotified();
        assertEquals(20 * MiB, Files.size(f));
        assertTrue(Files.exists(mnt.resolve("vg0/ro")));
        tree.remove("vg0", "ro");
        loop.awaitNotified();
        assertFalse(Files.exists(mnt.resolve("vg0/ro")));
    }

    /** FOPEN_PARALLEL_DIRECT_WRITES: without it the kernel holds the inode lock for each direct write. */
    @Test
    void twoDirectWritersToOneFileOverlap() throws Exception {
        tree.put("vg0", "slow", new SlowVolume(lv1, 300));
        Path f = mnt.resolve("vg0/slow");
        int before = session().mostInFlight();
        concurrently(2, i -> {
            try (FileChannel ch = FileChannel.open(f, Set.of(StandardOpenOption.WRITE, com.sun.nio.file.ExtendedOpenOption.DIRECT))) {
                ch.write(ByteBuffer.allocateDirect(8192).alignedSlice(4096).limit(4096), i * 4096L);
            }
        });
        assertTrue(session().mostInFlight() >= 2, "at most " + session().mostInFlight() + " in flight (before: " + before + ")");
    }

    /** ASYNC_DIO: a loop device with direct I/O submits its requests without waiting for each. */
    @Test
    void aLoopDeviceWithDirectIoHasSeveralRequestsInFlight() throws Exception {
        tree.put("vg0", "slow", new SlowVolume(lv1, 300));
        Process p = new ProcessBuilder("losetup", "-f", "--show", "--direct-io=on", mnt.resolve("vg0/slow").toString()).start();
        String dev = new String(p.getInputStream().readAllBytes()).trim();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0 && dev.startsWith("/dev/loop"), "no loop device");
        try {
            concurrently(4, i -> {
                try (FileChannel ch = FileChannel.open(Path.of(dev), Set.of(StandardOpenOption.READ, com.sun.nio.file.ExtendedOpenOption.DIRECT))) {
                    ch.read(ByteBuffer.allocateDirect(8192).alignedSlice(4096).limit(4096), i * MiB);
                }
            });
            assertTrue(session().mostInFlight() >= 2, "at most " + session().mostInFlight() + " in flight");
        } finally {
            new ProcessBuilder("losetup", "-d", dev).start().waitFor();
        }
    }

    /** The libc calls of the lseek test. */
    public interface Seek {
        int open(String path, int flags);

        long lseek(int fd, long offset, int whence);

        int close(int fd);
    }

    /**
     * SEEK_DATA and SEEK_HOLE: the session answers LSEEK ENOSYS once, the kernel remembers it (no_lseek) and answers
     * later seeks itself, as for a file that is data throughout: data at 0, the only hole at the end.
     */
    @Test
    void seekDataAndHoleAreTheKernelsAfterOneEnosys() {
        Seek libc = jnr.ffi.LibraryLoader.create(Seek.class).load("c");
        int fd = libc.open(mnt.resolve("vg0/lv1").toString(), 0);
        assertTrue(fd >= 0);
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(MiB, libc.lseek(fd, MiB, 3 /* SEEK_DATA */));
                assertEquals(16 * MiB, libc.lseek(fd, 0, 4 /* SEEK_HOLE */));
            }
        } finally {
            libc.close(fd);
        }
        assertEquals(1, session().notImplemented(46 /* FUSE_LSEEK */));
    }

    interface Step {
        void run(int i) throws Exception;
    }

    /** Runs {@code step(0..n-1)} on n threads released at once; fails with the first failure. */
    private static void concurrently(int n, Step step) throws Exception {
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    step.run(k);
                    return null;
                }));
            }
            start.countDown();
            for (var f : futures) f.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assumeOneMebibyteRequests() {
        org.junit.jupiter.api.Assumptions.assumeTrue(KernelSession.maxPagesLimit() >= 256, "kernel allows less than 1 MiB requests");
    }
}
