package ulvm.raid.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** P and Q against bytes worked out by hand with GF(2^8) mod 0x11d, and recovery round trips (lib/raid6/recov.c's cases). */
class ParityTest {
    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (byte) v[i];
        return out;
    }

    private static byte[] times(byte[] x, int n) {
        byte[] out = new byte[x.length * n];
        for (int i = 0; i < n; i++) System.arraycopy(x, 0, out, i * x.length, x.length);
        return out;
    }

    @Test
    void theFieldIsLibRaid6s() {
        assertEquals(0x1d, Gf256.mul(2, 0x80)); // x^8 = x^4 + x^3 + x^2 + 1
        assertEquals(0x1d, Gf256.exp(8));
        assertEquals(1, Gf256.exp(255));
        assertEquals(0x8e, Gf256.inv(2));        // 2 * 0x8e = 0x11c ^ 0x11d = 1
        for (int a = 1; a < 256; a++) assertEquals(1, Gf256.mul(a, Gf256.inv(a)));
    }

    /**
     * D0 = 01 02 80 ff, D1 = 01 03 80 00, D2 = 01 00 40 10. P = D0 + D1 + D2 = 01 01 40 ef. Q = D0 + 2*D1 + 4*D2:
     * byte 0: 01 + 02 + 04 = 07; byte 1: 02 + 06 + 00 = 04; byte 2: 80 + (2*80 = 1d) + (4*40 = 2*80 = 1d) = 80;
     * byte 3: ff + 00 + 40 = bf. Repeated three times (12 bytes) so the eight-byte path and the tail both count.
     */
    @Test
    void pAndQOfThreeDataBlocksWorkedOutByHand() {
        byte[][] d = {times(b(0x01, 0x02, 0x80, 0xff), 3), times(b(0x01, 0x03, 0x80, 0x00), 3), times(b(0x01, 0x00, 0x40, 0x10), 3)};
        byte[] p = new byte[12];
        byte[] q = new byte[12];
        Parity.syndrome(d, 0, 12, p, q, 0);
        assertArrayEquals(times(b(0x01, 0x01, 0x40, 0xef), 3), p);
        assertArrayEquals(times(b(0x07, 0x04, 0x80, 0xbf), 3), q);
    }

    /** A null block is a zero block: with DDF layouts P and Q's own positions count so (slots 0 and 1 here). */
    @Test
    void zeroBlocksKeepTheirSlotsWeight() {
        byte[][] d = {null, null, b(0x01), b(0x01)}; // raid6_zr stripe 0: P Q D0 D1; Q = 4*01 + 8*01 = 0c
        byte[] p = new byte[1];
        byte[] q = new byte[1];
        Parity.syndrome(d, 0, 1, p, q, 0);
        assertArrayEquals(b(0x00), p);
        assertArrayEquals(b(0x0c), q);
    }

    @Test
    void readModifyWriteOfQAddsTheWeightedDifference() {
        Random r = new Random(5);
        byte[][] d = new byte[4][37];
        for (byte[] x : d) r.nextBytes(x);
        byte[] q = new byte[37];
        Parity.syndrome(d, 0, 37, null, q, 0);
        byte[] nu = new byte[37];
        r.nextBytes(nu);
        byte[] diff = nu.clone();
        Parity.xor(diff, 0, d[2], 0, 37);
        Parity.mulXor(q, 0, diff, 0, 37, Gf256.exp(2));
        d[2] = nu;
        byte[] want = new byte[37];
        Parity.syndrome(d, 0, 37, null, want, 0);
        assertArrayEquals(want, q);
    }

    /** Every pair of lost blocks (two data, data and P, data and Q, P and Q) and every single one, over random data. */
    @Test
    void anyTwoLostBlocksComeBack() {
        Random r = new Random(1);
        int ds = 5;
        int len = 29;
        for (int round = 0; round < 20; round++) {
            byte[][] blocks = new byte[ds + 2][len];
            for (int z = 0; z < ds; z++) r.nextBytes(blocks[z]);
            Parity.syndrome(java.util.Arrays.copyOf(blocks, ds), 0, len, blocks[ds], blocks[ds + 1], 0);
            for (int a = 0; a < ds + 2; a++) {
                for (int b = -1; b < ds + 2; b++) {
                    if (b == a) continue;
                    byte[][] lost = new byte[ds + 2][];
                    for (int z = 0; z < ds + 2; z++) lost[z] = blocks[z].clone();
                    r.nextBytes(lost[a]);
                    if (b >= 0) r.nextBytes(lost[b]);
                    Parity.recover(lost, 3, len - 3, a, b);
                    for (int z = 0; z < ds + 2; z++)
                        assertArrayEquals(java.util.Arrays.copyOfRange(blocks[z], 3, len), java.util.Arrays.copyOfRange(lost[z], 3, len),
                                "lost " + a + "," + b + " block " + z);
                }
            }
        }
    }
}
