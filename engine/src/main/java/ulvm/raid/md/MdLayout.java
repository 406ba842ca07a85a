package ulvm.raid.md;

/**
 * Where an LV's bytes lie on the images of an md-layout array: raid0 striping, raid10 near copies
 * (drivers/md/raid10.c {@code __raid10_find_phys} with far_copies 1) and the raid4/5/6 algorithms of
 * drivers/md/raid5.c {@code raid5_compute_sector}. A chunk is LVM2's stripe_size. Image offsets are relative to the
 * start of each rimage LV (LVM2 gives dm-raid no data_offset).
 *
 * <p>Parity levels: LV chunk c is data chunk {@code c % dataImages} of stripe {@code c / dataImages}; stripe s lies at
 * image offset {@code s * chunk} on every image, its parity images and data order given by {@link #row}.
 */
public final class MdLayout {
    /** A place on an image: image index and byte offset in it. */
    public record Place(int image, long offset) {}

    private final MdAlgorithm alg;
    private final int images;
    private final int chunk;
    private final int copies;
    private final StripeRow[] rows;

    /**
     * {@code chunkBytes}: the stripe size in bytes; {@code copies}: raid10's data copies (2 for LVM2's raid10; ignored
     * by the other levels). raid10 needs a multiple of {@code copies} images (LVM2 makes stripes x copies).
     */
    public MdLayout(MdAlgorithm alg, int images, int chunkBytes, int copies) {
        int min = alg == MdAlgorithm.RAID0 ? 1 : alg.parityImages() == 2 ? 4 : 2;
        if (images < min) throw new IllegalArgumentException(alg.segtype() + " needs at least " + min + " images, not " + images);
        if (chunkBytes <= 0 || chunkBytes % 512 != 0) throw new IllegalArgumentException("chunk of " + chunkBytes + " bytes");
        if (alg.mirrored() && (copies < 2 || images % copies != 0))
            throw new IllegalArgumentException("raid10 with " + copies + " copies over " + images + " images");
        this.alg = alg;
        this.images = images;
        this.chunk = chunkBytes;
        this.copies = alg.mirrored() ? copies : 1;
        this.rows = alg.parityImages() == 0 ? new StripeRow[0] : rows(alg, images);
    }

    /** The layout of LVM2 segment type {@code segtype} with {@code stripeSectors} (stripe_size) and data copies. */
    public static MdLayout of(String segtype, int images, long stripeSectors, int dataCopies) {
        MdAlgorithm a = MdAlgorithm.of(segtype);
        if (a == null) throw new IllegalArgumentException("no md layout for segment type " + segtype);
        return new MdLayout(a, images, Math.toIntExact(stripeSectors * 512), dataCopies);
    }

    public MdAlgorithm algorithm() { return alg; }

    public int images() { return images; }

    public int chunkBytes() { return chunk; }

    public int copies() { return copies; }

    /** Images whose chunks hold LV data in each stripe (for raid10, image groups: images / copies). */
    public int dataImages() { return alg.mirrored() ? images / copies : images - alg.parityImages(); }

    public int parityImages() { return alg.parityImages(); }

    /** The LV bytes that images of {@code imageBytes} each hold (whole chunks only). */
    public long lvBytes(long imageBytes) { return imageBytes / chunk * chunk * dataImages(); }

    /** Bytes of LV data in one stripe (one chunk per data image). */
    public long stripeBytes() { return (long) chunk * dataImages(); }

    /** Stripe {@code s} of a raid4/5/6 array. */
    public StripeRow row(long s) { return rows[(int) (s % rows.length)]; }

    /** Where LV byte {@code lvOffset} lies (raid10: its first copy). */
    public Place map(long lvOffset) {
        long c = lvOffset / chunk;
        long in = lvOffset % chunk;
        switch (alg) {
            case RAID0:
                return new Place((int) (c % images), c / images * chunk + in);
            case RAID10: {
                long v = c * copies;
                return new Place((int) (v % images), v / images * chunk + in);
            }
            default: {
                int d = dataImages();
                long s = c / d;
                return new Place(row(s).data()[(int) (c % d)], s * chunk + in);
            }
        }
    }

    /** Every copy of LV byte {@code lvOffset}: one place, or {@link #copies} for raid10 (on consecutive images). */
    public Place[] places(long lvOffset) {
        Place first = map(lvOffset);
        Place[] out = new Place[copies];
        int dev = first.image();
        long off = first.offset();
        for (int k = 0; k < copies; k++) {
            out[k] = new Place(dev, off);
            if (++dev == images) { // not with LVM2's image counts, kept as md does it
                dev = 0;
                off += chunk;
            }
        }
        return out;
    }

