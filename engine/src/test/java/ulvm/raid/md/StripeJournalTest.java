package ulvm.raid.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import ulvm.io.BlockDevice;
import ulvm.io.MemoryDevice;

/**
 * The degraded write hole closed by the {@link StripeJournal}: a write of a degraded array (partial or full stripe) is cut after
 * each of its device writes (journal entries, in-place writes, retirements); after the restart (the journal replayed)
 * every byte outside the write reads what was there before, the missing image's chunks included, and the write itself
 * reads entirely old or entirely new. Without the journal some cut loses the missing image's data.
 */
class StripeJournalTest {
    private static final int RMETA = 256 * 1024;
    private static final int NO_CUT = Integer.MAX_VALUE;

    /** A healthy array's images and rmetas, filled with seeded data ({@code model}). */
    private record Disks(String segtype, MemoryDevice[] images, MemoryDevice[] metas, byte[] model) {
        static Disks filled(String segtype, int n) throws IOException {
            MemoryDevice[] images = new MemoryDevice[n];
            MemoryDevice[] metas = new MemoryDevice[n];
            for (int i = 0; i < n; i++) {
                images[i] = new MemoryDevice("rimage_" + i, MdRig.IMAGE);
                metas[i] = new MemoryDevice("rmeta_" + i, RMETA);
            }
            Disks d = new Disks(segtype, images, metas, null);
            MdArray a = d.start(List.of(), new AtomicInteger(NO_CUT), false);
            byte[] model = new byte[(int) a.size()];
            new Random(7).nextBytes(model);
            a.writeFully(0, ByteBuffer.wrap(model));
            return new Disks(segtype, images, metas, model);
        }

        /** The array without the images {@code missing}, its writes cut after {@code budget}; the journal replayed first. */
        MdArray start(List<Integer> missing, AtomicInteger budget, boolean journal) throws IOException {
            return start(missing, List.of(), budget, journal);
        }

        /**
         * As above, the images {@code rebuilding} put back and rebuilt over their first half, unrecorded (a crash then
         * rebuilds them from the start: missing at the restart).
         */
        MdArray start(List<Integer> missing, List<Integer> rebuilding, AtomicInteger budget, boolean journal) throws IOException {
            int n = images.length;
            List<BlockDevice> imgs = new ArrayList<>();
            BlockDevice[] ms = new BlockDevice[n];
            boolean[] trusted = new boolean[n];
            for (int i = 0; i < n; i++) {
                boolean here = !missing.contains(i);
                imgs.add(here ? new CutDevice(images[i], budget) : null);
                ms[i] = here ? new CutDevice(metas[i], budget) : null;
                trusted[i] = here;
            }
            MdLayout l = MdLayout.of(segtype, n, MdRig.CHUNK / 512, 2);
            MdArray a = new MdArray("vg/lv", l, imgs, MdRig.IMAGE, MdRig.REGION, WriteIntent.none(), null);
            if (journal) {
                StripeJournal j = StripeJournal.of(ms, imgs, MdRig.CHUNK, a.regionCount()).orElseThrow();
                j.recover(imgs, trusted);
                a.useJournal(j);
            }
            for (int i : rebuilding) {
                a.fail(i, new IOException("put back"));
                a.replace(i, imgs.get(i));
                a.rebuild(i, 0, MdRig.IMAGE / 2);
            }
            return a;
        }
    }

