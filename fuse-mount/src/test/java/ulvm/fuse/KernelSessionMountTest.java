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
        String sizes = session().requestSizes();
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

    private static void assumeOneMebibyteRequests() {
        org.junit.jupiter.api.Assumptions.assumeTrue(KernelSession.maxPagesLimit() >= 256, "kernel allows less than 1 MiB requests");
    }
}
