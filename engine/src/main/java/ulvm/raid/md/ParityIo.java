package ulvm.raid.md;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * raid4/5/6 I/O, one stripe at a time. Reads go to the data image, or are rebuilt from the stripe under its lock
 * when that image is failed or behind its rebuild. A write under the stripe's lock: a full stripe computes P and Q
 * from the new data alone; a partial one reads the old data and parity and applies the difference
 * (read-modify-write) or reads the rest of the stripe and recomputes (reconstruct-write), whichever reads less; a
 * stripe with a lost image, or in a region not yet resynced, always reconstructs. Parity covers the chunk range
 * {@code [lo, hi)} the write touches. While an image is failed or rebuilding, writes reconstruct and go through the
 * array's {@link StripeJournal} first (the degraded write hole).
 */
final class ParityIo {
    private final MdArray a;
    private final MdLayout l;
    private final int chunk;
    private final int dataImages;
    private final int parityImages;
    private final ThreadLocal<Scratch> scratch;

    ParityIo(MdArray a) {
        this.a = a;
        this.l = a.layout;
        this.chunk = l.chunkBytes();
        this.dataImages = l.dataImages();
        this.parityImages = l.parityImages();
        this.scratch = Scratch.of(l);
    }

    // ---- reads ----

    int read(long off, ByteBuffer dst) throws IOException {
        long c = off / chunk;
        int in = (int) (off % chunk);
        int len = (int) Math.min(dst.remaining(), chunk - in);
        long s = c / dataImages;
        StripeRow row = l.row(s);
        int img = row.data()[(int) (c % dataImages)];
        long io = s * chunk + in;
        int pos = dst.position();
        if (a.readable(img, io, len)) {
            int lim = dst.limit();
            dst.limit(pos + len);
            try {
                a.devs[img].readFully(io, dst);
                return len;
            } catch (IOException e) {
                a.fail(img, e);
                dst.position(pos);
            } finally {
                dst.limit(lim);
            }
        }
        return readDegraded(s, row, (int) (c % dataImages), in, dst);
    }

    /**
     * A read whose data image is lost: the stripe's other images read once over the columns the request covers in
     * this stripe, the lost chunk rebuilt, and every chunk of the request in the stripe served from those columns.
     */
    private int readDegraded(long s, StripeRow row, int j, int in, ByteBuffer dst) throws IOException {
        int at = j * chunk + in;
        int want = (int) Math.min(dst.remaining(), l.stripeBytes() - at);
        int j1 = (at + want - 1) / chunk;
        int lo = j1 == j ? in : 0;
        int hi = j1 == j ? in + want : chunk;
        a.locks.lock(s);
        try {
            Scratch sc = scratch.get();
            reconstruct(sc, row, lo, hi - lo, gatherAll(sc, s, lo, hi, -1));
            for (int k = j; k <= j1; k++) {
                int ws = k == j ? in : 0;
                int we = k == j1 ? at + want - j1 * chunk : chunk;
                dst.put(sc.col[row.data()[k]], ws, we - ws);
            }
            return want;
        } finally {
            a.locks.unlock(s);
        }
    }

    // ---- writes ----

    int write(long off, ByteBuffer src) throws IOException {
        long s = off / l.stripeBytes();
        int pos = (int) (off - s * l.stripeBytes());
        if (pos == 0 && src.remaining() >= 2L * l.stripeBytes() && a.degradedImages() == 0) {
            int run = writeRun(s, src);
            if (run > 0) return run;
        }
        int n = (int) Math.min(src.remaining(), l.stripeBytes() - pos);
        int j0 = pos / chunk;
        int j1 = (pos + n - 1) / chunk;
        int lo = j0 == j1 ? pos % chunk : 0;
        int hi = j0 == j1 ? lo + n : chunk;
        long base = s * chunk;
        a.beforeWrite(base + lo, base + hi);
        int at = src.position();
        a.locks.lock(s);
        try {
            Scratch sc = scratch.get();
            boolean full = n == l.stripeBytes();
            StripeRow row = l.row(s);
            for (int j = j0; j <= j1; j++) { // a full stripe's data straight into the columns, else kept apart
                int ws = ws(j, j0, pos);
                int we = we(j, j1, pos + n);
                src.get(at + j * chunk + ws - pos, full ? sc.col[row.data()[j]] : sc.nu[j], ws, we - ws);
            }
            for (int attempt = 0; ; attempt++) {
                a.checkAlive();
                if (writeStripe(sc, s, pos, n, j0, j1, lo, hi)) break;
                if (attempt > parityImages) throw new IOException(a.label + ": stripe " + s + " could not be written");
            }
            a.checkAlive();
        } finally {
            a.locks.unlock(s);
        }
        src.position(at + n);
        return n;
    }

