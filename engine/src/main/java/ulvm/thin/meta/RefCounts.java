package ulvm.thin.meta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * A space map's reference counts as dm-persistent-data keeps them: one bitmap block per {@link #PER_BITMAP} blocks
 * with 2 bits a block (0, 1, 2, or 3 for "see the overflow btree"), and the counts above 2 in that btree. Held here in
 * memory, bitmaps read lazily; {@link SpaceMapStore} writes the changed ones at commit. A block freed in a transaction
 * is not handed out again before the commit (the committed metadata may still reference it), except one allocated in
 * that same transaction.
 */
final class RefCounts {
    /** Entries a bitmap block holds: 4 a byte after its 16-byte header. */
    static final int PER_BITMAP = (MetaBlocks.SIZE - 16) * 4;

    /** Reads the bitmap block at a location (checked). */
    interface Loader { byte[] bitmap(long block) throws IOException; }

    /** One bitmap: where it is on disk (0 when not yet written), its counts once loaded, its free entries. */
    static final class Bitmap {
        long block;
        byte[] counts;
        int nrFree;
        /** Changed since the last commit. */
        boolean dirty;
        /** Written at a block allocated in this transaction (so it may be overwritten in place). */
        boolean moved;

        Bitmap(long block, int nrFree) {
            this.block = block;
            this.nrFree = nrFree;
        }
    }

    private final String what;
    private final Loader loader;
    private long nrBlocks;
    final List<Bitmap> bitmaps = new ArrayList<>();
    /** Counts above 2. */
    final TreeMap<Long, Integer> overflow = new TreeMap<>();
    /** Blocks whose overflow entry changed since the last commit. */
    final TreeSet<Long> overflowDirty = new TreeSet<>();
    private final Roaring64Bitmap freedInTx = new Roaring64Bitmap();
    private final Roaring64Bitmap newInTx = new Roaring64Bitmap();
    private long nrAllocated;
    private long cursor;

    RefCounts(String what, Loader loader, long nrBlocks, long nrAllocated) {
        this.what = what;
        this.loader = loader;
        this.nrBlocks = nrBlocks;
        this.nrAllocated = nrAllocated;
    }

    long nrBlocks() { return nrBlocks; }

    long nrAllocated() { return nrAllocated; }

    static int bitmapsFor(long nrBlocks) { return (int) ((nrBlocks + PER_BITMAP - 1) / PER_BITMAP); }

    /** Entries of bitmap {@code i} that are inside the space map. */
    int entriesOf(int i) { return (int) Math.min(PER_BITMAP, nrBlocks - (long) i * PER_BITMAP); }

    /** Grows to {@code n} blocks: the new ones free, new bitmaps unwritten. */
    void extend(long n) throws IOException {
        if (n <= nrBlocks) return;
        int last = bitmaps.size() - 1;
        int before = last >= 0 ? entriesOf(last) : 0;
        if (last >= 0) load(bitmaps.get(last));
        nrBlocks = n;
        if (last >= 0 && entriesOf(last) != before) {
            bitmaps.get(last).nrFree += entriesOf(last) - before;
            bitmaps.get(last).dirty = true;
        }
        while ((long) bitmaps.size() * PER_BITMAP < n) {
            Bitmap b = new Bitmap(0, 0);
            b.counts = new byte[PER_BITMAP];
            b.dirty = true;
            bitmaps.add(b);
            b.nrFree = entriesOf(bitmaps.size() - 1);
        }
    }

    private Bitmap load(Bitmap b) throws IOException {
        if (b.counts == null) {
            byte[] blk = loader.bitmap(b.block);
            byte[] c = new byte[PER_BITMAP];
            for (int i = 0; i < PER_BITMAP; i++) {
                int bits = (blk[16 + (i >> 2)] >> ((i & 3) * 2)) & 3;
                c[i] = (byte) ((bits & 1) << 1 | bits >> 1); // the lower bit of a pair is the count's high bit
            }
            b.counts = c;
        }
        return b;
    }

