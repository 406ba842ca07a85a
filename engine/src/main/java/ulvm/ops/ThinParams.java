package ulvm.ops;

import ulvm.api.LvmException;
import ulvm.segtype.ThinPoolType;

/**
 * A new pool's chunk size and metadata size as LVM2 2.03.16 computes them with its default configuration
 * (lib/metadata/thin_manip.c update_thin_pool_params, pool_manip.c update_pool_metadata_min_max): sizes in sectors.
 */
final class ThinParams {
    /** 2 * DEFAULT_THIN_POOL_MAX_METADATA_SIZE_V1_KB (crop_metadata off, the default). */
    static final long MAX_METADATA = 2L * 255 * ((1 << 14) - 64) * 4;
    /** 2 * DEFAULT_THIN_POOL_MIN_METADATA_SIZE and 2 * DEFAULT_THIN_POOL_OPTIMAL_METADATA_SIZE. */
    static final long MIN_METADATA = 2L * 2048, OPTIMAL_METADATA = 2L * 128 * 1024;
    static final long DEFAULT_CHUNK = 128, PERFORMANCE_CHUNK = 1024;

    long chunk;
    long metadataExtents;

    private ThinParams() {}

    /**
     * {@code set}: chunk size and zeroing; {@code metadataExtents} 0 for the default; {@code dataExtents} the pool's data.
     * Warnings and the "can address" line go to {@code s}; refusals throw.
     */
    static ThinParams compute(Session s, long extentSize, long dataExtents, ThinPoolSettings set, long metadataExtents) throws LvmException {
        return compute(s, extentSize, dataExtents, set, metadataExtents, null);
    }

    /** As above for an existing metadata LV {@code metadataLv} (VG/LV, null for none): it is never resized. */
    static ThinParams compute(Session s, long extentSize, long dataExtents, ThinPoolSettings set, long metadataExtents, String metadataLv)
            throws LvmException {
        ThinParams p = new ThinParams();
        p.chunk = set.chunk();
        boolean zero = set.zero();
        long meta;
        if (metadataExtents == 0) {
            if (p.chunk == 0) {
                p.chunk = set.startChunk();
                meta = estimate(dataExtents, extentSize, p.chunk);
                while (meta > OPTIMAL_METADATA && p.chunk < ThinPoolType.MAX_CHUNK) {
                    p.chunk <<= 1;
                    meta >>= 1;
                }
            } else {
                meta = estimate(dataExtents, extentSize, p.chunk);
                if (meta > MAX_METADATA)
                    s.tell("WARNING: Chunk size is too small for pool, suggested minimum is " + human(estimateChunk(dataExtents, extentSize, MAX_METADATA)) + ".");
            }
            meta = roundUp(meta, extentSize);
        } else {
            meta = metadataExtents * extentSize;
            long est = estimateChunk(dataExtents, extentSize, meta);
            if (p.chunk == 0) p.chunk = est;
            else if (p.chunk < est) s.tell("WARNING: Chunk size is smaller then suggested minimum size " + human(est) + ".");
        }
        long maxData = MAX_METADATA * p.chunk * 512 / 64;
        long max = roundUp(MAX_METADATA, extentSize), min = roundUp(MIN_METADATA, extentSize);
        if (meta > max) {
            if (metadataLv != null) s.say("Size " + human(meta) + " of pool metadata volume " + metadataLv + " is bigger then maximum usable size " + human(max) + ".");
            else {
                if (metadataExtents != 0) s.say("Reducing pool metadata size " + human(meta) + " to maximum usable size " + human(max) + ".");
                meta = max;
            }
        } else if (meta < min) {
            if (metadataLv != null)
                throw new LvmException("Can't use volume " + metadataLv + " with size " + human(meta) + " as pool metadata. Minimal required size is " + human(min) + ".");
            if (metadataExtents != 0) s.say("Extending pool metadata size " + human(meta) + " to required minimal size " + human(min) + ".");
            meta = min;
        }
        p.metadataExtents = (meta + extentSize - 1) / extentSize;
        if (maxData / extentSize < dataExtents)
            throw new LvmException("Selected chunk size " + human(p.chunk) + " cannot address more then " + human(maxData) + " of thin pool data space.");
        s.say("Thin pool volume with chunk size " + human(p.chunk) + " can address at most " + human(maxData) + " of data.");
        validateChunk(p.chunk);
        if (p.chunk > dataExtents * extentSize)
            throw new LvmException("Size of thin-pool data volume cannot be smaller than chunk size " + human(p.chunk) + ".");
        if (zero && p.chunk >= PERFORMANCE_CHUNK) {
            s.tell("WARNING: Pool zeroing and " + human(p.chunk) + " large chunk size slows down thin provisioning.");
            s.tell("WARNING: Consider disabling zeroing (-Zn) or using smaller chunk size (<" + human(PERFORMANCE_CHUNK) + ").");
        }
        return p;
    }

    /** validate_thin_pool_chunk_size. */
    static void validateChunk(long chunk) throws LvmException {
        StringBuilder err = new StringBuilder();
        if (chunk < ThinPoolType.MIN_CHUNK || chunk > ThinPoolType.MAX_CHUNK)
            err.append("Thin pool chunk size ").append(human(chunk)).append(" is not in the range ").append(human(ThinPoolType.MIN_CHUNK))
                    .append(" to ").append(human(ThinPoolType.MAX_CHUNK)).append(".");
        if (chunk % ThinPoolType.MIN_CHUNK != 0) {
            if (err.length() > 0) err.append('\n');
            err.append("Thin pool chunk size ").append(human(chunk)).append(" must be a multiple of ").append(human(ThinPoolType.MIN_CHUNK)).append(".");
        }
        if (err.length() > 0) throw new LvmException(err.toString());
    }

    private static long estimate(long dataExtents, long extentSize, long size) { return dataExtents * extentSize / (size * (512 / 64)); }

    /** _estimate_chunk_size, the target knowing non-power-of-2 block sizes. */
    private static long estimateChunk(long dataExtents, long extentSize, long metadata) {
        long c = estimate(dataExtents, extentSize, metadata);
        final long big = 2 * 1024 - 1;
        if (c > big && c < 0xFFFFFFFFL - big) c = (c + big) & ~big;
        else c = c <= 1 ? 1 : Long.highestOneBit(c - 1) << 1;
        return Math.max(ThinPoolType.MIN_CHUNK, Math.min(ThinPoolType.MAX_CHUNK, c));
    }

    private static long roundUp(long v, long unit) { return (v + unit - 1) / unit * unit; }

    /** display_size as libdm prints it: two decimals rounded, with '<' when that rounded up (dm_size_to_string). */
    static String human(long sectors) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        long bytes = sectors * 512;
        if (bytes < 1024) return bytes + " B";
        int u = 0;
        double unit = 1024;
        while (u < units.length - 1 && bytes >= unit * 1024) {
            unit *= 1024;
            u++;
        }
        double d = 100.0 * bytes / unit;
        String prefix = Math.floor(d) != Math.rint(d) ? "<" : "";
        return prefix + String.format(java.util.Locale.ROOT, "%.2f", bytes / unit) + " " + units[u];
    }
}