    /**
     * Consecutive full stripes of a whole array from stripe {@code s} (at least two; at most {@link Scratch#RUN_BYTES}
     * of data; a degraded array writes stripe by stripe, through its journal): each
     * image's chunks of the run lie back to back on it, so the run goes out as one write per image, its parity
     * computed from the new data alone. The same as writing them one by one, with a write per image instead of one
     * per chunk. Returns 0, having written nothing, when an image failed before the run began (it goes through the
     * journal then); a failure after that is recorded once the run is whole ({@code writing}), as a stripe's.
     */
    private int writeRun(long s, ByteBuffer src) throws IOException {
        int stripe = (int) l.stripeBytes();
        int k = (int) Math.min(src.remaining() / stripe, Math.max(2, Scratch.RUN_BYTES / stripe));
        long base = s * chunk;
        a.beforeWrite(base, base + (long) k * chunk);
        int at = src.position();
        a.locks.lockRun(s, k);
        try {
            a.checkAlive(); // (records failures: never while this run counts in a.writing)
            a.writing.incrementAndGet();
            try {
                if (a.degradedImages() != 0) return 0;
                byte[][] run = scratch.get().run(k * chunk);
                byte[][] data = new byte[dataImages][];
                for (int t = 0; t < k; t++) {
                    StripeRow row = l.row(s + t);
                    int o = t * chunk;
                    for (int j = 0; j < dataImages; j++) src.get(at + t * stripe + j * chunk, run[row.data()[j]], o, chunk);
                    if (parityImages == 1) {
                        for (int j = 0; j < dataImages; j++) data[j] = run[row.data()[j]];
                        Parity.xorAll(data, o, chunk, run[row.p()], o);
                    } else {
                        Parity.syndrome(bySlot(run, row), o, chunk, run[row.p()], run[row.q()], o);
                    }
                }
                for (int i = 0; i < l.images(); i++) a.writeImage(i, base, run[i], 0, k * chunk);
            } finally {
                a.writing.decrementAndGet();
            }
            a.checkAlive();
        } finally {
            a.locks.unlockRun(s, k);
        }
        src.position(at + k * stripe);
        return k * stripe;
    }

    private int ws(int j, int j0, int pos) { return j == j0 ? pos % chunk : 0; }

    private int we(int j, int j1, int end) { return j == j1 ? end - j1 * chunk : chunk; }

    /** One try at writing the stripe; false when an image failed on the way (try again, without it). */
    private boolean writeStripe(Scratch sc, long s, int pos, int n, int j0, int j1, int lo, int hi) throws IOException {
        a.writing.incrementAndGet(); // a failure is recorded once this write is whole in place
        try {
            return writeStripeCounted(sc, s, pos, n, j0, j1, lo, hi);
        } finally {
            a.writing.decrementAndGet();
        }
    }

