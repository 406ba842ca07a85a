package ulvm.raid.md;

/**
 * GF(2^8) with the polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11d) and generator 2, the field of the kernel's lib/raid6:
 * log and exp tables, and a multiplication table per constant (as lib/raid6's {@code raid6_gfmul}).
 */
public final class Gf256 {
    private static final int[] EXP = new int[512];
    private static final int[] LOG = new int[256];
    /** MUL[c][x] = c * x. */
    private static final byte[][] MUL = new byte[256][256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            LOG[x] = i;
            x <<= 1;
            if ((x & 0x100) != 0) x ^= 0x11d;
        }
        for (int i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
        for (int c = 0; c < 256; c++) for (int v = 0; v < 256; v++) MUL[c][v] = (byte) mulSlow(c, v);
    }

    private Gf256() { }

    private static int mulSlow(int a, int b) {
        return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
    }

    /** g^e for e >= 0. */
    public static int exp(int e) { return EXP[e % 255]; }

    public static int log(int a) {
        if (a == 0) throw new ArithmeticException("log 0");
        return LOG[a];
    }

    public static int mul(int a, int b) { return MUL[a & 0xff][b & 0xff] & 0xff; }

    public static int inv(int a) {
        if (a == 0) throw new ArithmeticException("inverse of 0");
        return EXP[255 - LOG[a]];
    }

    /** The table of multiplication by {@code c} (do not change it). */
    static byte[] table(int c) { return MUL[c & 0xff]; }
}
