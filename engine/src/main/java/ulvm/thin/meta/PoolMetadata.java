package ulvm.thin.meta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import ulvm.format.FormatException;
import ulvm.io.BlockDevice;

/**
 * A thin pool's metadata on its {@code _tmeta} device, in dm-thin's format (drivers/md/dm-thin-metadata.c): thin
 * devices, their mappings of virtual blocks to pool data blocks, snapshots sharing their origin's mapping tree, and
 * the data blocks' reference counts. Changes are copy-on-write and become durable at {@link #commit}; until then the
 * last commit stays intact on the device, whatever happens. A read-write lock guards it, as the kernel's root_lock:
 * lookups share it and read through a cache of metadata blocks; changes and commits take it alone. The caller owns (and closes) the metadata device.
 */
public final class PoolMetadata {
    /** Thin device ids are 24 bits. */
    public static final long MAX_DEVICE_ID = (1L << 24) - 1;
    /** Mapped data blocks are 40 bits (the low 24 of a mapping hold its time). */
    static final long MAX_DATA_BLOCKS = 1L << 40;
    /** The metadata space map indexes at most 255 bitmaps. */
    public static final long MAX_METADATA_BLOCKS = (long) SpaceMapStore.MAX_METADATA_BITMAPS * RefCounts.PER_BITMAP;

    private static final class Dev {
        long mapped, transactionId;
        /** The root of its mapping tree (what the top level maps it to). */
        long root;
        int created, snapshotted;
        boolean changed;

        Dev(long mapped, long transactionId, int created, int snapshotted) {
            this.mapped = mapped;
            this.transactionId = transactionId;
            this.created = created;
            this.snapshotted = snapshotted;
        }
    }

    private static final BTree.Kind DETAILS = new BTree.Kind(24);

    private final BlockDevice dev;
    private final long dataBlockSectors;
    private MetaBlocks m;
    private BTree t;
    private SpaceMapStore metaSm, dataSm;
    private long mappingRoot, detailsRoot, transactionId, heldRoot;
    private int time, flags, version;
    private byte[] uuid;
    private final TreeMap<Long, Dev> devices = new TreeMap<>();
    /** dm-thin's root_lock: lookups share it, changes and commits hold it alone. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();
    /** Set when a commit failed half way: the in-memory state is no longer trusted until {@link #abort}. */
    private boolean failed;

    /** Bottom-level values: data block << 24 | time; each holds a reference on its data block. */
    private final BTree.Kind dataKind = new BTree.Kind(8) {
        @Override void inc(byte[] leaf, int i) throws IOException { dataSm.counts.inc(Node.value64(leaf, i) >>> 24); }

        @Override void dec(byte[] leaf, int i) throws IOException { dataSm.counts.dec(Node.value64(leaf, i) >>> 24); }

        @Override boolean same(byte[] leaf, int i, byte[] v) { return Node.value64(leaf, i) >>> 24 == Le.getLong(v, 0) >>> 24; }
    };

    /** Top-level values: a device's mapping tree root; each holds a reference on that tree. */
    private final BTree.Kind subtreeKind = new BTree.Kind(8) {
        @Override void inc(byte[] leaf, int i) throws IOException { m.inc(Node.value64(leaf, i)); }

        @Override void dec(byte[] leaf, int i) throws IOException { t.delete(Node.value64(leaf, i), dataKind); }
    };

    private PoolMetadata(BlockDevice dev, long dataBlockSectors) {
        this.dev = dev;
        this.dataBlockSectors = dataBlockSectors;
    }

