package ulvm.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import ulvm.mapping.LvTable;
import ulvm.mapping.Target;

/**
 * The running snapshot state of one origin LV: its own mapping ({@code base}), the stores of its snapshots that take
 * copies, the store being merged back (if any) and the chunk locks they share. It outlives table swaps; the set of
 * stores changes only while the origin and its snapshots are suspended ({@link #configure}).
 *
 * <p>Origin writes (docs/design.md §8, §11): for every chunk the write touches that a valid snapshot has no exception for,
 * the old chunk goes to that snapshot's COW and its exception is committed (durable) before the origin is written,
 * all under the chunk's lock, so a snapshot read of that chunk sees either the untouched origin or the exception.
 * With no snapshot and no merge the write goes straight to the mapping: no lock, no allocation.
 */
public final class SnapshotOrigin {
    private static final CowStore[] NONE = new CowStore[0];
    private final String name;
    private final ChunkLocks locks = new ChunkLocks();
    private volatile LvTable base;
    private volatile CowStore[] stores = NONE;
    private volatile CowStore merging;
    private volatile int unitShift = 12;

    public SnapshotOrigin(String name, LvTable base) {
        this.name = name;
        this.base = base;
    }

    public String name() { return name; }

    public LvTable base() { return base; }

    public long size() { return base.size(); }

    /** The stores taking copies, and the one being merged (or null). Call with the origin's I/O suspended. */
    public void configure(LvTable base, List<CowStore> copies, CowStore merge) {
        this.base = base;
        int shift = 12;
        for (CowStore s : copies) shift = Math.max(shift, Integer.numberOfTrailingZeros(s.chunkBytes()));
        if (merge != null) shift = Math.max(shift, Integer.numberOfTrailingZeros(merge.chunkBytes()));
        unitShift = shift;
        stores = copies.toArray(NONE);
        merging = merge;
    }

    public List<CowStore> stores() { return List.of(stores); }

    public CowStore merging() { return merging; }

    ReentrantLock lockOf(long offset) { return locks.of(offset >>> unitShift); }

    /** The origin LV's target: its table is this one target over the whole LV. */
    public Target originTarget() {
        return new Target() {
            @Override public int read(long offset, ByteBuffer dst) throws IOException { return readOrigin(offset, dst); }

            @Override public int write(long offset, ByteBuffer src) throws IOException { return writeOrigin(offset, src); }

            @Override public long discard(long offset, long len) throws IOException { return discardOrigin(offset, len); }

            /** The base's holes (reads come from it), while no merge redirects chunks to a COW. */
            @Override
            public ulvm.io.Allocation allocation(long offset, long len) throws IOException {
                return merging == null ? base.allocation(offset, len) : ulvm.io.Allocation.data(len);
            }

            @Override public void flush() throws IOException {
                base.flush();
                CowStore m = merging;
                if (m != null) m.cow().flush();
            }
        };
    }

    /** Whether {@code t} is a snapshot's own target (the table of a snapshot LV, not of its origin). */
    public static boolean isSnapshot(Target t) { return t instanceof SnapshotView; }

    /** A table of the origin LV with its snapshots' copy-on-write (and a merge's redirection) in front. */
    public LvTable originTable() {
        return new LvTable(new long[] {0}, new Target[] {originTarget()}, base.size());
    }

    /** The table of a snapshot's view: the origin as it was, with the snapshot's own writes. */
    public LvTable snapshotTable(CowStore store) {
        return new LvTable(new long[] {0}, new Target[] {new SnapshotView(this, store)}, base.size());
    }

    private int readOrigin(long offset, ByteBuffer dst) throws IOException {
        CowStore m = merging;
        if (m == null) return base.read(offset, dst);
        int cb = m.chunkBytes();
        long chunk = offset / cb;
        int n = (int) Math.min(dst.remaining(), (chunk + 1) * cb - offset);
        int lim = dst.limit();
        dst.limit(dst.position() + n);
        try {
            if (m.lookup(chunk) == 0) return base.read(offset, dst);
            ReentrantLock l = lockOf(offset);
            l.lock();
            try {
                long cc = m.lookup(chunk);
                if (cc == 0) return base.read(offset, dst);
                m.cow().read(cc * cb + (offset - chunk * cb), dst);
                return n;
            } finally {
                l.unlock();
            }
        } finally {
            dst.limit(lim);
        }
    }

