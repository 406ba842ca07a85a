package ulvm.thin.meta;

import java.io.IOException;
import java.util.ArrayList;
import ulvm.format.FormatException;

/**
 * A space map's on-disk form: the 32-byte root in the superblock (nr_blocks, nr_allocated, bitmap_root,
 * ref_count_root), the bitmap blocks, the index of them, and the btree of counts above 2 (block -> __le32). The data
 * space map indexes its bitmaps with a btree (index -> index_entry); the metadata space map with one index block of up
 * to 255 entries, so that writing it needs no btree of its own (dm-space-map-disk.c, dm-space-map-metadata.c).
 */
final class SpaceMapStore {
    static final int MAX_METADATA_BITMAPS = 255;
    /** Index entries: blocknr, nr_free, none_free_before. */
    static final BTree.Kind INDEX = new BTree.Kind(16);
    static final BTree.Kind REF_COUNT = new BTree.Kind(4);

    final boolean metadata;
    final RefCounts counts;
    /** The index btree's root (data) or the index block (metadata; 0 before the first commit). */
    long index;
    private boolean indexMoved;
    long refRoot;
    private final MetaBlocks m;
    private final BTree t;

    private SpaceMapStore(boolean metadata, RefCounts counts, MetaBlocks m, BTree t) {
        this.metadata = metadata;
        this.counts = counts;
        this.m = m;
        this.t = t;
    }

    private static RefCounts.Loader loader(MetaBlocks m) { return b -> m.read(b, Checksum.BITMAP_XOR, "space map bitmap"); }

    /** A new, empty space map of {@code nrBlocks} (for the metadata one, {@link MetaBlocks#sm} is set to it). */
    static SpaceMapStore create(boolean metadata, long nrBlocks, MetaBlocks m, BTree t) throws IOException {
        RefCounts c = new RefCounts(metadata ? "metadata" : "data", loader(m), 0, 0);
        c.extend(nrBlocks);
        SpaceMapStore s = new SpaceMapStore(metadata, c, m, t);
        if (metadata) {
            m.sm = c;
            c.claim(0); // the superblock
        } else s.index = t.empty(INDEX);
        s.refRoot = t.empty(REF_COUNT);
        return s;
    }

    /** Reads the space map whose root is at {@code off} of the superblock {@code sb}. */
    static SpaceMapStore open(boolean metadata, byte[] sb, int off, MetaBlocks m, BTree t) throws IOException {
        long nr = Le.getLong(sb, off), alloc = Le.getLong(sb, off + 8);
        RefCounts c = new RefCounts(metadata ? "metadata" : "data", loader(m), nr, alloc);
        SpaceMapStore s = new SpaceMapStore(metadata, c, m, t);
        s.index = Le.getLong(sb, off + 16);
        s.refRoot = Le.getLong(sb, off + 24);
        int want = RefCounts.bitmapsFor(nr);
        if (metadata) {
            if (want > MAX_METADATA_BITMAPS)
                throw new FormatException(m.name() + ": thin pool metadata: the metadata space map has " + nr + " blocks, more than it can index");
            m.sm = c; // lets the reads below check block numbers against it
            byte[] ib = m.read(s.index, Checksum.INDEX_XOR, "metadata space map index");
            for (int i = 0; i < want; i++) c.bitmaps.add(new RefCounts.Bitmap(Le.getLong(ib, 16 + 16 * i), Le.getInt(ib, 24 + 16 * i)));
        } else {
            ArrayList<RefCounts.Bitmap> list = new ArrayList<>();
            t.walk(s.index, (k, n, i) -> {
                if (k != list.size()) throw new FormatException(m.name() + ": thin pool metadata: the data space map's index lacks bitmap " + list.size());
                byte[] v = Node.value(n, i);
                list.add(new RefCounts.Bitmap(Le.getLong(v, 0), Le.getInt(v, 8)));
            });
            if (list.size() != want)
                throw new FormatException(m.name() + ": thin pool metadata: the data space map indexes " + list.size() + " bitmaps, not " + want);
            c.bitmaps.addAll(list);
        }
        t.walk(s.refRoot, (k, n, i) -> c.overflow.put(k, Le.getInt(n, Node.valueOff(n, i))));
        return s;
    }