    /**
     * Opens the pool metadata on {@code meta}. When its first block is all zeros (LVM2 wipes only that much of a new
     * {@code _tmeta}), formats it as the kernel does at the pool's first activation; else reads and checks it. A data
     * device or metadata device grown since is taken in (as the kernel's pool resume does), and committed.
     *
     * @throws FormatException when the metadata is damaged or is not for a pool with this data block size
     * @throws ThinPoolException when the data device is smaller than the metadata's data space map
     */
    public static PoolMetadata open(BlockDevice meta, long dataBlockSizeSectors, long nrDataBlocks) throws IOException {
        if (dataBlockSizeSectors < 128 || dataBlockSizeSectors > 2097152 || dataBlockSizeSectors % 128 != 0)
            throw new ThinPoolException(meta.name() + ": thin pool data block size " + dataBlockSizeSectors + " sectors is not a multiple of 64 KiB from 64 KiB to 1 GiB");
        if (nrDataBlocks < 0 || nrDataBlocks >= MAX_DATA_BLOCKS) throw new ThinPoolException(meta.name() + ": " + nrDataBlocks + " data blocks are too many");
        PoolMetadata p = new PoolMetadata(meta, dataBlockSizeSectors);
        MetaBlocks m = new MetaBlocks(meta);
        long nrMeta = Math.min(m.deviceBlocks(), MAX_METADATA_BLOCKS);
        if (nrMeta < 16) throw new ThinPoolException(meta.name() + ": the thin pool metadata device is too small (" + meta.size() + " bytes)");
        if (Superblock.allZero(m.raw(0))) p.format(nrMeta, nrDataBlocks);
        else {
            p.load();
            if (nrDataBlocks < p.nrDataBlocks())
                throw new ThinPoolException(meta.name() + ": pool target (" + nrDataBlocks + " blocks) too small: expected " + p.nrDataBlocks());
            boolean grow = nrDataBlocks > p.nrDataBlocks() || nrMeta > p.nrMetadataBlocks();
            p.resizeData(nrDataBlocks);
            if (nrMeta > p.nrMetadataBlocks()) p.resizeMetadata(nrMeta);
            if (grow) p.commit();
        }
        return p;
    }

    private void format(long nrMeta, long nrData) throws IOException {
        m = new MetaBlocks(dev);
        t = new BTree(m);
        metaSm = SpaceMapStore.create(true, nrMeta, m, t);
        dataSm = SpaceMapStore.create(false, nrData, m, t);
        mappingRoot = t.empty(subtreeKind);
        detailsRoot = t.empty(DETAILS);
        uuid = new byte[16];
        version = Superblock.VERSION;
        commit();
    }

    private void load() throws IOException {
        m = new MetaBlocks(dev);
        t = new BTree(m);
        byte[] sb = m.raw(0);
        Superblock.check(dev.name(), sb, dataBlockSectors);
        long nrMeta = Le.getLong(sb, Superblock.METADATA_NR_BLOCKS);
        if (nrMeta > m.deviceBlocks())
            throw new FormatException(dev.name() + ": thin pool metadata: " + nrMeta + " blocks, but the device holds " + m.deviceBlocks());
        metaSm = SpaceMapStore.open(true, sb, Superblock.METADATA_SM, m, t);
        dataSm = SpaceMapStore.open(false, sb, Superblock.DATA_SM, m, t);
        flags = Le.getInt(sb, Superblock.FLAGS);
        version = Le.getInt(sb, Superblock.VERSION_AT);
        uuid = java.util.Arrays.copyOfRange(sb, 16, 32);
        time = Le.getInt(sb, Superblock.TIME);
        transactionId = Le.getLong(sb, Superblock.TRANS_ID);
        heldRoot = Le.getLong(sb, Superblock.HELD_ROOT);
        mappingRoot = Le.getLong(sb, Superblock.MAPPING_ROOT);
        detailsRoot = Le.getLong(sb, Superblock.DETAILS_ROOT);
        devices.clear();
        t.walk(detailsRoot, (k, n, i) -> {
            int o = Node.valueOff(n, i);
            devices.put(k, new Dev(Le.getLong(n, o), Le.getLong(n, o + 8), Le.getInt(n, o + 16), Le.getInt(n, o + 20)));
        });
        List<Long> mapped = new ArrayList<>();
        t.walk(mappingRoot, (k, n, i) -> {
            mapped.add(k);
            Dev d = devices.get(k);
            if (d != null) d.root = Node.value64(n, i);
        });
        if (!mapped.equals(new ArrayList<>(devices.keySet())))
            throw new FormatException(dev.name() + ": thin pool metadata: the mapping tree's devices " + mapped + " are not the device details' " + devices.keySet());
        failed = false;
    }