    /** An origin write under snapshots is handled in pieces of up to this many bytes (whole lock units). */
    static final int PIECE = 1 << 20;

    private int writeOrigin(long offset, ByteBuffer src) throws IOException {
        CowStore[] ss = stores;
        CowStore m = merging;
        int len = src.remaining();
        if (ss.length == 0 && m == null) {
            base.write(offset, src);
            return len;
        }
        int shift = unitShift;
        long unit = 1L << shift;
        long end = Math.min(offset + len, (offset / unit) * unit + Math.max(unit, PIECE));
        int n = (int) (end - offset);
        int lim = src.limit();
        src.limit(src.position() + n);
        try {
            if (covered(ss, m, offset, n)) {
                base.write(offset, src);
                return n;
            }
            int[] held = locks.lock(offset >>> shift, (offset + n - 1) >>> shift);
            try {
                preserve(ss, offset, n);
                if (m == null) base.write(offset, src);
                else writeMerging(m, offset, src);
            } finally {
                locks.unlock(held);
            }
            return n;
        } finally {
            src.limit(lim);
        }
    }

    /** As {@link #writeOrigin} with zeros: the snapshots copy the old chunks first, then the origin's range is discarded. */
    private long discardOrigin(long offset, long len) throws IOException {
        CowStore[] ss = stores;
        CowStore m = merging;
        if (ss.length == 0 && m == null) {
            base.discard(offset, len);
            return len;
        }
        int shift = unitShift;
        long unit = 1L << shift;
        int n = (int) (Math.min(offset + len, (offset / unit) * unit + Math.max(unit, PIECE)) - offset);
        if (covered(ss, m, offset, n)) {
            base.discard(offset, n);
            return n;
        }
        int[] held = locks.lock(offset >>> shift, (offset + n - 1) >>> shift);
        try {
            preserve(ss, offset, n);
            if (m == null) base.discard(offset, n);
            else discardMerging(m, offset, n);
        } finally {
            locks.unlock(held);
        }
        return n;
    }

    /** During a merge: chunks not merged yet are discarded in the COW, where their current content is. */
    private void discardMerging(CowStore m, long offset, int n) throws IOException {
        int cb = m.chunkBytes();
        for (long off = offset, end = offset + n; off < end; ) {
            long chunk = off / cb;
            long k = Math.min(end, (chunk + 1) * cb) - off;
            long cc = m.lookup(chunk);
            if (cc == 0) base.discard(off, k);
            else m.cow().discard(cc * cb + (off - chunk * cb), k);
            off += k;
        }
    }

    /** True when every valid store already holds every chunk of the range and no merge redirects it. */
    private static boolean covered(CowStore[] ss, CowStore m, long offset, int n) {
        for (CowStore s : ss) {
            if (!s.valid()) continue;
            int cb = s.chunkBytes();
            for (long c = offset / cb; c <= (offset + n - 1) / cb; c++) if (s.lookup(c) == 0) return false;
        }
        if (m != null) {
            int cb = m.chunkBytes();
            for (long c = offset / cb; c <= (offset + n - 1) / cb; c++) if (m.lookup(c) != 0) return false;
        }
        return true;
    }

