package ulvm.thin;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import ulvm.thin.meta.PoolMetadata;

/**
 * A pool's dm-thin metadata as its thin devices' {@link PoolMappings}, with lookups cached: a thin device's I/O asks
 * the btrees only on a cache miss. The cache stays right because every change of a mapping passes here under the
 * block's cell, and pool messages (a snapshot shares its origin's blocks) clear it under the pool's exclusive gate.
 */
public final class MetadataMappings implements PoolMappings {
    private static final int MAX_CACHED = 1 << 20;
    private static final Mapping UNMAPPED = new Mapping(-1, false);

    private final PoolMetadata meta;
    private final ConcurrentHashMap<Key, Mapping> cache = new ConcurrentHashMap<>();

    private record Key(long dev, long vblock) { }

    public MetadataMappings(PoolMetadata meta) { this.meta = meta; }

    public PoolMetadata metadata() { return meta; }

    /** Forgets every cached lookup (after a message changed which blocks are shared). */
    public void clearCache() { cache.clear(); }

    @Override
    public Mapping lookup(long dev, long vblock) throws IOException {
        Key k = new Key(dev, vblock);
        Mapping m = cache.get(k);
        if (m == null) {
            ulvm.thin.meta.Mapping found = meta.find(dev, vblock);
            m = found == null ? UNMAPPED : new Mapping(found.dataBlock(), found.shared());
            if (cache.size() >= MAX_CACHED) cache.clear();
            cache.put(k, m);
        }
        return m == UNMAPPED ? null : m;
    }

    @Override
    public long allocate() throws IOException {
        long b = meta.allocDataBlock();
        if (b < 0) throw new PoolFullException(meta.usedDataBlocks() + " of " + meta.nrDataBlocks() + " blocks used");
        return b;
    }

    @Override
    public void insert(long dev, long vblock, long block) throws IOException {
        Key k = new Key(dev, vblock);
        cache.remove(k);
        meta.insert(dev, vblock, block);
        cache.put(k, new Mapping(block, false)); // mapped now, after the device's last snapshot
    }

    @Override
    public long remove(long dev, long vblock) throws IOException {
        Mapping was = lookup(dev, vblock);
        Key k = new Key(dev, vblock);
        cache.remove(k);
        meta.remove(dev, vblock);
        cache.put(k, UNMAPPED);
        return was != null && meta.dataRefCount(was.block()) == 0 ? was.block() : -1;
    }

    @Override
    public void commit() throws IOException { meta.commit(); }
}
