package ulvm.raid.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import ulvm.io.MemoryDevice;

/** md arrays over memory images: round trips, parity on the images, degraded reads and writes, rebuild, check. */
class MdArrayTest {
    private static final List<String> PARITY_TYPES = List.of("raid4:3", "raid5_n:3", "raid5_la:4", "raid5_ra:4", "raid5_ls:3", "raid5_ls:5",
            "raid5_rs:4", "raid6_zr:4", "raid6_zr:6", "raid6_nr:5", "raid6_nc:5", "raid6_la_6:5", "raid6_ra_6:5", "raid6_ls_6:5",
            "raid6_rs_6:6", "raid6_n_6:5");

    private static MdRig rig(String spec) {
        String[] p = spec.split(":");
        return new MdRig(p[0], Integer.parseInt(p[1]));
    }

    @Test
    void everyLayoutReadsBackWhatWasWrittenWithConsistentParity() throws IOException {
        for (String spec : PARITY_TYPES) {
            MdRig m = rig(spec);
            m.randomIo(new Random(spec.hashCode()), 60);
            m.assertReadsModel();
            assertEquals(0, m.mismatches(), spec);
        }
        for (String spec : List.of("raid0:3", "raid10:4", "raid10:6")) {
            MdRig m = rig(spec);
            m.randomIo(new Random(spec.hashCode()), 60);
            m.assertReadsModel();
            assertEquals(0, m.mismatches(), spec);
        }
    }

    /** raid6_zr on 4 images, stripe 0 "P Q D0 D1" and stripe 3 "Q D0 D1 P": P and Q on the images as worked out by hand. */
    @Test
    void fullStripesPutPAndQWhereMdDoes() throws IOException {
        MdRig m = rig("raid6_zr:4");
        byte[] ones = new byte[2 * MdRig.CHUNK];
        Arrays.fill(ones, (byte) 1);
        m.write(0, ones);                          // stripe 0
        m.write(3L * 2 * MdRig.CHUNK, ones);       // stripe 3
        byte[] c = new byte[MdRig.CHUNK];
        assertArrayEquals(c, m.devs[0].bytes(0, MdRig.CHUNK));                   // P = 01 + 01
        Arrays.fill(c, (byte) 0x0c);
        assertArrayEquals(c, m.devs[1].bytes(0, MdRig.CHUNK));                   // Q = 4*01 + 8*01 (slots 2 and 3)
        Arrays.fill(c, (byte) 0x06);
        assertArrayEquals(c, m.devs[0].bytes(3L * MdRig.CHUNK, MdRig.CHUNK));    // Q = 2*01 + 4*01 (slots 1 and 2)
        Arrays.fill(c, (byte) 1);
        assertArrayEquals(c, m.devs[2].bytes(3L * MdRig.CHUNK, MdRig.CHUNK));    // D1
    }

    @Test
    void smallWritesReadOnlyTheOldDataAndParity() throws IOException {
        for (String spec : List.of("raid5_ls:6", "raid6_zr:6")) {
            MdRig m = rig(spec);
            AtomicInteger reads = new AtomicInteger();
            for (MemoryDevice d : m.devs) d.onRead((p, l) -> reads.incrementAndGet());
            m.write(100, new byte[512]);
            assertEquals(1 + m.a.layout().parityImages(), reads.get(), spec + ": read-modify-write");
            reads.set(0);
            m.write(m.a.layout().stripeBytes() * 2, new byte[(int) m.a.layout().stripeBytes()]);
            assertEquals(0, reads.get(), spec + ": a full stripe reads nothing");
            reads.set(0);
            m.write(m.a.layout().stripeBytes(), new byte[(int) m.a.layout().stripeBytes() - 512]);
            assertEquals(1, reads.get(), spec + ": reconstruct-write reads what the write leaves");
            assertEquals(0, m.mismatches());
        }
    }

