package ulvm.thin.meta;

import java.io.IOException;
import java.util.Arrays;

/**
 * dm-btree's copy-on-write btrees over {@link MetaBlocks}: a node changed in a transaction is first shadowed (copied
 * to a new block unless it is already one of the transaction's and not shared); shadowing a shared node takes a
 * reference on each of its children (or leaf values) for the copy. Inserts split full nodes; removals merge or
 * rebalance a node with a sibling when it falls under a third of its capacity, as thin_check expects of every
 * non-root node. An internal node's key is at most the lowest key below it.
 */
final class BTree {
    /** What a tree's leaves hold: the value size, and the references a value holds (none by default). */
    static class Kind {
        final int size;

        Kind(int size) { this.size = size; }

        void inc(byte[] leaf, int i) throws IOException {}

        void dec(byte[] leaf, int i) throws IOException {}

        /** Whether replacing a value with {@code v} keeps its reference (then the old one is not dropped). */
        boolean same(byte[] leaf, int i, byte[] v) { return Arrays.equals(Node.value(leaf, i), v); }
    }

    /** A visitor of a tree's entries in key order. */
    interface Visitor { void visit(long key, byte[] leaf, int i) throws IOException; }

    private final MetaBlocks m;
    /** Set by {@link #insert}: whether the key was new. */
    boolean inserted;
    /** Set by {@link #remove}: whether the key was there. */
    boolean removed;
    private long split = -1;

    BTree(MetaBlocks m) { this.m = m; }

    static byte[] le64(long v) {
        byte[] b = new byte[8];
        Le.putLong(b, 0, v);
        return b;
    }

    long empty(Kind k) throws IOException {
        long b = m.alloc(Checksum.BTREE_XOR);
        Node.init(m.writable(b), Node.LEAF, k.size);
        return b;
    }

    private byte[] node(long b) throws IOException { return m.node(b); }

    /** The leaf holding {@code key} and its index, as {leafBlock, index}, or null. */
    private long[] find(long root, long key) throws IOException {
        long b = root;
        while (true) {
            byte[] n = node(b);
            int i = Node.lowerBound(n, key);
            if (Node.leaf(n)) return i >= 0 && Node.key(n, i) == key ? new long[] {b, i} : null;
            if (i < 0) return null;
            b = Node.value64(n, i);
        }
    }

    byte[] lookup(long root, long key) throws IOException {
        long[] f = find(root, key);
        return f == null ? null : Node.value(node(f[0]), (int) f[1]);
    }

    /** The 64-bit value at {@code key}, or -1 when absent (for trees whose values never have the top bit set). */
    long lookup64(long root, long key) throws IOException {
        long[] f = find(root, key);
        return f == null ? -1 : Node.value64(node(f[0]), (int) f[1]);
    }

    /** The least key {@code >= key}, or -1. */
    long nextKey(long b, long key) throws IOException {
        byte[] n = node(b);
        if (Node.leaf(n)) {
            int i = Node.lowerBound(n, key);
            if (i >= 0 && Node.key(n, i) == key) return key;
            return i + 1 < Node.nr(n) ? Node.key(n, i + 1) : -1;
        }
        for (int i = Math.max(Node.lowerBound(n, key), 0); i < Node.nr(n); i++) {
            long r = nextKey(Node.value64(n, i), key);
            if (r >= 0) return r;
        }
        return -1;
    }

    /** The greatest key, or -1 when the tree is empty. */
    long highestKey(long b) throws IOException {
        byte[] n = node(b);
        while (!Node.leaf(n)) n = node(Node.value64(n, Node.nr(n) - 1));
        return Node.nr(n) == 0 ? -1 : Node.key(n, Node.nr(n) - 1);
    }

    void walk(long b, Visitor v) throws IOException {
        byte[] n = node(b);
        for (int i = 0; i < Node.nr(n); i++) {
            if (Node.leaf(n)) v.visit(Node.key(n, i), n, i);
            else walk(Node.value64(n, i), v);
        }
    }

