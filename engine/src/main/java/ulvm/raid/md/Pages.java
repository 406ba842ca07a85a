package ulvm.raid.md;

import java.util.Arrays;

/**
 * The unit md's check counts in: a stripe_head covers one 4 KiB page of each image (STRIPE_SIZE), and mismatch_cnt
 * grows by its 8 sectors for each one whose parity disagrees. Page boundaries lie at multiples of 4 KiB of the chunk
 * (a chunk is a whole number of pages: LVM2's stripe sizes are powers of two of at least 4 KiB).
 */
final class Pages {
    static final int SIZE = 4096;
    /** md's mismatch_cnt per differing page. */
    static final int SECTORS = SIZE / 512;

    private Pages() { }

    /** Pages that {@code [lo, hi)} of a chunk touches. */
    static int count(int lo, int hi) { return (hi - 1) / SIZE - lo / SIZE + 1; }

    /**
     * Pages of {@code [lo, hi)} where {@code p} differs from {@code p2} or {@code q} from {@code q2} (a null stored
     * block is not compared).
     */
    static long differing(byte[] p, byte[] p2, byte[] q, byte[] q2, int lo, int hi) {
        long n = 0;
        for (int x = lo; x < hi; ) {
            int e = Math.min(hi, (x / SIZE + 1) * SIZE);
            if (p != null && !Arrays.equals(p, x, e, p2, x, e) || q != null && !Arrays.equals(q, x, e, q2, x, e)) n++;
            x = e;
        }
        return n;
    }

    /** Marks in {@code differs} (by page from {@code lo}'s) the pages where {@code a} and {@code b} differ; true if any. */
    static boolean mark(byte[] a, byte[] b, int lo, int hi, boolean[] differs) {
        boolean any = false;
        for (int x = lo, k = 0; x < hi; k++) {
            int e = Math.min(hi, (x / SIZE + 1) * SIZE);
            if (!Arrays.equals(a, x, e, b, x, e)) any = differs[k] = true;
            x = e;
        }
        return any;
    }
}
