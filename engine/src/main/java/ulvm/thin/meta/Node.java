package ulvm.thin.meta;

/**
 * A btree node's layout (dm-btree's {@code btree_node}): a 32-byte header (csum, flags, blocknr, nr_entries,
 * max_entries, value_size, padding), then max_entries little-endian 64-bit keys, then max_entries values.
 */
final class Node {
    static final int INTERNAL = 1, LEAF = 2;
    static final int HEADER = 32;

    private Node() {}

    /** dm-btree's max_entries for a value size: as many as fit, rounded down to a multiple of 3. */
    static int maxEntries(int valueSize) { return 3 * (((MetaBlocks.SIZE - HEADER) / (8 + valueSize)) / 3); }

    static void init(byte[] n, int flags, int valueSize) {
        Le.putInt(n, 4, flags);
        Le.putInt(n, 16, 0);
        Le.putInt(n, 20, maxEntries(valueSize));
        Le.putInt(n, 24, valueSize);
    }

    static boolean leaf(byte[] n) { return (Le.getInt(n, 4) & LEAF) != 0; }

    static int nr(byte[] n) { return Le.getInt(n, 16); }

    static void nr(byte[] n, int v) { Le.putInt(n, 16, v); }

    static int max(byte[] n) { return Le.getInt(n, 20); }

    static int valueSize(byte[] n) { return Le.getInt(n, 24); }

    static long key(byte[] n, int i) { return Le.getLong(n, HEADER + 8 * i); }

    static void key(byte[] n, int i, long k) { Le.putLong(n, HEADER + 8 * i, k); }

    static int valueOff(byte[] n, int i) { return HEADER + 8 * max(n) + valueSize(n) * i; }

    static long value64(byte[] n, int i) { return Le.getLong(n, valueOff(n, i)); }

    static void value64(byte[] n, int i, long v) { Le.putLong(n, valueOff(n, i), v); }

    static byte[] value(byte[] n, int i) {
        int off = valueOff(n, i);
        return java.util.Arrays.copyOfRange(n, off, off + valueSize(n));
    }

    static void value(byte[] n, int i, byte[] v) { System.arraycopy(v, 0, n, valueOff(n, i), v.length); }

    /** The index of the last key {@code <= k}, or -1. */
    static int lowerBound(byte[] n, long k) {
        int lo = 0, hi = Node.nr(n) - 1, r = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(key(n, mid), k) <= 0) {
                r = mid;
                lo = mid + 1;
            } else hi = mid - 1;
        }
        return r;
    }

    /** Opens a gap at {@code i} (entries i.. move up one). */
    static void openGap(byte[] n, int i) {
        int nr = nr(n), vs = valueSize(n);
        System.arraycopy(n, HEADER + 8 * i, n, HEADER + 8 * (i + 1), 8 * (nr - i));
        System.arraycopy(n, valueOff(n, i), n, valueOff(n, i + 1), vs * (nr - i));
        nr(n, nr + 1);
    }

    /** Removes entry {@code i}. */
    static void removeAt(byte[] n, int i) {
        int nr = nr(n), vs = valueSize(n);
        System.arraycopy(n, HEADER + 8 * (i + 1), n, HEADER + 8 * i, 8 * (nr - i - 1));
        System.arraycopy(n, valueOff(n, i + 1), n, valueOff(n, i), vs * (nr - i - 1));
        nr(n, nr - 1);
    }

    /** Moves entries {@code [from, from+count)} of {@code src} to the position {@code at} of {@code dst} (gap open). */
    static void copy(byte[] src, int from, byte[] dst, int at, int count) {
        int vs = valueSize(src);
        System.arraycopy(src, HEADER + 8 * from, dst, HEADER + 8 * at, 8 * count);
        System.arraycopy(src, valueOff(src, from), dst, valueOff(dst, at), vs * count);
    }
}
