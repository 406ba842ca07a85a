package ulvm.fuse.daemon;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import ulvm.io.Volume;

/** The bench's null volume (bench/run.sh): zeros on every read, even into a dirty buffer; writes vanish. */
class NullVolumeTest {
    private static final int MiB = 1 << 20;

    @Test
    void readsZerosIntoADirtyBufferAndStopsAtTheEnd() {
        NullMount.NullVolume v = new NullMount.NullVolume(3L * MiB + 4096);
        ByteBuffer dst = ByteBuffer.allocateDirect(4 * MiB);
        while (dst.hasRemaining()) dst.put((byte) 0x5a);
        dst.clear();
        assertEquals(3 * MiB + 4096, v.read(0, dst));
        assertEquals(3 * MiB + 4096, dst.position());
        byte[] got = new byte[3 * MiB + 4096];
        dst.flip().get(got);
        assertTrue(Arrays.equals(new byte[got.length], got));
        assertEquals(0x5a, dst.clear().get(3 * MiB + 4096)); // nothing past what was read
        assertEquals(0, v.read(3L * MiB + 4096, ByteBuffer.allocate(512)));
    }

    @Test
    void writesAreConsumedAndDiscardedButNotPastTheEnd() throws Exception {
        NullMount.NullVolume v = new NullMount.NullVolume(MiB);
        ByteBuffer src = ByteBuffer.wrap(new byte[4096]);
        Arrays.fill(src.array(), (byte) 1);
        v.write(MiB - 4096, src);
        assertFalse(src.hasRemaining());
        ByteBuffer back = ByteBuffer.allocate(4096);
        v.read(MiB - 4096, back);
        assertArrayEquals(new byte[4096], back.array());
        assertThrows(Volume.NoSpaceException.class, () -> v.write(MiB - 512, ByteBuffer.allocate(4096)));
    }
}