    /**
     * Cuts the write of {@code len} bytes at {@code off} after each of its device writes; returns how many cuts lost
     * data (a byte outside the write changed, or the write landed in part).
     */
    private static int cutEverywhere(String segtype, int n, List<Integer> missing, List<Integer> rebuilding, int off, int len, boolean journal)
            throws IOException {
        List<Integer> after = new ArrayList<>(missing);
        after.addAll(rebuilding);
        byte[] nu = new byte[len];
        new Random(off).nextBytes(nu);
        Disks whole = Disks.filled(segtype, n);
        AtomicInteger budget = new AtomicInteger(NO_CUT);
        MdArray counting = whole.start(missing, rebuilding, budget, journal);
        budget.set(NO_CUT);
        counting.writeFully(off, ByteBuffer.wrap(nu));
        int writes = NO_CUT - budget.get();
        int lost = 0;
        for (int cut = 0; cut < writes; cut++) {
            Disks d = Disks.filled(segtype, n);
            budget.set(NO_CUT);
            MdArray a = d.start(missing, rebuilding, budget, journal);
            budget.set(cut);
            assertThrows(CutDevice.PowerCut.class, () -> a.writeFully(off, ByteBuffer.wrap(nu)));
            ByteBuffer all = ByteBuffer.allocate(d.model.length);
            d.start(after, new AtomicInteger(NO_CUT), journal).readFully(0, all);
            byte[] got = all.array();
            boolean outside = Arrays.equals(got, 0, off, d.model, 0, off)
                    && Arrays.equals(got, off + len, got.length, d.model, off + len, got.length);
            if (!outside || !oldOrNew(got, d.model, nu, off, off + len, parityLost(a, off))) lost++;
        }
        return lost;
    }

    /**
     * Whether {@code got[from, to)} holds all of the old or all of the new bytes; {@code byChunk}: each chunk's part by
     * itself (a row whose parity images are all missing is written as plain disks are, a chunk at a time).
     */
    private static boolean oldOrNew(byte[] got, byte[] old, byte[] nu, int from, int to, boolean byChunk) {
        if (!byChunk) return Arrays.equals(got, from, to, old, from, to) || Arrays.equals(got, from, to, nu, 0, to - from);
        for (int at = from; at < to; ) {
            int end = Math.min(to, (at / MdRig.CHUNK + 1) * MdRig.CHUNK);
            if (!oldOrNew(got, old, Arrays.copyOfRange(nu, at - from, end - from), at, end, false)) return false;
            at = end;
        }
        return true;
    }

    /** Whether every parity image of the stripe row holding LV byte {@code off} is missing. */
    private static boolean parityLost(MdArray a, long off) {
        StripeRow row = a.layout().row(off / a.layout().stripeBytes());
        return a.isFailed(row.p()) && (row.q() < 0 || a.isFailed(row.q()));
    }

    /**
     * Writes in stripe rows 0 .. images-1 (each image in each role), the first half of the images (below a rebuild's
     * mark) and the second: two data chunks in part, a piece of one, the whole row.
     */
    private static int lostOverRows(String segtype, int n, List<Integer> missing, List<Integer> rebuilding, boolean journal) throws IOException {
        int stripe = (n - MdLayout.of(segtype, n, MdRig.CHUNK / 512, 2).parityImages()) * MdRig.CHUNK;
        int half = MdRig.IMAGE / 2 / MdRig.CHUNK * stripe;
        int lost = 0;
        for (int s = 0; s < n; s++) {
            for (int at : new int[] {s * stripe, half + s * stripe}) {
                lost += cutEverywhere(segtype, n, missing, rebuilding, at + 1000, MdRig.CHUNK + 2000, journal);
                lost += cutEverywhere(segtype, n, missing, rebuilding, at + MdRig.CHUNK + 512, 1024, journal);
                lost += cutEverywhere(segtype, n, missing, rebuilding, at, stripe, journal);
            }
        }
        return lost;
    }

    @Test
    void aCutDegradedWriteLeavesTheMissingImagesDataAndIsAllOrNothing() throws IOException {
        assertEquals(0, lostOverRows("raid5_ls", 4, List.of(1), List.of(), true), "raid5_ls, image 1 missing");
        assertEquals(0, lostOverRows("raid6_zr", 5, List.of(3), List.of(), true), "raid6_zr, image 3 missing");
        assertEquals(0, lostOverRows("raid6_zr", 5, List.of(0, 3), List.of(), true), "raid6_zr, images 0 and 3 missing");
    }

    /** Below the mark too: the rebuild's checkpoint lags, and after the crash the rows up to the mark are rebuilt again. */
    @Test
    void aCutWriteDuringARebuildLeavesTheRebuiltImagesData() throws IOException {
        assertEquals(0, lostOverRows("raid5_ls", 4, List.of(), List.of(2), true), "raid5_ls, image 2 rebuilding");
        assertEquals(0, lostOverRows("raid6_zr", 5, List.of(3), List.of(0), true), "raid6_zr, image 3 missing, 0 rebuilding");
    }