    /** Writes of two or more whole stripes go out as one write per image, with the parity of each stripe. */
    @Test
    void runsOfFullStripesWriteOncePerImage() throws IOException {
        for (String spec : PARITY_TYPES) {
            MdRig m = rig(spec);
            int stripe = (int) m.a.layout().stripeBytes();
            Random r = new Random(spec.hashCode());
            for (int k : new int[] {2, 3, 5}) {
                int first = r.nextInt(m.model.length / stripe - k + 1);
                byte[] b = new byte[k * stripe];
                r.nextBytes(b);
                int before = m.journal.size();
                m.write((long) first * stripe, b);
                long writes = m.journal.subList(before, m.journal.size()).stream().filter(e -> e.kind().equals("write")).count();
                assertEquals(m.devs.length, writes, spec + ": " + k + " stripes");
            }
            m.randomIo(r, 20);
            m.assertReadsModel();
            assertEquals(0, m.mismatches(), spec);
            int lost = r.nextInt(m.devs.length); // degraded: the lost image's share is read back from parity
            m.devs[lost].failing(true);
            byte[] b = new byte[3 * stripe];
            r.nextBytes(b);
            m.write(stripe, b);
            m.assertReadsModel();
        }
    }

    @Test
    void eachWriteFollowsItsRegionsBit() throws IOException {
        for (String spec : List.of("raid5_ls:4", "raid6_nc:5", "raid10:4")) {
            MdRig m = rig(spec);
            m.randomIo(new Random(7), 40);
            Set<Long> marked = new HashSet<>();
            for (MemoryDevice.Event e : m.journal) {
                if (e.kind().equals("intent")) {
                    for (long r = e.pos(); r < e.pos() + e.len(); r++) marked.add(r);
                } else if (e.kind().equals("write")) {
                    for (long r = e.pos() / MdRig.REGION; r <= (e.pos() + e.len() - 1) / MdRig.REGION; r++)
                        assertTrue(marked.contains(r), spec + ": " + e + " before its region's bit");
                }
            }
        }
    }

    @Test
    void raid5ReadsAndWritesWithAnImageLostThenRebuildsIt() throws IOException {
        for (String spec : List.of("raid5_ls:4", "raid5_ra:3", "raid4:3", "raid5_n:4")) {
            MdRig m = rig(spec);
            Random r = new Random(3);
            m.randomIo(r, 30);
            int lost = r.nextInt(m.devs.length);
            m.devs[lost].failing(true);
            m.randomIo(r, 40);
            m.assertReadsModel();
            assertTrue(m.a.isFailed(lost));
            assertEquals(-1, m.a.check(0, false), "a degraded raid5 has nothing to check against");
            m.replaceAndRebuild(lost);
            assertFalse(m.a.isRebuilding(lost));
            assertEquals(0, m.mismatches(), spec);
            m.randomIo(r, 10);
            int other = (lost + 1) % m.devs.length;
            m.devs[other].failing(true); // the rebuilt image now carries its share
            m.assertReadsModel();
            m.devs[(other + 1) % m.devs.length].failing(true);
            assertThrows(IOException.class, () -> { for (int i = 0; i < 50; i++) m.read(i * 4096L % m.model.length, 4096); });
        }
    }

    @Test
    void raid6SurvivesAnyTwoLostImages() throws IOException {
        for (String spec : List.of("raid6_zr:5", "raid6_nr:5", "raid6_nc:5", "raid6_ls_6:5", "raid6_la_6:6", "raid6_rs_6:5", "raid6_ra_6:5",
                "raid6_n_6:4")) {
            int n = Integer.parseInt(spec.split(":")[1]);
            for (int x = 0; x < n; x++) {
                for (int y = x + 1; y < n; y++) {
                    MdRig m = rig(spec);
                    Random r = new Random(x * 31 + y);
                    m.randomIo(r, 8);
                    m.devs[x].failing(true);
                    m.devs[y].failing(true);
                    m.randomIo(r, 12);
                    m.assertReadsModel();
                    m.replaceAndRebuild(x);
                    m.assertReadsModel();
                    m.replaceAndRebuild(y);
                    assertEquals(0, m.mismatches(), spec + " lost " + x + "," + y);
                    m.assertReadsModel();
                }
            }
        }
    }

    @Test
    void anImageMissingAtStartIsReadAroundAndRebuilt() throws IOException {
        MdRig full = rig("raid5_ls:4");
        full.randomIo(new Random(9), 30);
        List<ulvm.io.BlockDevice> devs = new java.util.ArrayList<>(List.of(full.devs));
        devs.set(2, new ulvm.io.MissingDevice("pv2", MdRig.IMAGE));
        MdArray a = new MdArray("vg/lv", full.a.layout(), devs, MdRig.IMAGE, MdRig.REGION, WriteIntent.none(), null);
        assertTrue(a.isFailed(2));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(full.model.length);
        a.readFully(0, b);
        assertArrayEquals(full.model, b.array());
    }