    private void usable() throws IOException {
        if (failed) throw new ThinPoolException(dev.name() + ": thin pool metadata: a change failed half way; abort to the last commit first");
    }

    /** A change of several steps: one that fails half way leaves the metadata unusable until {@link #abort} (as the kernel aborts). */
    private interface Change<T> { T run() throws IOException; }

    private <T> T change(Change<T> c) throws IOException {
        failed = true;
        T r = c.run();
        failed = false;
        return r;
    }

    private static void checkId(long id) throws ThinPoolException {
        if (id < 0 || id > MAX_DEVICE_ID) throw new ThinPoolException("thin device id " + id + " is not in 0.." + MAX_DEVICE_ID);
    }

    private Dev device(long id) throws ThinPoolException {
        Dev d = devices.get(id);
        if (d == null) throw new ThinPoolException("thin device " + id + " does not exist");
        return d;
    }

    // ---- transaction ids and times

    public long transactionId() {
        lock.readLock().lock();
        try {
            return transactionId;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** dm-thin's {@code set_transaction_id old new} message: refused unless the current id is {@code expectedOld}. */
    public void setTransactionId(long expectedOld, long newId) throws IOException {
        lock.writeLock().lock();
        try {
            usable();
            if (transactionId != expectedOld)
                throw new ThinPoolException("transaction id mismatch: the pool has " + transactionId + ", not " + expectedOld);
            transactionId = newId;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The pool's time: bumped by each snapshot. */
    public int time() {
        lock.readLock().lock();
        try {
            return time;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The superblock's needs_check flag (set by the kernel when the metadata went wrong). */
    public boolean needsCheck() {
        lock.readLock().lock();
        try {
            return (flags & Superblock.NEEDS_CHECK) != 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sets or clears needs_check, committed with the next {@link #commit}. */
    public void needsCheck(boolean on) {
        lock.writeLock().lock();
        try {
            flags = on ? flags | Superblock.NEEDS_CHECK : flags & ~Superblock.NEEDS_CHECK;
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---- devices

    /** dm-thin's {@code create_thin id}: a new device with nothing mapped. */
    public void createThin(long id) throws IOException {
        lock.writeLock().lock();
        try {
            usable();
            checkId(id);
            if (devices.containsKey(id)) throw new ThinPoolException("thin device " + id + " already exists");
            change(() -> {
                long root = t.empty(dataKind);
                mappingRoot = t.insert(mappingRoot, id, BTree.le64(root), subtreeKind, false);
                Dev d = new Dev(0, transactionId, time, time);
                d.root = root;
                d.changed = true;
                devices.put(id, d);
                return null;
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * dm-thin's {@code create_snap id origin}: the new device shares the origin's mapping tree (one more reference on
     * its root; nodes are copied when either side changes them); the pool time moves on, so that every block the
     * origin maps now counts as shared for both.
     */
    public void createSnap(long id, long originId) throws IOException {
        lock.writeLock().lock();
        try {
            usable();
            checkId(id);
            if (devices.containsKey(id)) throw new ThinPoolException("thin device " + id + " already exists");
            Dev origin = device(originId);
            change(() -> {
                m.inc(origin.root);
                mappingRoot = t.insert(mappingRoot, id, BTree.le64(origin.root), subtreeKind, false);
                time++;
                origin.snapshotted = time;
                origin.changed = true;
                Dev d = new Dev(origin.mapped, transactionId, time, time);
                d.root = origin.root;
                d.changed = true;
                devices.put(id, d);
                return null;
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** dm-thin's {@code delete id}: the device and its mappings go; blocks no other device maps are free after commit. */
    public void deleteDevice(long id) throws IOException {
        lock.writeLock().lock();
        try {
            usable();
            device(id);
            change(() -> {
                mappingRoot = t.remove(mappingRoot, id, subtreeKind);
                detailsRoot = t.remove(detailsRoot, id, DETAILS);
                devices.remove(id);
                return null;
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    public List<Long> deviceIds() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(devices.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The device's details as they stand (committed or not), or null when there is no such device. */
    public DeviceDetails details(long id) {
        lock.readLock().lock();
        try {
            Dev d = devices.get(id);
            return d == null ? null : new DeviceDetails(id, d.mapped, d.transactionId, d.created, d.snapshotted);
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---- mappings

    private long root(long id) throws IOException { return device(id).root; }

    private void setRoot(long id, long old, long root) throws IOException {
        Dev d = devices.get(id);
        if (root != old) mappingRoot = t.insert(mappingRoot, id, BTree.le64(root), subtreeKind, false);
        d.root = root;
        d.changed = true;
    }

    /** Where {@code vblock} of device {@code id} is mapped, or null. */
    public Mapping find(long id, long vblock) throws IOException {
        lock.readLock().lock();
        try {
            usable();
            long v = t.lookup64(root(id), vblock);
            if (v < 0) return null;
            int tm = (int) (v & 0xffffff);
            return new Mapping(v >>> 24, tm, devices.get(id).snapshotted > tm);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The data block {@code vblock} of device {@code id} is mapped to, or -1. */
    public long lookup(long id, long vblock) throws IOException {
        lock.readLock().lock();
        try {
            Mapping mp = find(id, vblock);
            return mp == null ? -1 : mp.dataBlock();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Maps {@code vblock} of device {@code id} to {@code dataBlock}, with the pool's current time. The mapping takes
     * over the reference the caller holds on {@code dataBlock} (from {@link #allocDataBlock}, or one it added with
     * {@link #incDataBlock}); a previous mapping's block loses one. Returns whether the block was unmapped before.
     */
    public boolean insert(long id, long vblock, long dataBlock) throws IOException {
        lock.writeLock().lock();
        try {
            usable();
            if (dataBlock < 0 || dataBlock >= dataSm.counts.nrBlocks()) throw new ThinPoolException("data block " + dataBlock + " is beyond the pool's " + dataSm.counts.nrBlocks());
            long old = root(id);
            return change(() -> {
                long r = t.insert(old, vblock, BTree.le64(dataBlock << 24 | (time & 0xffffff)), dataKind, true);
                boolean added = t.inserted;
                setRoot(id, old, r);
                if (added) devices.get(id).mapped++;
                return added;
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Unmaps {@code vblock} of device {@code id}; its data block loses a reference. Returns whether it was mapped. */
    public boolean remove(long id, long vblock) throws IOException {
        lock.writeLock().lock();
        try {
            usable();
            long old = root(id);
            return change(() -> {
                long r = t.remove(old, vblock, dataKind);
                boolean removed = t.removed;
                if (removed) {
                    setRoot(id, old, r);
                    devices.get(id).mapped--;
                }
                return removed;
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Unmaps {@code [begin, end)} of device {@code id} (a discard); returns how many blocks were mapped there. */
    public long removeRange(long id, long begin, long end) throws IOException {
        lock.writeLock().lock();
        try {
            usable();
            long old = root(id);
            return change(() -> {
                long r = t.removeRange(old, begin, end, dataKind), n = t.removedCount;
                if (n > 0) {
                    setRoot(id, old, r);
                    devices.get(id).mapped -= n;
                }
                return n;
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The first mapped virtual block of device {@code id} at or after {@code vblock}, or -1 (dm_btree_lookup_next). */
    public long nextMapped(long id, long vblock) throws IOException {
        lock.readLock().lock();
        try {
            usable();
            return t.nextKey(root(id), vblock);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The highest mapped virtual block of device {@code id}, or -1 when none is (dm_thin_get_highest_mapped_block). */
    public long highestMapped(long id) throws IOException {
        lock.readLock().lock();
        try {
            usable();
            return t.highestKey(root(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every mapping of device {@code id} in virtual block order. */
    public void forEachMapping(long id, MappingVisitor v) throws IOException {
        lock.readLock().lock();
        try {
            usable();
            Dev d = device(id);
            t.walk(root(id), (k, n, i) -> {
                long val = Node.value64(n, i);
                int tm = (int) (val & 0xffffff);
                v.visit(k, new Mapping(val >>> 24, tm, d.snapshotted > tm));
            });
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A visitor of a device's mappings. */
    public interface MappingVisitor { void visit(long vblock, Mapping m) throws IOException; }

    // ---- data blocks

    /** A free data block, with one reference (for {@link #insert}), never one freed since the last commit; -1 when the pool is full. */
    public long allocDataBlock() throws IOException {
        lock.writeLock().lock();
        try {
            usable();
            return dataSm.counts.alloc();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds a reference to a data block. */
    public void incDataBlock(long block) throws IOException {
        lock.writeLock().lock();
        try {
            usable();
            dataSm.counts.inc(block);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Drops a reference to a data block (one allocated and not used, say). */
    public void decDataBlock(long block) throws IOException {
        lock.writeLock().lock();
        try {
            usable();
            dataSm.counts.dec(block);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int dataRefCount(long block) throws IOException {
        lock.writeLock().lock();
        try {
            return dataSm.counts.count(block);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The data space map's size in blocks (the pool's data LV / chunk size when last opened or resized). */
    public long nrDataBlocks() {
        lock.readLock().lock();
        try {
            return dataSm.counts.nrBlocks();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Data blocks with a reference (the pool status's used data blocks: lvs Data% = used / nr). */
    public long usedDataBlocks() {
        lock.readLock().lock();
        try {
            return dataSm.counts.nrAllocated();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The metadata space map's size in 4 KiB blocks. */
    public long nrMetadataBlocks() {
        lock.readLock().lock();
        try {
            return metaSm.counts.nrBlocks();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Metadata blocks in use. The kernel's pool status counts the commit reserve as used too (its free count is
     * less the reserve), so lvs Meta% is {@code (used + reserved) / nr}.
     */
    public long usedMetadataBlocks() {
        lock.readLock().lock();
        try {
            return metaSm.counts.nrAllocated();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Metadata blocks kept for commits (the kernel's metadata_reserve): changes fail once only these are left. */
    public long reservedMetadataBlocks() {
        lock.readLock().lock();
        try {
            return m.reserve();
        } finally {
            lock.readLock().unlock();
        }
    }

    public long dataBlockSizeSectors() { return dataBlockSectors; }

    /** Grows the data space map to {@code nr} blocks (the pool's data LV was extended). Shrinking is refused. */
    public void resizeData(long nr) throws IOException {
        lock.writeLock().lock();
        try {
            usable();
            if (nr < nrDataBlocks()) throw new ThinPoolException("pool target (" + nr + " blocks) too small: expected " + nrDataBlocks());
            if (nr >= MAX_DATA_BLOCKS) throw new ThinPoolException(nr + " data blocks are too many");
            dataSm.counts.extend(nr);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Grows the metadata space map to {@code nr} blocks (the {@code _tmeta} LV was extended). Shrinking is refused. */
    public void resizeMetadata(long nr) throws IOException {
        lock.writeLock().lock();
        try {
            usable();
            if (nr < nrMetadataBlocks()) throw new ThinPoolException("metadata device (" + nr + " blocks) too small: expected " + nrMetadataBlocks());
            if (nr > MAX_METADATA_BLOCKS || nr > m.deviceBlocks())
                throw new ThinPoolException("metadata device cannot hold " + nr + " blocks (at most " + Math.min(MAX_METADATA_BLOCKS, m.deviceBlocks()) + ")");
            metaSm.counts.extend(nr);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Each data block's references as the mapping trees hold them: one per distinct bottom-level leaf node that maps
     * it (a leaf shared by an origin and its snapshots counts once until copied), which is what the data space map
     * must say. thin_check 0.9.0 does not compare the data space map with the mappings; tests do it with this.
     */
    long[] dataReferencesInTrees() throws IOException {
        lock.readLock().lock();
        try {
            long[] refs = new long[(int) nrDataBlocks()];
            java.util.Set<Long> seen = new java.util.HashSet<>();
            t.walk(mappingRoot, (k, n, i) -> countLeaves(Node.value64(n, i), seen, refs));
            return refs;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void countLeaves(long b, java.util.Set<Long> seen, long[] refs) throws IOException {
        if (!seen.add(b)) return;
        byte[] n = m.node(b);
        for (int i = 0; i < Node.nr(n); i++) {
            if (Node.leaf(n)) refs[(int) (Node.value64(n, i) >>> 24)]++;
            else countLeaves(Node.value64(n, i), seen, refs);
        }
    }

    // ---- commit

    /**
     * Makes every change since the last commit durable, in dm-thin's order: changed device details, the data space
     * map, the metadata space map, all into new blocks, written and forced; then the superblock naming the new roots,
     * written and forced. A crash before the superblock lands leaves the last commit.
     */
    public void commit() throws IOException {
        lock.writeLock().lock();
        try {
            usable();
            failed = true;
            m.committing = true;
            try {
                writeCommit();
            } finally {
                m.committing = false;
            }
            for (Dev d : devices.values()) d.changed = false;
            dataSm.committed();
            metaSm.committed();
            failed = false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void writeCommit() throws IOException {
        for (var e : devices.entrySet()) {
            Dev d = e.getValue();
            if (!d.changed) continue;
            byte[] v = new byte[24];
            Le.putLong(v, 0, d.mapped);
            Le.putLong(v, 8, d.transactionId);
            Le.putInt(v, 16, d.created);
            Le.putInt(v, 20, d.snapshotted);
            detailsRoot = t.insert(detailsRoot, e.getKey(), v, DETAILS, false);
        }
        dataSm.flush();
        metaSm.flush();
        byte[] sb = new byte[MetaBlocks.SIZE];
        Le.putInt(sb, Superblock.FLAGS, flags);
        System.arraycopy(uuid, 0, sb, 16, 16);
        Le.putLong(sb, Superblock.MAGIC_AT, Superblock.MAGIC);
        Le.putInt(sb, Superblock.VERSION_AT, version);
        Le.putInt(sb, Superblock.TIME, time);
        Le.putLong(sb, Superblock.TRANS_ID, transactionId);
        Le.putLong(sb, Superblock.HELD_ROOT, heldRoot);
        dataSm.root(sb, Superblock.DATA_SM);
        metaSm.root(sb, Superblock.METADATA_SM);
        Le.putLong(sb, Superblock.MAPPING_ROOT, mappingRoot);
        Le.putLong(sb, Superblock.DETAILS_ROOT, detailsRoot);
        Le.putInt(sb, Superblock.DATA_BLOCK_SIZE, (int) dataBlockSectors);
        Le.putInt(sb, Superblock.METADATA_BLOCK_SIZE, Superblock.METADATA_BLOCK_SECTORS);
        Le.putLong(sb, Superblock.METADATA_NR_BLOCKS, metaSm.counts.nrBlocks());
        m.commit(sb);
    }

    /** Drops every change since the last commit (or a failed commit's leftovers) and reads the metadata again. */
    public void abort() throws IOException {
        lock.writeLock().lock();
        try {
            m.forget();
            load();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