    private boolean writeStripeCounted(Scratch sc, long s, int pos, int n, int j0, int j1, int lo, int hi) throws IOException {
        StripeRow row = l.row(s);
        long base = s * chunk;
        int len = hi - lo;
        if (n != l.stripeBytes()) { // (a full stripe's data is in the columns already)
            boolean healthy = a.degradedImages() == 0; // (else journaled: a reconstruct-write)
            boolean synced = true;
            for (long r = (base + lo) / a.regionBytes; r <= (base + hi - 1) / a.regionBytes; r++) synced &= !a.unsynced.get(r);
            int written = 0;
            int covering = 0; // data chunks the write covers over all of [lo, hi): a reconstruct-write need not read them
            for (int j = j0; j <= j1; j++) {
                written += we(j, j1, pos + n) - ws(j, j0, pos);
                if (ws(j, j0, pos) <= lo && we(j, j1, pos + n) >= hi) covering++;
            }
            long rmwReads = written + (long) parityImages * len;
            long rcwReads = (long) (dataImages - covering) * len;
            if (healthy && synced && rmwReads < rcwReads) return readModifyWrite(sc, row, base, pos, n, j0, j1, lo, hi);
            if (!gatherForReconstruct(sc, row, base, pos, n, j0, j1, lo, hi)) return false;
            for (int j = j0; j <= j1; j++) {
                int ws = ws(j, j0, pos);
                System.arraycopy(sc.nu[j], ws, sc.col[row.data()[j]], ws, we(j, j1, pos + n) - ws);
            }
        }
        computeParity(sc, row, lo, len);
        StripeJournal journal = a.journal;
        List<StripeJournal.Piece> pieces = journal == null ? null : journaled(journal, sc, row, pos, n, j0, j1, lo, hi);
        int slot = pieces == null ? -1 : journal.write(s, pieces, a::fail);
        if (pieces != null && slot < 0) return false; // nothing written in place: try again without the failed rmeta's image
        for (int j = j0; j <= j1; j++) {
            int ws = ws(j, j0, pos);
            a.writeImage(row.data()[j], base + ws, sc.col[row.data()[j]], ws, we(j, j1, pos + n) - ws);
        }
        writeParity(sc, row, base, lo, len);
        if (pieces != null) {
            for (StripeJournal.Piece p : pieces) a.force(p.image());
            journal.retire(slot, pieces, a::fail);
        }
        return true;
    }

    /**
     * What a write journals ({@link StripeJournal}): the new contents of each image it writes, while an image is failed
     * or rebuilding and a parity image is written; else null. A full stripe too: torn, it would leave a lost chunk
     * rebuilt from old and new chunks mixed. Also below a rebuild's mark: after a crash the rebuild resumes from its
     * last recorded checkpoint, and rebuilds the rows between from their parity.
     */
    private List<StripeJournal.Piece> journaled(StripeJournal journal, Scratch sc, StripeRow row, int pos, int n, int j0, int j1, int lo,
                                                int hi) {
        if (a.degradedImages() == 0 || !a.writable(row.p()) && (row.q() < 0 || !a.writable(row.q()))) return null;
        List<StripeJournal.Piece> out = new ArrayList<>();
        for (int j = j0; j <= j1; j++) {
            int img = row.data()[j];
            int ws = ws(j, j0, pos);
            if (a.writable(img) && journal.covers(img)) out.add(new StripeJournal.Piece(img, ws, we(j, j1, pos + n) - ws, sc.col[img]));
        }
        for (int img : row.q() < 0 ? new int[] {row.p()} : new int[] {row.p(), row.q()})
            if (a.writable(img) && journal.covers(img)) out.add(new StripeJournal.Piece(img, lo, hi - lo, sc.col[img]));
        return out.isEmpty() ? null : out;
    }

    /** P (and Q) of the data columns over [lo, lo + len), into the parity images' columns. */
    private void computeParity(Scratch sc, StripeRow row, int lo, int len) {
        if (parityImages == 1) {
            byte[][] data = new byte[dataImages][];
            for (int j = 0; j < dataImages; j++) data[j] = sc.col[row.data()[j]];
            Parity.xorAll(data, lo, len, sc.col[row.p()], lo);
        } else {
            Parity.syndrome(bySlot(sc.col, row), lo, len, sc.col[row.p()], sc.col[row.q()], lo);
        }
    }

