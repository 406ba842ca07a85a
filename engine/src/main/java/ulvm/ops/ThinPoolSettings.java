package ulvm.ops;

import ulvm.api.LvmException;
import ulvm.config.LvmConfig;
import ulvm.segtype.ThinPoolType;

/**
 * A new pool's chunk size (sectors, 0: computed), zeroing and discards: the command line's, else the configuration's
 * {@code allocation/thin_pool_chunk_size}, {@code thin_pool_zero}, {@code thin_pool_discards}, else LVM2's defaults
 * (LVM2 2.03.16's update_thin_pool_params); {@code policy}: {@code allocation/thin_pool_chunk_size_policy}.
 */
record ThinPoolSettings(long chunk, boolean zero, String discards, String policy) {
    static ThinPoolSettings of(LvmConfig cfg, long chunk, Boolean zero, String discards) throws LvmException {
        Long kib = cfg.number("allocation/thin_pool_chunk_size");
        if (chunk == 0 && kib != null) chunk = kib * 2;
        if (discards == null && cfg.value("allocation/thin_pool_discards") != null) {
            String d = String.valueOf(cfg.value("allocation/thin_pool_discards"));
            if (!ThinPoolType.DISCARDS.contains(d.toLowerCase(java.util.Locale.ROOT)))
                throw new LvmException("Thin pool discards type \"" + d + "\" is unknown.");
            discards = d.toLowerCase(java.util.Locale.ROOT);
        }
        String policy = cfg.value("allocation/thin_pool_chunk_size_policy") == null ? "generic" : String.valueOf(cfg.value("allocation/thin_pool_chunk_size_policy"));
        return new ThinPoolSettings(chunk, zero != null ? zero : cfg.flag("allocation/thin_pool_zero", true), discards == null ? "passdown" : discards, policy);
    }

    /** The chunk size the estimate starts from (get_default_allocation_thin_pool_chunk_size): 64 KiB, or 512 KiB for "performance". */
    long startChunk() throws LvmException {
        if (policy.equalsIgnoreCase("generic")) return ThinParams.DEFAULT_CHUNK;
        if (policy.equalsIgnoreCase("performance")) return ThinParams.PERFORMANCE_CHUNK;
        throw new LvmException("Thin pool chunk size calculation policy \"" + policy + "\" is unrecognised.");
    }
}