    @Test
    void raid10ReadsTheOtherCopyAndRebuildsFromIt() throws IOException {
        MdRig m = rig("raid10:6");
        Random r = new Random(4);
        m.randomIo(r, 20);
        m.devs[1].failing(true);
        m.devs[2].failing(true);
        m.devs[5].failing(true);
        m.randomIo(r, 30);
        m.assertReadsModel();
        m.replaceAndRebuild(1);
        m.replaceAndRebuild(2);
        m.replaceAndRebuild(5);
        assertEquals(0, m.mismatches());
        m.devs[0].failing(true);
        m.devs[3].failing(true);
        m.assertReadsModel();
        m.devs[4].failing(true);
        m.devs[5].failing(true);
        assertThrows(IOException.class, () -> m.write(0, new byte[MdRig.CHUNK * 6]));
    }

    @Test
    void raid0HasNothingToFallBackOn() throws IOException {
        MdRig m = rig("raid0:3");
        m.randomIo(new Random(2), 10);
        m.devs[1].failing(true);
        assertThrows(IOException.class, () -> m.read(MdRig.CHUNK, 1));
    }

    @Test
    void checkCountsMismatchedStripesAndRepairRewritesThem() throws IOException {
        for (String spec : List.of("raid5_ls:4", "raid6_zr:5", "raid10:4")) {
            MdRig m = rig(spec);
            m.randomIo(new Random(6), 30);
            m.devs[1].poke(3L * MdRig.CHUNK + 10, new byte[] {42, 43});            // stripe 3
            m.devs[2].poke(5L * MdRig.CHUNK, new byte[] {1});                      // stripe 5
            m.devs[2].poke(5L * MdRig.CHUNK + MdRig.CHUNK - 1, new byte[] {1});
            assertEquals(2, m.mismatches(), spec);
            long repaired = 0;
            for (long r = 0; r < m.a.regionCount(); r++) repaired += m.a.check(r, true);
            assertEquals(2, repaired);
            assertEquals(0, m.mismatches(), spec);
        }
    }

    /** md counts its stripes, one 4 KiB page per image: two pages of one 16 KiB chunk's parity are two. */
    @Test
    void checkCountsMdStripesOfOnePage() throws IOException {
        for (String spec : List.of("raid5_ls:3", "raid10:4")) {
            String[] p = spec.split(":");
            int n = Integer.parseInt(p[1]);
            List<ulvm.io.BlockDevice> devs = new java.util.ArrayList<>();
            MemoryDevice[] mem = new MemoryDevice[n];
            for (int i = 0; i < n; i++) devs.add(mem[i] = new MemoryDevice("rimage_" + i, MdRig.IMAGE));
            MdArray a = new MdArray("vg/lv", MdLayout.of(p[0], n, 32, 2), devs, MdRig.IMAGE, MdRig.IMAGE, WriteIntent.none(), null);
            a.writeFully(0, java.nio.ByteBuffer.wrap(new byte[(int) a.size()]));
            mem[n - 1].poke(100, new byte[] {1});
            mem[n - 1].poke(4096 + 200, new byte[] {1});
            mem[n - 1].poke(4096 + 300, new byte[] {1});
            assertEquals(2, a.check(0, false), spec);
            assertEquals(2, a.check(0, true), spec);
            assertEquals(0, a.check(0, false), spec);
            assertEquals(8, MdArray.MISMATCH_SECTORS);
        }
    }

    /** raid5 on two images holds the same bytes on both (P of one chunk is the chunk): why LVM2 takes raid1 over to it. */
    @Test
    void raid5OnTwoImagesIsAMirror() throws IOException {
        for (String spec : List.of("raid5_ls:2", "raid5_n:2", "raid4:2")) {
            MdRig m = rig(spec);
            m.randomIo(new Random(12), 30);
            assertArrayEquals(m.devs[0].bytes(0, MdRig.IMAGE), m.devs[1].bytes(0, MdRig.IMAGE), spec);
            assertEquals(0, m.mismatches());
        }
    }
}