    /**
     * Under the range's lock: every valid store without an exception for a chunk of the range gets the chunk's
     * current content and a durable exception. A store that has no room left is invalidated (the origin goes on).
     * The old chunks are read once for all stores and written in runs of consecutive COW chunks; the stores' records
     * are appended before any is published, so one force of the image serves them all.
     */
    void preserve(CowStore[] ss, long offset, int n) throws IOException {
        long size = base.size();
        int unit = 0;
        for (CowStore s : ss) {
            if (!s.valid()) continue;
            int cb = s.chunkBytes();
            for (long c = offset / cb; c <= (offset + n - 1) / cb; c++) {
                if (s.lookup(c) == 0) {
                    unit = Math.max(unit, cb);
                    break;
                }
            }
        }
        if (unit == 0) return;
        // the units' current content in one read
        long from = offset / unit * unit;
        ByteBuffer old = ByteBuffer.allocate((int) ((offset + n - 1) / unit * unit + unit - from));
        old.limit((int) Math.max(0, Math.min(old.capacity(), size - from)));
        base.read(from, old);
        long[][] pending = new long[ss.length * 3][]; // per store: origins, cows, {count, ticket}
        for (int si = 0; si < ss.length; si++) {
            CowStore s = ss[si];
            if (!s.valid()) continue;
            int cb = s.chunkBytes();
            long first = offset / cb, last = (offset + n - 1) / cb;
            int missing = 0;
            for (long c = first; c <= last; c++) if (s.lookup(c) == 0) missing++;
            if (missing == 0) continue;
            long[] origins = new long[missing], cows = new long[missing];
            int k = 0;
            for (long c = first; c <= last; c++) {
                if (s.lookup(c) != 0) continue;
                long cc = s.allocate();
                if (cc < 0) {
                    s.invalidate();
                    break;
                }
                origins[k] = c;
                cows[k++] = cc;
            }
            if (!s.valid() || k == 0) continue;
            writeCopies(s, old, from, origins, cows, k);
            pending[3 * si] = origins;
            pending[3 * si + 1] = cows;
            pending[3 * si + 2] = new long[] {k, s.append(origins, cows, k)};
        }
        for (int si = 0; si < ss.length; si++) {
            long[] ck = pending[3 * si + 2];
            if (ck != null) ss[si].publish(ck[1], pending[3 * si], pending[3 * si + 1], (int) ck[0]);
        }
    }

    /**
     * The old content of origin chunks {@code origins[0..k)} (in {@code old}, read from byte {@code from}) to their COW
     * chunks, one write per run where both are consecutive.
     */
    private static void writeCopies(CowStore s, ByteBuffer old, long from, long[] origins, long[] cows, int k)
            throws IOException {
        int cb = s.chunkBytes();
        for (int i = 0, j; i < k; i = j) {
            j = i + 1;
            while (j < k && origins[j] == origins[j - 1] + 1 && cows[j] == cows[j - 1] + 1) j++;
            int at = (int) (origins[i] * cb - from);
            ByteBuffer run = old.duplicate().limit(at + (j - i) * cb).position(at);
            s.writeData(cows[i], run);
        }
    }

    /** During a merge: parts of the range whose chunk is not merged yet go to the chunk in the COW. */
    private void writeMerging(CowStore m, long offset, ByteBuffer src) throws IOException {
        int cb = m.chunkBytes();
        int end = src.limit();
        long off = offset;
        try {
            while (src.position() < end) {
                long chunk = off / cb;
                int k = (int) Math.min(end - src.position(), (chunk + 1) * cb - off);
                src.limit(src.position() + k);
                long cc = m.lookup(chunk);
                if (cc == 0) base.write(off, src);
                else m.cow().write(cc * cb + (off - chunk * cb), src);
                src.limit(end);
                off += k;
            }
        } finally {
            src.limit(end);
        }
    }

    /**
     * Merges up to {@code max} chunks of the merging store back onto the origin (last exceptions first, as
     * dm-snapshot does): each chunk is written to the origin (other snapshots copy first), the origin is forced, then
     * the records are cleared durably. Returns false when nothing was left to merge.
     */
    public boolean mergeStep(int max) throws IOException {
        try (MergeCopy c = mergeCopy(false)) {
            return c.step(max);
        }
    }

    /** The merge's copy, for {@link MergeCopy#step} until it returns false; {@code pipelined}: see {@link MergeCopy}. */
    public MergeCopy mergeCopy(boolean pipelined) throws IOException {
        CowStore m = merging;
        if (m == null) throw new IOException(name + " is not merging");
        return new MergeCopy(this, m, pipelined);
    }

    ChunkLocks locks() { return locks; }

    int unitShift() { return unitShift; }

    CowStore[] storesNow() { return stores; }
}
