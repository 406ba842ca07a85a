package ulvm.raid.md;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Parity of raid4/5/6 stripes over byte arrays: P is the XOR of the data, Q the Reed-Solomon syndrome
 * sum(g^z * D_z) over GF(2^8) (lib/raid6's gen_syndrome: Horner's rule from the highest slot down, eight bytes at a
 * time), and recovery of one or two lost blocks as lib/raid6/recov.c does it. A null block is a block of zeros.
 */
public final class Parity {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;

    private Parity() { }

    /** dst[dOff..] ^= src[sOff..] for {@code len} bytes. */
    public static void xor(byte[] dst, int dOff, byte[] src, int sOff, int len) {
        int i = 0;
        for (; i + 8 <= len; i += 8)
            LONG.set(dst, dOff + i, (long) LONG.get(dst, dOff + i) ^ (long) LONG.get(src, sOff + i));
        for (; i < len; i++) dst[dOff + i] ^= src[sOff + i];
    }

    /** Each of eight bytes times g (= 2) in GF(2^8). */
    static long times2(long v) {
        long hi = v & HIGH;
        return ((v << 1) & ~0x0101010101010101L) ^ ((hi >>> 7) * 0x1d);
    }

    /** dst[dOff..] ^= c * src[sOff..] in GF(2^8), for {@code len} bytes. */
    public static void mulXor(byte[] dst, int dOff, byte[] src, int sOff, int len, int c) {
        if (c == 1) {
            xor(dst, dOff, src, sOff, len);
            return;
        }
        byte[] t = Gf256.table(c);
        for (int i = 0; i < len; i++) dst[dOff + i] ^= t[src[sOff + i] & 0xff];
    }

    /** dst[off..] = c * dst[off..]. */
    public static void mul(byte[] dst, int off, int len, int c) {
        byte[] t = Gf256.table(c);
        for (int i = 0; i < len; i++) dst[off + i] = t[dst[off + i] & 0xff];
    }

    /**
     * P and Q of {@code data} (blocks by slot, null for a zero block) over {@code [off, off + len)} of each, into
     * {@code p} and {@code q} (either may be null: not wanted).
     */
    public static void syndrome(byte[][] data, int off, int len, byte[] p, byte[] q, int pqOff) {
        int z0 = data.length - 1;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long wp = 0;
            long wq = 0;
            for (int z = z0; z >= 0; z--) {
                byte[] d = data[z];
                long w = d == null ? 0 : (long) LONG.get(d, off + i);
                wp ^= w;
                wq = times2(wq) ^ w;
            }
            if (p != null) LONG.set(p, pqOff + i, wp);
            if (q != null) LONG.set(q, pqOff + i, wq);
        }
        for (; i < len; i++) {
            int wp = 0;
            int wq = 0;
            for (int z = z0; z >= 0; z--) {
                byte[] d = data[z];
                int w = d == null ? 0 : d[off + i] & 0xff;
                wp ^= w;
                wq = Gf256.mul(wq, 2) ^ w;
            }
            if (p != null) p[pqOff + i] = (byte) wp;
            if (q != null) q[pqOff + i] = (byte) wq;
        }
    }

    /** P alone: the XOR of {@code data} (null blocks skipped) into {@code p}, in one pass (each word read once, stored once). */
    public static void xorAll(byte[][] data, int off, int len, byte[] p, int pOff) {
        int k = 0;
        byte[][] src = new byte[data.length][];
        for (byte[] d : data) if (d != null) src[k++] = d;
        if (k == 0) {
            java.util.Arrays.fill(p, pOff, pOff + len, (byte) 0);
            return;
        }
        byte[] first = src[0];
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long w = (long) LONG.get(first, off + i);
            for (int z = 1; z < k; z++) w ^= (long) LONG.get(src[z], off + i);
            LONG.set(p, pOff + i, w);
        }
        for (; i < len; i++) {
            int w = first[off + i];
            for (int z = 1; z < k; z++) w ^= src[z][off + i];
            p[pOff + i] = (byte) w;
        }
    }

    /**
     * Rebuilds up to two lost blocks of a raid6 stripe. {@code blocks}: the data slots, then P, then Q (length
     * syndrome disks + 2); null for a zero block; the lost ones ({@code a} < {@code b}, {@code b} -1 for one) are
     * buffers to fill. Data slots as lib/raid6/recov.c: two data from P and Q, data and P from Q, data and Q from P.
     */
    public static void recover(byte[][] blocks, int off, int len, int a, int b) {
        int ds = blocks.length - 2;
        int ps = ds;
        int qs = ds + 1;
        if (b >= 0 && a > b) {
            int t = a;
            a = b;
            b = t;
        }
        byte[][] data = java.util.Arrays.copyOf(blocks, ds);
        if (a >= ds) { // P and/or Q only: recompute from the data
            Parity.syndrome(data, off, len, a == ps ? blocks[ps] : null, a == qs || b == qs ? blocks[qs] : null, off);
            return;
        }
        if (b < 0 || b == qs) { // one data block (and Q): from P, then Q again
            byte[] da = blocks[a];
            System.arraycopy(blocks[ps], off, da, off, len);
            for (int z = 0; z < ds; z++) if (z != a && data[z] != null) xor(da, off, data[z], off, len);
            if (b == qs) syndrome(data, off, len, null, blocks[qs], off);
            return;
        }
        if (b == ps) { // data and P: D_a = (Q + Q') * g^-a, then P
            byte[] da = blocks[a];
            data[a] = null;
            syndrome(data, off, len, null, da, off); // Q' without D_a
            xor(da, off, blocks[qs], off, len);
            mul(da, off, len, Gf256.inv(Gf256.exp(a)));
            data[a] = da;
            xorAll(data, off, len, blocks[ps], off);
            return;
        }
        // two data blocks: Pxy = P + P', Qxy = Q + Q'; D_b = Pxy * (g^(b-a) + 1)^-1 + Qxy * (g^a + g^b)^-1; D_a = D_b + Pxy
        byte[] dx = blocks[a];
        byte[] dy = blocks[b];
        data[a] = null;
        data[b] = null;
        syndrome(data, off, len, dx, dy, off); // dx = P', dy = Q'
        xor(dx, off, blocks[ps], off, len);    // Pxy
        xor(dy, off, blocks[qs], off, len);    // Qxy
        byte[] pb = Gf256.table(Gf256.inv(Gf256.exp(b - a) ^ 1));
        byte[] qb = Gf256.table(Gf256.inv(Gf256.exp(a) ^ Gf256.exp(b)));
        for (int i = off; i < off + len; i++) {
            int pxy = dx[i] & 0xff;
            int y = pb[pxy] ^ qb[dy[i] & 0xff];
            dy[i] = (byte) y;
            dx[i] = (byte) (y ^ pxy);
        }
    }
}
