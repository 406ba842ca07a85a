package ulvm.raid.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Layout vectors: what each image holds in each stripe, written out by hand from the switch statements of
 * drivers/md/raid5.c raid5_compute_sector (and raid6_d0/raid6_idx_to_slot for Q's order), raid10.c
 * __raid10_find_phys (near copies) and raid0's striping; not computed by the code under test.
 */
class MdLayoutTest {
    private static final int CHUNK = 8 * 512; // 8 sectors

    /** The stripes from 0 on, each as the images' contents: D<j> (the j-th data chunk), P or Q. */
    private static List<String> rows(String segtype, int images, int count) {
        MdLayout l = MdLayout.of(segtype, images, 8, 2);
        List<String> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            StripeRow r = l.row(s);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < images; i++) {
                if (i > 0) b.append(' ');
                b.append(i == r.p() ? "P" : i == r.q() ? "Q" : "D" + r.dataIndex(i));
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void raid4HasItsParityOnTheFirstImageAsDmRaidMapsItToParity0() {
        assertEquals(List.of("P D0 D1", "P D0 D1", "P D0 D1"), rows("raid4", 3, 3));
    }

    @Test
    void raid5N() {
        assertEquals(List.of("D0 D1 P", "D0 D1 P"), rows("raid5_n", 3, 2));
    }

    @Test
    void raid5LeftSymmetricIsTheDefault() {
        List<String> ls = List.of("D0 D1 D2 P", "D1 D2 P D0", "D2 P D0 D1", "P D0 D1 D2", "D0 D1 D2 P");
        assertEquals(ls, rows("raid5_ls", 4, 5));
        assertEquals(ls, rows("raid5", 4, 5));
    }

    @Test
    void raid5LeftAsymmetric() {
        assertEquals(List.of("D0 D1 D2 P", "D0 D1 P D2", "D0 P D1 D2", "P D0 D1 D2"), rows("raid5_la", 4, 4));
    }

    @Test
    void raid5RightAsymmetric() {
        assertEquals(List.of("P D0 D1 D2", "D0 P D1 D2", "D0 D1 P D2", "D0 D1 D2 P"), rows("raid5_ra", 4, 4));
    }

    @Test
    void raid5RightSymmetric() {
        assertEquals(List.of("P D0 D1 D2", "D2 P D0 D1", "D1 D2 P D0", "D0 D1 D2 P"), rows("raid5_rs", 4, 4));
    }

    @Test
    void raid5OnThreeImages() {
        assertEquals(List.of("D0 D1 P", "D1 P D0", "P D0 D1", "D0 D1 P"), rows("raid5_ls", 3, 4));
    }

    @Test
    void raid6ZeroRestartIsTheDefault() {
        List<String> zr = List.of("P Q D0 D1 D2", "D0 P Q D1 D2", "D0 D1 P Q D2", "D0 D1 D2 P Q", "Q D0 D1 D2 P", "P Q D0 D1 D2");
        assertEquals(zr, rows("raid6_zr", 5, 6));
        assertEquals(zr, rows("raid6", 5, 6));
        assertEquals(List.of("P Q D0 D1", "D0 P Q D1", "D0 D1 P Q", "Q D0 D1 P"), rows("raid6_zr", 4, 4));
    }

    @Test
    void raid6NRestart() {
        assertEquals(List.of("D0 D1 D2 P Q", "D0 D1 P Q D2", "D0 P Q D1 D2", "P Q D0 D1 D2", "Q D0 D1 D2 P"), rows("raid6_nr", 5, 5));
    }

    @Test
    void raid6NContinue() {
        assertEquals(List.of("D0 D1 D2 Q P", "D1 D2 Q P D0", "D2 Q P D0 D1", "Q P D0 D1 D2", "P D0 D1 D2 Q"), rows("raid6_nc", 5, 5));
    }

    @Test
    void raid6WithQOnTheLastImage() {
        assertEquals(List.of("D0 D1 D2 P Q", "D1 D2 P D0 Q", "D2 P D0 D1 Q", "P D0 D1 D2 Q", "D0 D1 D2 P Q"), rows("raid6_ls_6", 5, 5));
        assertEquals(List.of("D0 D1 D2 P Q", "D0 D1 P D2 Q", "D0 P D1 D2 Q", "P D0 D1 D2 Q"), rows("raid6_la_6", 5, 4));
        assertEquals(List.of("P D0 D1 D2 Q", "D2 P D0 D1 Q", "D1 D2 P D0 Q", "D0 D1 D2 P Q"), rows("raid6_rs_6", 5, 4));
        assertEquals(List.of("P D0 D1 D2 Q", "D0 P D1 D2 Q", "D0 D1 P D2 Q", "D0 D1 D2 P Q"), rows("raid6_ra_6", 5, 4));
        assertEquals(List.of("D0 D1 D2 P Q", "D0 D1 D2 P Q"), rows("raid6_n_6", 5, 2));
    }

    /** Q's coefficients: g^slot per image, -1 for P and Q (raid6_idx_to_slot). */
    @Test
    void qSlotsFollowMdOrderOrTheDdfPositions() {
        // raid6_zr (a DDF layout): the slot is the image's own position; P and Q positions count as zero blocks
        StripeRow zr1 = MdLayout.of("raid6_zr", 5, 8, 0).row(1); // D0 P Q D1 D2
        assertArrayEquals(new int[] {0, -1, -1, 3, 4}, zr1.slot());
        assertEquals(5, zr1.syndromeDisks());
        StripeRow nc1 = MdLayout.of("raid6_nc", 5, 8, 0).row(1); // D1 D2 Q P D0
        assertArrayEquals(new int[] {0, 1, -1, -1, 4}, nc1.slot());
        // raid6_ls_6 (md order, Q last so counting starts at image 0, skipping P): D1 D2 P D0 Q
        StripeRow ls1 = MdLayout.of("raid6_ls_6", 5, 8, 0).row(1);
        assertArrayEquals(new int[] {0, 1, -1, 2, -1}, ls1.slot());
        assertEquals(3, ls1.syndromeDisks());
        StripeRow n6 = MdLayout.of("raid6_n_6", 5, 8, 0).row(7);
        assertArrayEquals(new int[] {0, 1, 2, -1, -1}, n6.slot());
    }

    private static long[] at(MdLayout l, long lvSector) { return l.mapSector(lvSector); }

    @Test
    void lvSectorsOfRaid5() {
        MdLayout l = MdLayout.of("raid5_ls", 4, 8, 0); // stripes: D0 D1 D2 P | D1 D2 P D0 | D2 P D0 D1
        assertArrayEquals(new long[] {0, 0}, at(l, 0));
        assertArrayEquals(new long[] {1, 1}, at(l, 9));   // chunk 1 = stripe 0 D1
        assertArrayEquals(new long[] {3, 8}, at(l, 24));  // chunk 3 = stripe 1 D0
        assertArrayEquals(new long[] {1, 15}, at(l, 47)); // chunk 5 = stripe 1 D2, last sector
        assertArrayEquals(new long[] {3, 16}, at(l, 56)); // chunk 7 = stripe 2 D1
        assertEquals(3L * 8 * 512 * 10, l.lvBytes(10L * CHUNK));
    }

    @Test
    void lvSectorsOfRaid6() {
        MdLayout l = MdLayout.of("raid6_zr", 5, 8, 0); // P Q D0 D1 D2 | D0 P Q D1 D2
        assertArrayEquals(new long[] {2, 0}, at(l, 0));
        assertArrayEquals(new long[] {4, 1}, at(l, 17));   // chunk 2 = stripe 0 D2, its sector 1
        assertArrayEquals(new long[] {0, 8}, at(l, 24));   // chunk 3 = stripe 1 D0
        assertArrayEquals(new long[] {3, 12}, at(l, 36));  // chunk 4 = stripe 1 D1
    }

    @Test
    void raid0StripesChunksAcrossTheImages() {
        MdLayout l = MdLayout.of("raid0", 3, 8, 0);
        assertArrayEquals(new long[] {0, 0}, at(l, 0));
        assertArrayEquals(new long[] {1, 0}, at(l, 8));
        assertArrayEquals(new long[] {2, 1}, at(l, 17));
        assertArrayEquals(new long[] {0, 8}, at(l, 24));
        assertEquals(3L * 10 * CHUNK, l.lvBytes(10L * CHUNK));
    }

    @Test
    void raid10NearCopiesLieOnConsecutiveImages() {
        MdLayout l = MdLayout.of("raid10", 4, 8, 2); // chunk c at virtual slot 2c: D0 D0 D1 D1 | D2 D2 D3 D3
        assertEquals(List.of(new MdLayout.Place(0, 0), new MdLayout.Place(1, 0)), List.of(l.places(0)));
        assertEquals(List.of(new MdLayout.Place(2, 0), new MdLayout.Place(3, 0)), List.of(l.places(8 * 512)));
        assertEquals(List.of(new MdLayout.Place(0, 8 * 512), new MdLayout.Place(1, 8 * 512)), List.of(l.places(16 * 512)));
        assertEquals(List.of(new MdLayout.Place(2, 11 * 512), new MdLayout.Place(3, 11 * 512)), List.of(l.places(27 * 512)));
        MdLayout six = MdLayout.of("raid10", 6, 8, 2); // D0 D0 D1 D1 D2 D2 | D3 D3 ...
        assertArrayEquals(new long[] {4, 0}, at(six, 16));
        assertArrayEquals(new long[] {0, 8}, at(six, 24));
        assertEquals(2L * 10 * CHUNK, l.lvBytes(10L * CHUNK));
    }

    @Test
    void lvm2NamesAndDefaults() {
        assertEquals(MdAlgorithm.RAID5_LS, MdAlgorithm.of("raid5"));
        assertEquals(MdAlgorithm.RAID6_ZR, MdAlgorithm.of("raid6"));
        assertEquals(MdAlgorithm.RAID6_N_6, MdAlgorithm.of("raid6_n_6"));
        assertEquals(MdAlgorithm.RAID0, MdAlgorithm.of("raid0_meta"));
        assertNull(MdAlgorithm.of("raid1"));
        assertNull(MdAlgorithm.of("striped"));
    }
}