    /** Visits every node block of the tree (shared ones once per reference). */
    void nodes(long b, java.util.function.LongConsumer v) throws IOException {
        v.accept(b);
        byte[] n = node(b);
        if (!Node.leaf(n)) for (int i = 0; i < Node.nr(n); i++) nodes(Node.value64(n, i), v);
    }

    /** The node at {@code b} made writable in this transaction: itself, or a copy (dm_tm_shadow_block). */
    private long shadow(long b, Kind k) throws IOException {
        boolean shared = m.sm.count(b) > 1;
        if (m.isNew(b) && !shared) return b;
        long c = m.alloc(Checksum.BTREE_XOR);
        byte[] n = m.writable(c);
        System.arraycopy(node(b), 0, n, 0, MetaBlocks.SIZE);
        if (shared) {
            for (int i = 0; i < Node.nr(n); i++) {
                if (Node.leaf(n)) k.inc(n, i);
                else m.inc(Node.value64(n, i));
            }
        }
        m.dec(b);
        return c;
    }

    /**
     * Sets {@code key} to {@code v} and returns the new root. An existing value is replaced; its reference is
     * dropped when {@code dropOld} and the kind does not see it as the same.
     */
    long insert(long root, long key, byte[] v, Kind k, boolean dropOld) throws IOException {
        long r = ins(root, key, v, k, dropOld);
        if (split < 0) return r;
        long s = split;
        split = -1;
        long top = m.alloc(Checksum.BTREE_XOR);
        byte[] n = m.writable(top);
        Node.init(n, Node.INTERNAL, 8);
        Node.nr(n, 2);
        Node.key(n, 0, Node.key(m.writable(r), 0));
        Node.value64(n, 0, r);
        Node.key(n, 1, Node.key(m.writable(s), 0));
        Node.value64(n, 1, s);
        return top;
    }

    private long ins(long b, long key, byte[] v, Kind k, boolean dropOld) throws IOException {
        b = shadow(b, k);
        byte[] n = m.writable(b);
        int i = Node.lowerBound(n, key);
        if (Node.leaf(n)) {
            if (i >= 0 && Node.key(n, i) == key) {
                if (dropOld && !k.same(n, i, v)) k.dec(n, i);
                Node.value(n, i, v);
                inserted = false;
                split = -1;
                return b;
            }
            inserted = true;
            return put(b, i + 1, key, v);
        }
        i = Math.max(i, 0);
        long c = ins(Node.value64(n, i), key, v, k, dropOld);
        long s = split;
        Node.value64(n, i, c);
        Node.key(n, i, Node.key(m.writable(c), 0));
        if (s < 0) return b;
        return put(b, i + 1, Node.key(m.writable(s), 0), le64(s));
    }

    /** Puts an entry at index {@code i} of node {@code b}, splitting it in two when full (the new half in {@link #split}). */
    private long put(long b, int i, long key, byte[] v) throws IOException {
        byte[] n = m.writable(b);
        split = -1;
        if (Node.nr(n) < Node.max(n)) {
            Node.openGap(n, i);
            Node.key(n, i, key);
            Node.value(n, i, v);
            return b;
        }
        long s = m.alloc(Checksum.BTREE_XOR);
        byte[] sn = m.writable(s);
        Node.init(sn, Le.getInt(n, 4), Node.valueSize(n));
        int nr = Node.nr(n), left = nr / 2;
        Node.copy(n, left, sn, 0, nr - left);
        Node.nr(sn, nr - left);
        Node.nr(n, left);
        byte[] into = i <= left ? n : sn;
        int at = i <= left ? i : i - left;
        Node.openGap(into, at);
        Node.key(into, at, key);
        Node.value(into, at, v);
        split = s;
        return b;
    }

    /** Removes {@code key} (dropping its value's reference) and returns the new root; {@link #removed} says if it was there. */
    long remove(long root, long key, Kind k) throws IOException {
        removed = find(root, key) != null;
        if (!removed) return root;
        return remove(root, key, key + 1, k);
    }

