package ulvm.thin.meta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import ulvm.format.FormatException;
import ulvm.io.BlockDevice;

/**
 * The metadata device's 4 KiB blocks and its transactions (dm-block-manager and dm-transaction-manager): committed
 * blocks are read through a cache and never written until freed by a commit; blocks allocated in the transaction live
 * in memory until {@link #commit}, which writes and forces them, then writes and forces the superblock.
 */
final class MetaBlocks {
    static final int SIZE = 4096;
    private static final int CACHED = 8192;

    private final BlockDevice dev;
    /**
     * Committed blocks read lately (never modified in place). Lookups fill it concurrently (under the pool's read
     * lock); past {@link #CACHED} blocks an arbitrary quarter goes.
     */
    private final Map<Long, byte[]> cache = new ConcurrentHashMap<>();
    /** Blocks of this transaction and the checksum salt each is sealed with. */
    private final Map<Long, byte[]> dirty = new HashMap<>();
    private final Map<Long, Integer> salts = new HashMap<>();
    /** The metadata space map, set once it is read or made. */
    RefCounts sm;

    MetaBlocks(BlockDevice dev) { this.dev = dev; }

    String name() { return dev.name(); }

    long deviceBlocks() throws IOException { return dev.size() / SIZE; }

    /** A block's bytes without any check (the superblock probe). Not to be modified. */
    byte[] raw(long b) throws IOException {
        byte[] d = dirty.get(b);
        if (d != null) return d;
        d = cache.get(b);
        if (d != null) return d;
        d = new byte[SIZE];
        dev.readFully(b * SIZE, ByteBuffer.wrap(d));
        if (cache.size() >= CACHED) {
            Iterator<Long> it = cache.keySet().iterator();
            for (int i = 0; i < CACHED / 4 && it.hasNext(); i++) {
                it.next();
                it.remove();
            }
        }
        cache.put(b, d);
        return d;
    }

    /** A committed block checked against its salt and its own block number, or one of this transaction. */
    byte[] read(long b, int salt, String kind) throws IOException {
        byte[] d = dirty.get(b);
        if (d != null) return d;
        d = cache.get(b);
        if (d != null) return d;
        if (sm != null && (b <= 0 || b >= sm.nrBlocks()))
            throw new FormatException(dev.name() + ": thin pool metadata: " + kind + " at block " + b + " is outside the metadata");
        d = raw(b);
        if (!Checksum.valid(d, salt) || Le.getLong(d, 8) != b) {
            cache.remove(b);
            throw new FormatException(dev.name() + ": thin pool metadata: bad " + kind + " at block " + b
                    + (Checksum.valid(d, salt) ? " (it claims block " + Le.getLong(d, 8) + ")" : " (checksum)"));
        }
        return d;
    }

    byte[] node(long b) throws IOException { return read(b, Checksum.BTREE_XOR, "btree node"); }

    /** Whether {@code b} belongs to this transaction (may be written in place). */
    boolean isNew(long b) { return dirty.containsKey(b); }

    /** Set while a commit runs: it may use the reserve. */
    boolean committing;

    /** Blocks kept for commits, as the kernel's metadata_reserve: a tenth of the metadata, at most 4096. */
    long reserve() { return Math.min(4096, sm.nrBlocks() / 10); }

    /** A new zeroed block of this transaction, sealed with {@code salt} at commit. */
    long alloc(int salt) throws IOException {
        if (!committing && sm.nrBlocks() - sm.nrAllocated() <= reserve())
            throw new ThinPoolException(dev.name() + ": thin pool metadata is out of space");
        long b = sm.alloc();
        if (b < 0) throw new ThinPoolException(dev.name() + ": thin pool metadata is out of space");
        dirty.put(b, new byte[SIZE]);
        salts.put(b, salt);
        cache.remove(b);
        return b;
    }

    /** The writable bytes of a block of this transaction. */
    byte[] writable(long b) {
        byte[] d = dirty.get(b);
        if (d == null) throw new IllegalStateException("metadata block " + b + " is not of this transaction");
        return d;
    }

    void inc(long b) throws IOException { sm.inc(b); }

    void dec(long b) throws IOException {
        sm.dec(b);
        if (sm.count(b) == 0 && dirty.remove(b) != null) salts.remove(b);
    }

    /**
     * dm-thin's commit: the transaction's blocks are written and forced, then the superblock (built last by the
     * caller, sealed here) is written and forced. Afterwards they are committed blocks.
     */
    void commit(byte[] superblock) throws IOException {
        TreeMap<Long, byte[]> sorted = new TreeMap<>(dirty);
        for (Map.Entry<Long, byte[]> e : sorted.entrySet()) {
            Le.putLong(e.getValue(), 8, e.getKey());
            Checksum.seal(e.getValue(), salts.get(e.getKey()));
        }
        writeRuns(sorted);
        dev.flush();
        Le.putLong(superblock, 8, 0);
        Checksum.seal(superblock, Checksum.SUPERBLOCK_XOR);
        dev.writeFully(0, ByteBuffer.wrap(superblock));
        dev.flush();
        cache.putAll(sorted);
        cache.put(0L, superblock);
        dirty.clear();
        salts.clear();
    }

    /** Writes blocks in runs of consecutive block numbers (up to 1 MiB a write). */
    private void writeRuns(TreeMap<Long, byte[]> blocks) throws IOException {
        long start = -1, prev = -1;
        java.util.List<byte[]> run = new java.util.ArrayList<>();
        for (Map.Entry<Long, byte[]> e : blocks.entrySet()) {
            if (start >= 0 && (e.getKey() != prev + 1 || run.size() == 256)) {
                writeRun(start, run);
                run.clear();
                start = -1;
            }
            if (start < 0) start = e.getKey();
            run.add(e.getValue());
            prev = e.getKey();
        }
        if (start >= 0) writeRun(start, run);
    }

    private void writeRun(long start, java.util.List<byte[]> run) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(run.size() * SIZE);
        for (byte[] b : run) buf.put(b);
        buf.flip();
        dev.writeFully(start * SIZE, buf);
    }

    /** Drops the transaction's blocks (after a failed commit, before the metadata is read again). */
    void forget() {
        dirty.clear();
        salts.clear();
        cache.clear();
    }
}