    /** Sector form of {@link #map}: {image, image sector} for LV sector {@code lvSector}. */
    public long[] mapSector(long lvSector) {
        Place p = map(lvSector * 512);
        return new long[] {p.image(), p.offset() / 512};
    }

    // ---- the raid4/5/6 rows ----

    private static StripeRow[] rows(MdAlgorithm alg, int n) {
        int period = switch (alg) {
            case RAID4, RAID5_N, RAID6_N_6 -> 1;
            case RAID6_LA_6, RAID6_RA_6, RAID6_LS_6, RAID6_RS_6 -> n - 1;
            default -> n;
        };
        StripeRow[] out = new StripeRow[period];
        for (int s = 0; s < period; s++) out[s] = row(alg, n, s);
        return out;
    }

    /** raid5_compute_sector's parity and data images for stripe {@code s}, then raid6_idx_to_slot's Q order. */
    private static StripeRow row(MdAlgorithm alg, int n, int s) {
        int dd = n - alg.parityImages();
        int[] data = new int[dd];
        int pd;
        int qd = -1;
        boolean ddf = false;
        switch (alg) {
            case RAID4 -> { // ALGORITHM_PARITY_0
                pd = 0;
                for (int j = 0; j < dd; j++) data[j] = j + 1;
            }
            case RAID5_LA, RAID5_RA -> {
                pd = alg == MdAlgorithm.RAID5_LA ? dd - s % n : s % n;
                for (int j = 0; j < dd; j++) data[j] = j >= pd ? j + 1 : j;
            }
            case RAID5_LS, RAID5_RS -> {
                pd = alg == MdAlgorithm.RAID5_LS ? dd - s % n : s % n;
                for (int j = 0; j < dd; j++) data[j] = (pd + 1 + j) % n;
            }
            case RAID5_N -> {
                pd = dd;
                for (int j = 0; j < dd; j++) data[j] = j;
            }
            case RAID6_ZR, RAID6_NR -> { // ROTATING_ZERO_RESTART, ROTATING_N_RESTART
                ddf = true;
                pd = alg == MdAlgorithm.RAID6_ZR ? s % n : n - 1 - (s + 1) % n;
                qd = pd + 1;
                if (pd == n - 1) qd = 0;
                for (int j = 0; j < dd; j++) data[j] = pd == n - 1 ? j + 1 : j >= pd ? j + 2 : j;
            }
            case RAID6_NC -> { // ROTATING_N_CONTINUE
                ddf = true;
                pd = n - 1 - s % n;
                qd = (pd + n - 1) % n;
                for (int j = 0; j < dd; j++) data[j] = (pd + 1 + j) % n;
            }
            case RAID6_LA_6, RAID6_RA_6 -> {
                pd = alg == MdAlgorithm.RAID6_LA_6 ? dd - s % (n - 1) : s % (n - 1);
                qd = n - 1;
                for (int j = 0; j < dd; j++) data[j] = j >= pd ? j + 1 : j;
            }
            case RAID6_LS_6, RAID6_RS_6 -> {
                pd = alg == MdAlgorithm.RAID6_LS_6 ? dd - s % (n - 1) : s % (n - 1);
                qd = n - 1;
                for (int j = 0; j < dd; j++) data[j] = (pd + 1 + j) % (n - 1);
            }
            case RAID6_N_6 -> { // ALGORITHM_PARITY_N
                pd = dd;
                qd = dd + 1;
                for (int j = 0; j < dd; j++) data[j] = j;
            }
            default -> throw new IllegalArgumentException(alg.segtype() + " has no parity");
        }
        int[] slot = new int[n];
        java.util.Arrays.fill(slot, -1);
        int syndrome = dd;
        if (qd < 0) {
            for (int j = 0; j < dd; j++) slot[data[j]] = j;
        } else {
            syndrome = ddf ? n : n - 2;
            int d0 = ddf || qd == n - 1 ? 0 : qd + 1; // raid6_d0: DDF from the first image, md just after Q
            int count = 0;
            for (int k = 0, i = d0; k < n; k++, i = (i + 1) % n) {
                int here = count;
                if (ddf) count++;
                if (i == pd || i == qd) continue;
                if (!ddf) count++;
                slot[i] = here;
            }
        }
        return new StripeRow(pd, qd, data, slot, syndrome);
    }
}