    /**
     * Removes every key in {@code [begin, end)} (dm_btree_remove_leaves: a leaf's run at a time) and returns the new
     * root; {@link #removedCount} says how many there were.
     */
    long removeRange(long root, long begin, long end, Kind k) throws IOException {
        removedCount = 0;
        long r = root;
        for (long key = nextKey(r, begin); key >= 0 && Long.compareUnsigned(key, end) < 0; key = nextKey(r, key)) {
            r = remove(r, key, end, k);
            removedCount += runRemoved;
        }
        return r;
    }

    /** Set by {@link #removeRange}. */
    long removedCount;
    private int runRemoved;

    private long remove(long root, long key, long end, Kind k) throws IOException {
        long r = rem(root, key, end, k);
        while (true) {
            byte[] n = m.writable(r);
            if (Node.leaf(n) || Node.nr(n) != 1) return r;
            long c = Node.value64(n, 0);
            m.dec(r); // its one child's reference passes to the tree's root pointer
            r = shadow(c, k);
        }
    }

    /** Removes from the leaf holding {@code key} its keys from {@code key} up to {@code end} (one at least). */
    private long rem(long b, long key, long end, Kind k) throws IOException {
        b = shadow(b, k);
        byte[] n = m.writable(b);
        int i = Node.lowerBound(n, key);
        if (Node.leaf(n)) {
            int j = i;
            while (j < Node.nr(n) && Long.compareUnsigned(Node.key(n, j), end) < 0) k.dec(n, j++);
            Node.copy(n, j, n, i, Node.nr(n) - j);
            Node.nr(n, Node.nr(n) - (j - i));
            runRemoved = j - i;
            return b;
        }
        long c = rem(Node.value64(n, i), key, end, k);
        Node.value64(n, i, c);
        byte[] cn = m.writable(c);
        if (Node.nr(cn) > 0) Node.key(n, i, Node.key(cn, 0));
        if (Node.nr(cn) < Node.max(cn) / 3 && Node.nr(n) > 1) rebalance(b, i, k);
        return b;
    }

    /** Child {@code i} of {@code b} is under a third full: merges it with a sibling, or shares their entries evenly. */
    private void rebalance(long b, int i, Kind k) throws IOException {
        byte[] n = m.writable(b);
        int l = i + 1 < Node.nr(n) ? i : i - 1;
        long lb = shadow(Node.value64(n, l), k), rb = shadow(Node.value64(n, l + 1), k);
        Node.value64(n, l, lb);
        Node.value64(n, l + 1, rb);
        byte[] ln = m.writable(lb), rn = m.writable(rb);
        int nl = Node.nr(ln), nrr = Node.nr(rn);
        if (nl + nrr <= Node.max(ln)) {
            Node.copy(rn, 0, ln, nl, nrr);
            Node.nr(ln, nl + nrr);
            Node.removeAt(n, l + 1);
            m.dec(rb); // its entries (and their references) moved to the left node
        } else {
            int target = (nl + nrr) / 2;
            if (nl < target) {
                int cnt = target - nl;
                Node.copy(rn, 0, ln, nl, cnt);
                Node.copy(rn, cnt, rn, 0, nrr - cnt);
                Node.nr(ln, target);
                Node.nr(rn, nrr - cnt);
            } else {
                int cnt = nl - target;
                Node.copy(rn, 0, rn, cnt, nrr);
                Node.copy(ln, target, rn, 0, cnt);
                Node.nr(ln, target);
                Node.nr(rn, nrr + cnt);
            }
            Node.key(n, l + 1, Node.key(rn, 0));
        }
        if (Node.nr(ln) > 0) Node.key(n, l, Node.key(ln, 0));
    }

    /** Drops a reference to the tree at {@code b}: when it was the last, its nodes and their values' references too. */
    void delete(long b, Kind k) throws IOException {
        if (m.sm.count(b) > 1) {
            m.dec(b);
            return;
        }
        byte[] n = node(b);
        for (int i = 0; i < Node.nr(n); i++) {
            if (Node.leaf(n)) k.dec(n, i);
            else delete(Node.value64(n, i), k);
        }
        m.dec(b);
    }
}