    /** The bitmap block image of bitmap {@code b} (header left zero). */
    static byte[] encode(Bitmap b) {
        byte[] blk = new byte[MetaBlocks.SIZE];
        byte[] c = b.counts;
        for (int i = 0; i < PER_BITMAP; i++) {
            int v = c[i];
            if (v == 0) continue;
            int bits = (v >> 1) | (v & 1) << 1;
            blk[16 + (i >> 2)] |= (byte) (bits << ((i & 3) * 2));
        }
        return blk;
    }

    /** The first entry of {@code b} that is free (its none_free_before hint). */
    static int firstFree(Bitmap b, int entries) {
        for (int i = 0; i < entries; i++) if (b.counts[i] == 0) return i;
        return entries;
    }

    private void check(long block) throws IOException {
        if (block < 0 || block >= nrBlocks)
            throw new ThinPoolException(what + " block " + block + " is beyond the space map's " + nrBlocks + " blocks");
    }

    int count(long block) throws IOException {
        check(block);
        Bitmap b = load(bitmaps.get((int) (block / PER_BITMAP)));
        int v = b.counts[(int) (block % PER_BITMAP)];
        if (v < 3) return v;
        Integer o = overflow.get(block);
        if (o == null) throw new ThinPoolException(what + " block " + block + " has no entry in the reference count btree");
        return o;
    }

    void inc(long block) throws IOException { set(block, count(block) + 1); }

    void dec(long block) throws IOException {
        int c = count(block);
        if (c == 0) throw new ThinPoolException(what + " block " + block + " is freed twice");
        set(block, c - 1);
    }

    private void set(long block, int v) throws IOException {
        Bitmap b = load(bitmaps.get((int) (block / PER_BITMAP)));
        int i = (int) (block % PER_BITMAP);
        int old = b.counts[i];
        if (old == 0 && v > 0) {
            b.nrFree--;
            nrAllocated++;
        } else if (old > 0 && v == 0) {
            b.nrFree++;
            nrAllocated--;
            if (newInTx.contains(block)) newInTx.removeLong(block);
            else freedInTx.addLong(block);
        }
        b.counts[i] = (byte) Math.min(v, 3);
        b.dirty = true;
        if (v >= 3) {
            Integer prev = overflow.put(block, v);
            if (prev == null || prev != v) overflowDirty.add(block);
        } else if (overflow.remove(block) != null) overflowDirty.add(block);
    }

    /** Whether {@code block} was allocated in this transaction. */
    boolean isNew(long block) { return newInTx.contains(block); }

    /** Allocates a free block (count 1) not freed in this transaction, searching on from the last one; -1 when none. */
    long alloc() throws IOException {
        for (int pass = 0; pass < 2; pass++) {
            long from = pass == 0 ? cursor : 0, to = pass == 0 ? nrBlocks : cursor;
            for (long p = from; p < to; ) {
                int bi = (int) (p / PER_BITMAP);
                Bitmap b = bitmaps.get(bi);
                long end = Math.min(to, (long) (bi + 1) * PER_BITMAP);
                if (b.nrFree > 0) {
                    load(b);
                    for (long q = p; q < end; q++) {
                        if (b.counts[(int) (q % PER_BITMAP)] == 0 && !freedInTx.contains(q)) {
                            set(q, 1);
                            newInTx.addLong(q);
                            cursor = q + 1;
                            return q;
                        }
                    }
                }
                p = end;
            }
        }
        return -1;
    }

    /** Takes a specific free block (the superblock at format). */
    void claim(long block) throws IOException {
        if (count(block) != 0) throw new ThinPoolException(what + " block " + block + " is in use");
        set(block, 1);
        newInTx.addLong(block);
    }

    /** After a commit: the freed blocks may be reused, nothing is new or changed. */
    void committed() {
        freedInTx.clear();
        newInTx.clear();
        overflowDirty.clear();
        for (Bitmap b : bitmaps) {
            b.dirty = false;
            b.moved = false;
        }
    }

    Bitmap bitmap(int i) throws IOException { return load(bitmaps.get(i)); }
}