    private void writeParity(Scratch sc, StripeRow row, long base, int lo, int len) {
        a.writeImage(row.p(), base + lo, sc.col[row.p()], lo, len);
        if (row.q() >= 0) a.writeImage(row.q(), base + lo, sc.col[row.q()], lo, len);
    }

    /** The data columns by Q slot (DDF layouts' P and Q positions null: zero blocks). */
    private static byte[][] bySlot(byte[][] cols, StripeRow row) {
        byte[][] out = new byte[row.syndromeDisks()][];
        for (int i = 0; i < cols.length; i++) if (row.slot()[i] >= 0) out[row.slot()[i]] = cols[i];
        return out;
    }

    /** Old data of the written ranges and old parity; parity += difference; then the writes. */
    private boolean readModifyWrite(Scratch sc, StripeRow row, long base, int pos, int n, int j0, int j1, int lo, int hi) {
        int len = hi - lo;
        if (!a.readImage(row.p(), base + lo, sc.col[row.p()], lo, len)) return false;
        if (row.q() >= 0 && !a.readImage(row.q(), base + lo, sc.col[row.q()], lo, len)) return false;
        for (int j = j0; j <= j1; j++) {
            int img = row.data()[j];
            int ws = ws(j, j0, pos);
            int wl = we(j, j1, pos + n) - ws;
            if (!a.readImage(img, base + ws, sc.col[img], ws, wl)) return false;
        }
        for (int j = j0; j <= j1; j++) {
            int img = row.data()[j];
            int ws = ws(j, j0, pos);
            int wl = we(j, j1, pos + n) - ws;
            System.arraycopy(sc.col[img], ws, sc.tmp, ws, wl);
            Parity.xor(sc.tmp, ws, sc.nu[j], ws, wl); // old + new
            Parity.xor(sc.col[row.p()], ws, sc.tmp, ws, wl);
            if (row.q() >= 0) Parity.mulXor(sc.col[row.q()], ws, sc.tmp, ws, wl, Gf256.exp(row.slot()[img]));
        }
        for (int j = j0; j <= j1; j++) {
            int ws = ws(j, j0, pos);
            a.writeImage(row.data()[j], base + ws, sc.nu[j], ws, we(j, j1, pos + n) - ws);
        }
        writeParity(sc, row, base, lo, len);
        return true;
    }

    /**
     * The data columns a reconstruct-write needs over [lo, hi): those the write does not cover; when one of them is
     * lost, every readable image and the lost ones rebuilt from parity. False when an image failed meanwhile.
     */
    private boolean gatherForReconstruct(Scratch sc, StripeRow row, long base, int pos, int n, int j0, int j1, int lo, int hi) throws IOException {
        int len = hi - lo;
        boolean lost = false;
        for (int j = 0; j < dataImages && !lost; j++) {
            boolean covered = j >= j0 && j <= j1 && ws(j, j0, pos) <= lo && we(j, j1, pos + n) >= hi;
            if (covered) continue;
            int img = row.data()[j];
            if (!a.readable(img, base + lo, len)) lost = true;
            else if (!a.readImage(img, base + lo, sc.col[img], lo, len)) return false;
        }
        if (!lost) return true;
        int before = a.degradedImages();
        boolean[] missing = gatherAll(sc, base / chunk, lo, hi, -1);
        if (a.degradedImages() != before) return false;
        reconstruct(sc, row, lo, len, missing);
        return true;
    }

    /** Reads every readable image's [lo, hi) of stripe s (but {@code skip}); returns which are missing. */
    private boolean[] gatherAll(Scratch sc, long s, int lo, int hi, int skip) {
        boolean[] missing = new boolean[l.images()];
        long base = s * chunk;
        for (int i = 0; i < l.images(); i++) {
            if (i == skip) missing[i] = true;
            else missing[i] = !a.readable(i, base + lo, hi - lo) || !a.readImage(i, base + lo, sc.col[i], lo, hi - lo);
        }
        return missing;
    }

