package ulvm.raid.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import ulvm.bitmap.RegionSet;
import ulvm.io.BlockDevice;
import ulvm.io.MemoryDevice;

/**
 * The write hole closed: image writes stop after the N-th (power cut) in the middle of random writes; the next start
 * resyncs only the regions whose bits were durable, and then every stripe's parity agrees with its data, and every
 * byte outside the write under way is what was written.
 */
class MdCrashTest {
    /** Runs random writes until the cut; returns the dirty regions, the model and the write under way {off, len}. */
    private record Cut(MemoryDevice[] devs, RegionSet dirty, byte[] model, byte[] before, int off, int len, MdLayout layout) {}

    private static Cut crash(String segtype, int images, int writesBeforeCut, long seed) throws IOException {
        MdLayout l = MdLayout.of(segtype, images, MdRig.CHUNK / 512, 2);
        AtomicInteger budget = new AtomicInteger(writesBeforeCut);
        MemoryDevice[] devs = new MemoryDevice[images];
        List<BlockDevice> cut = new ArrayList<>();
        for (int i = 0; i < images; i++) cut.add(new CutDevice(devs[i] = new MemoryDevice("rimage_" + i, MdRig.IMAGE), budget));
        RegionSet dirty = new RegionSet(MdRig.IMAGE / MdRig.REGION);
        MdArray a = new MdArray("vg/lv", l, cut, MdRig.IMAGE, MdRig.REGION, (f, t) -> dirty.setRange(f, t + 1), null);
        byte[] model = new byte[(int) a.size()];
        Random r = new Random(seed);
        while (true) {
            int len = 1 + r.nextInt((int) l.stripeBytes() * 2);
            int off = r.nextInt(model.length - len + 1);
            byte[] b = new byte[len];
            r.nextBytes(b);
            byte[] before = model.clone();
            System.arraycopy(b, 0, model, off, len);
            try {
                a.writeFully(off, ByteBuffer.wrap(b));
            } catch (CutDevice.PowerCut e) {
                return new Cut(devs, dirty, model, before, off, len, l);
            }
        }
    }

    private static MdArray restart(Cut c) {
        RegionSet unsynced = new RegionSet(c.dirty.size());
        unsynced.addAll(c.dirty);
        return new MdArray("vg/lv", c.layout, List.of(c.devs), MdRig.IMAGE, MdRig.REGION, WriteIntent.none(), unsynced);
    }

    private static long mismatches(MdArray a) throws IOException {
        long n = 0;
        for (long r = 0; r < a.regionCount(); r++) n += a.check(r, false);
        return n;
    }

    @Test
    void resyncOfTheDirtyRegionsMakesEveryStripeConsistent() throws IOException {
        for (String spec : List.of("raid5_ls:4", "raid6_zr:5", "raid6_ls_6:5", "raid10:4")) {
            String t = spec.split(":")[0];
            int n = Integer.parseInt(spec.split(":")[1]);
            int inconsistentBefore = 0;
            for (int cutAt = 1; cutAt < 300; cutAt += 11) {
                Cut c = crash(t, n, cutAt, cutAt);
                MdArray a = restart(c);
                if (mismatches(a) > 0) inconsistentBefore++;
                assertEquals(c.dirty.cardinality(), a.unsyncedRegions());
                assertEquals(0, a.resyncAll(), spec);
                assertEquals(0, a.unsyncedRegions());
                assertEquals(0, mismatches(a), spec + " cut after " + cutAt + " writes");
                ByteBuffer all = ByteBuffer.allocate(c.model.length);
                a.readFully(0, all);
                byte[] got = all.array();
                for (int i = 0; i < got.length; i++) {
                    boolean inFlight = i >= c.off && i < c.off + c.len;
                    if (got[i] != c.before[i] && !(inFlight && got[i] == c.model[i]))
                        throw new AssertionError(spec + " cut after " + cutAt + ": byte " + i + " neither written nor old");
                }
            }
            assertTrue(inconsistentBefore > 0, spec + ": some cut leaves a stripe inconsistent before the resync");
        }
    }

    /**
     * A write into a region not yet resynced recomputes its stripe's parity over what it touches (on 5 images a chunk
     * written alone would otherwise be a read-modify-write, carrying the old parity's disagreement along).
     */
    @Test
    void writesIntoUnsyncedRegionsReconstruct() throws IOException {
        Cut c = crash("raid5_ls", 5, 40, 11);
        MdArray a = restart(c);
        assertTrue(mismatches(a) > 0);
        for (long r = 0; r < a.regionCount(); r++) {
            if (!a.isUnsynced(r)) continue;
            long stripes = MdRig.REGION / MdRig.CHUNK;
            for (long s = r * stripes; s < (r + 1) * stripes; s++) a.writeFully(s * a.layout().stripeBytes(), ByteBuffer.allocate(MdRig.CHUNK));
        }
        assertEquals(0, mismatches(a));
    }
}