    @Test
    void withoutTheJournalSomeCutLosesTheMissingImagesData() throws IOException {
        assertTrue(lostOverRows("raid5_ls", 4, List.of(1), List.of(), false) > 0);
        assertTrue(lostOverRows("raid6_zr", 5, List.of(0, 3), List.of(), false) > 0);
        assertTrue(lostOverRows("raid5_ls", 4, List.of(), List.of(2), false) > 0);
    }

    @Test
    void aCompletedDegradedWriteLeavesNoEntryAndAHealthyOneWritesNone() throws IOException {
        Disks d = Disks.filled("raid5_ls", 4);
        int before = Arrays.hashCode(d.metas[0].bytes(0, RMETA));
        MdArray healthy = d.start(List.of(), new AtomicInteger(NO_CUT), true);
        healthy.writeFully(100, ByteBuffer.allocate(3000));
        assertEquals(before, Arrays.hashCode(d.metas[0].bytes(0, RMETA)), "a healthy array's partial write journals nothing");
        MdArray degraded = d.start(List.of(2), new AtomicInteger(NO_CUT), true);
        degraded.writeFully(100, ByteBuffer.allocate(3000));
        StripeJournal j = degraded.journal;
        assertEquals(0, j.entries());
        assertTrue(j.slots() > 0);
    }

    /** The journal lies past the write-intent records' longest: a 4 MiB rmeta (one default extent) holds 16 slots of 64 KiB chunks at 2^21 regions, a 1 MiB one none. */
    @Test
    void theJournalFitsBesideTheLargestRecords() throws IOException {
        List<BlockDevice> imgs = new ArrayList<>();
        BlockDevice[] big = new BlockDevice[6];
        BlockDevice[] small = new BlockDevice[6];
        for (int i = 0; i < 6; i++) {
            imgs.add(new MemoryDevice("rimage_" + i, 4096));
            big[i] = new MemoryDevice("rmeta_" + i, 4 << 20);
            small[i] = new MemoryDevice("rmeta_" + i, 1 << 20);
        }
        assertEquals(16, StripeJournal.of(big, imgs, 64 * 1024, 1L << 21).orElseThrow().slots());
        assertTrue(StripeJournal.of(small, imgs, 64 * 1024, 1L << 21).isEmpty());
        assertTrue(StripeJournal.of(small, imgs, 64 * 1024, 8192).isPresent());
        big[2] = null;
        assertTrue(StripeJournal.of(big, imgs, 64 * 1024, 8192).isEmpty(), "an image present without its rmeta");
        imgs.set(2, null);
        assertNull(StripeJournal.of(big, imgs, 64 * 1024, 8192).map(x -> null).orElse(null));
    }

    /**
     * An image failing under writes begun on the healthy array (not journaled): its failure is recorded only after the
     * other images are forced, so a crash never finds it recorded failed beside stripes that those writes left in
     * part; and before the write that missed it returns.
     */
    @Test
    void aFailureIsRecordedAfterTheOtherImagesAreForced() throws IOException {
        MdRig m = new MdRig("raid5_ls", 4);
        m.a.recordFailuresWith(() -> m.journal.add(new MemoryDevice.Event("record", "log", 0, 0)));
        Random r = new Random(5);
        m.randomIo(r, 10); // healthy, unforced
        m.devs[2].failing(true);
        m.write(0, new byte[(int) m.a.layout().stripeBytes() * 2]); // touches image 2
        assertTrue(m.a.isFailed(2));
        List<MemoryDevice.Event> ev = new ArrayList<>(m.journal);
        int record = -1;
        for (int i = 0; i < ev.size(); i++) if (ev.get(i).kind().equals("record")) record = i;
        assertTrue(record >= 0, "recorded before the write returned");
        for (int img : new int[] {0, 1, 3}) {
            int lastWrite = -1;
            int flush = -1;
            for (int i = 0; i < record; i++) {
                if (!ev.get(i).device().equals("rimage_" + img)) continue;
                if (ev.get(i).kind().equals("write")) lastWrite = i;
                if (ev.get(i).kind().equals("flush")) flush = i;
            }
            assertTrue(flush > lastWrite, "rimage_" + img + " forced after its last write before the record");
        }
        m.assertReadsModel();
    }
}