    /** The 32-byte root for the superblock. */
    void root(byte[] sb, int off) {
        Le.putLong(sb, off, counts.nrBlocks());
        Le.putLong(sb, off + 8, counts.nrAllocated());
        Le.putLong(sb, off + 16, index);
        Le.putLong(sb, off + 24, refRoot);
    }

    /** Moves a changed bitmap to a block of this transaction, once per transaction. */
    private boolean move(RefCounts.Bitmap b) throws IOException {
        if (!b.dirty || b.moved) return false;
        long nb = m.alloc(Checksum.BITMAP_XOR);
        if (b.block != 0) m.dec(b.block);
        b.block = nb;
        b.moved = true;
        return true;
    }

    private boolean applyOverflow() throws IOException {
        boolean any = false;
        while (!counts.overflowDirty.isEmpty()) {
            long k = counts.overflowDirty.pollFirst();
            Integer v = counts.overflow.get(k);
            if (v != null) {
                byte[] val = new byte[4];
                Le.putInt(val, 0, v);
                refRoot = t.insert(refRoot, k, val, REF_COUNT, false);
            } else refRoot = t.remove(refRoot, k, REF_COUNT);
            any = true;
        }
        return any;
    }

    private static byte[] entry(RefCounts.Bitmap b, int entries) {
        byte[] e = new byte[16];
        Le.putLong(e, 0, b.block);
        Le.putInt(e, 8, b.nrFree);
        Le.putInt(e, 12, RefCounts.firstFree(b, entries));
        return e;
    }

    /**
     * Writes what changed into blocks of this transaction. The data space map first (its blocks are metadata
     * blocks); then the metadata one, whose own moves change metadata counts, until nothing changes any more.
     */
    void flush() throws IOException {
        if (!metadata) {
            for (int i = 0; i < counts.bitmaps.size(); i++) {
                RefCounts.Bitmap b = counts.bitmaps.get(i);
                if (!b.dirty) continue;
                move(b);
                writeBitmap(counts.bitmap(i));
                index = t.insert(index, i, entry(b, counts.entriesOf(i)), INDEX, false);
            }
            applyOverflow();
            return;
        }
        boolean again = true;
        while (again) {
            again = applyOverflow();
            if (!indexMoved) {
                long nb = m.alloc(Checksum.INDEX_XOR);
                if (index != 0) {
                    System.arraycopy(m.read(index, Checksum.INDEX_XOR, "metadata space map index"), 0, m.writable(nb), 0, MetaBlocks.SIZE);
                    m.dec(index);
                }
                index = nb;
                indexMoved = true;
                again = true;
            }
            for (RefCounts.Bitmap b : counts.bitmaps) again |= move(b);
        }
        byte[] ib = m.writable(index);
        for (int i = 0; i < counts.bitmaps.size(); i++) {
            RefCounts.Bitmap b = counts.bitmaps.get(i);
            if (b.dirty) writeBitmap(counts.bitmap(i));
            byte[] e = b.counts != null ? entry(b, counts.entriesOf(i)) : null;
            Le.putLong(ib, 16 + 16 * i, b.block);
            Le.putInt(ib, 24 + 16 * i, b.nrFree);
            if (e != null) System.arraycopy(e, 12, ib, 28 + 16 * i, 4);
        }
    }

    private void writeBitmap(RefCounts.Bitmap b) {
        byte[] img = RefCounts.encode(b);
        System.arraycopy(img, 16, m.writable(b.block), 16, MetaBlocks.SIZE - 16);
    }

    void committed() {
        counts.committed();
        indexMoved = false;
    }
}
