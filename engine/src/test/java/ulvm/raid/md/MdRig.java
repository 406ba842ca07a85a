package ulvm.raid.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import ulvm.io.BlockDevice;
import ulvm.io.MemoryDevice;

/** An md array over in-memory images, with a model of the LV's bytes and a journal of bits marked and image writes. */
final class MdRig {
    static final int CHUNK = 4096;
    static final int IMAGE = 64 * 1024;
    static final int REGION = 16 * 1024;

    final List<MemoryDevice.Event> journal = Collections.synchronizedList(new ArrayList<>());
    final MemoryDevice[] devs;
    final MdArray a;
    final byte[] model;

    MdRig(String segtype, int images) {
        MdLayout l = MdLayout.of(segtype, images, CHUNK / 512, 2);
        devs = new MemoryDevice[images];
        List<BlockDevice> list = new ArrayList<>();
        for (int i = 0; i < images; i++) list.add(devs[i] = new MemoryDevice("rimage_" + i, IMAGE, journal));
        a = new MdArray("vg/" + segtype, l, list, IMAGE, REGION,
                (f, t) -> journal.add(new MemoryDevice.Event("intent", "log", f, (int) (t - f + 1))), null);
        model = new byte[(int) a.size()];
    }

    void write(long off, byte[] b) throws IOException {
        a.writeFully(off, ByteBuffer.wrap(b));
        System.arraycopy(b, 0, model, (int) off, b.length);
    }

    byte[] read(long off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        a.readFully(off, b);
        return b.array();
    }

    /** Random writes (up to about three stripes each, at any byte), each followed by a read of a random range. */
    void randomIo(Random r, int ops) throws IOException {
        for (int k = 0; k < ops; k++) {
            int len = 1 + r.nextInt((int) Math.min(model.length, a.layout().stripeBytes() * 3));
            int off = r.nextInt(model.length - len + 1);
            byte[] b = new byte[len];
            r.nextBytes(b);
            write(off, b);
            int rl = 1 + r.nextInt(model.length / 4);
            int ro = r.nextInt(model.length - rl + 1);
            assertArrayEquals(java.util.Arrays.copyOfRange(model, ro, ro + rl), read(ro, rl), "read " + ro + "+" + rl + " after op " + k);
        }
    }

    void assertReadsModel() throws IOException {
        assertArrayEquals(model, read(0, model.length));
    }

    /** Stripes whose parity or copies disagree, over the whole array. */
    long mismatches() throws IOException {
        long n = 0;
        for (long r = 0; r < a.regionCount(); r++) n += a.check(r, false);
        return n;
    }

    /** Puts a blank image in place of image i and rebuilds it whole. */
    void replaceAndRebuild(int i) throws IOException {
        devs[i] = new MemoryDevice("new_rimage_" + i, IMAGE, journal);
        a.replace(i, devs[i]);
        for (long at = 0; at < IMAGE; at += 20_000) a.rebuild(i, at, 20_000); // uneven steps: pieces of stripes
    }
}
