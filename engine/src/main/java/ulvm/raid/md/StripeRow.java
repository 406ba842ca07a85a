package ulvm.raid.md;

/**
 * Where one stripe of a raid4/5/6 array lies on its images (md's {@code raid5_compute_sector} and
 * {@code raid6_idx_to_slot}): {@code data[j]} is the image of the stripe's j-th data chunk (in LV order), {@code p}
 * and {@code q} the parity images ({@code q} -1 without Q), {@code slot[i]} the Q coefficient exponent of image i's
 * chunk (Q = sum of g^slot * D; -1 for P and Q), {@code syndromeDisks} how many slots Q sums over (md's
 * {@code syndrome_disks}: the data images, or every image for the DDF-style algorithms, whose P and Q positions count
 * as zero blocks).
 */
public record StripeRow(int p, int q, int[] data, int[] slot, int syndromeDisks) {
    /** The data index (LV order) of image {@code image} in this stripe, or -1 for a parity image. */
    public int dataIndex(int image) {
        for (int j = 0; j < data.length; j++) if (data[j] == image) return j;
        return -1;
    }
}