    /** Rebuilds the missing images' columns over [lo, lo + len) from the others. */
    private void reconstruct(Scratch sc, StripeRow row, int lo, int len, boolean[] missing) throws IOException {
        int m1 = -1;
        int m2 = -1;
        int count = 0;
        for (int i = 0; i < missing.length; i++) {
            if (!missing[i]) continue;
            count++;
            if (m1 < 0) m1 = i;
            else m2 = i;
        }
        if (count > parityImages) throw new IOException(a.label + ": " + count + " images lost in one stripe, parity rebuilds " + parityImages);
        if (count == 0) return;
        if (parityImages == 1) {
            byte[][] others = new byte[l.images()][];
            for (int i = 0; i < others.length; i++) if (i != m1) others[i] = sc.col[i];
            Parity.xorAll(others, lo, len, sc.col[m1], lo);
            return;
        }
        byte[][] blocks = Arrays.copyOf(bySlot(sc.col, row), row.syndromeDisks() + 2);
        blocks[row.syndromeDisks()] = sc.col[row.p()];
        blocks[row.syndromeDisks() + 1] = sc.col[row.q()];
        Parity.recover(blocks, lo, len, slotOf(row, m1), m2 < 0 ? -1 : slotOf(row, m2));
    }

    private static int slotOf(StripeRow row, int image) {
        return image == row.p() ? row.syndromeDisks() : image == row.q() ? row.syndromeDisks() + 1 : row.slot()[image];
    }

    // ---- sync ----

    /**
     * Region r stripe by stripe: parity recomputed from the data, compared with the stored one unless {@code force};
     * written when {@code write} (and different, or forced). Returns the md stripes ({@link Pages}) whose parity
     * differed (0 when forced), or -1 when a data image lacks the region.
     */
    long scrub(long r, boolean write, boolean force) throws IOException {
        long from = r * a.regionBytes;
        long to = Math.min(a.imageBytes, from + a.regionBytes);
        long mismatched = 0;
        Scratch sc = scratch.get();
        for (long at = from; at < to; ) {
            long s = at / chunk;
            int lo = (int) (at - s * chunk);
            int hi = (int) Math.min(chunk, to - s * chunk);
            int len = hi - lo;
            long base = s * chunk;
            StripeRow row = l.row(s);
            a.locks.lock(s);
            try {
                for (int img : row.data()) if (!a.readable(img, base + lo, len) || !a.readImage(img, base + lo, sc.col[img], lo, len)) return -1;
                boolean differs = force;
                if (!force) {
                    boolean pOk = a.readable(row.p(), base + lo, len) && a.readImage(row.p(), base + lo, sc.p, lo, len);
                    boolean qOk = row.q() < 0 || a.readable(row.q(), base + lo, len) && a.readImage(row.q(), base + lo, sc.q, lo, len);
                    computeParity(sc, row, lo, len);
                    long pages = Pages.differing(pOk ? sc.p : null, sc.col[row.p()], row.q() >= 0 && qOk ? sc.q : null,
                            row.q() >= 0 ? sc.col[row.q()] : null, lo, hi);
                    mismatched += pages;
                    differs = pages > 0;
                    differs |= !pOk || !qOk; // a parity image behind its rebuild gets the parity too
                } else {
                    computeParity(sc, row, lo, len);
                }
                if (write && differs) writeParity(sc, row, base, lo, len);
            } finally {
                a.locks.unlock(s);
            }
            at = base + hi;
        }
        return mismatched;
    }

    /** Image {@code image}'s [lo, hi) of stripe s rebuilt from the others (the caller holds the stripe's lock). */
    void rebuild(int image, long s, int lo, int hi) throws IOException {
        Scratch sc = scratch.get();
        boolean[] missing = gatherAll(sc, s, lo, hi, image);
        reconstruct(sc, l.row(s), lo, hi - lo, missing);
        a.writeImage(image, s * chunk + lo, sc.col[image], lo, hi - lo);
    }
}
