package ulvm.thin.meta;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import ulvm.io.FileBlockDevice;

/**
 * The engine's thin.meta judges ({@link ThinTools}: thin_check, thin_dump; {@link Workload#dataCountsMatchTrees}),
 * opened to the end-to-end suites, which judge a pool's {@code _tmeta} copied out of the PV images with them.
 */
public final class ThinMetaJudge {
    private ThinMetaJudge() {}

    /** Skips (or, with CI=true, fails) the caller without thin-provisioning-tools. */
    public static void need() { ThinTools.need(); }

    /**
     * The metadata in {@code meta} (a copy: it may be written) passes thin_check with no word about reference counts,
     * and the data space map counts what the mappings hold: every data block thin_dump maps has a count, no other block
     * has one, no count passes the mappings thin_dump names it in, and each count is the references of the mapping
     * trees (a bottom-level leaf shared by an origin and its snapshots holds its blocks once; thin_check 0.9.0 checks
     * none of this). {@code chunkSectors} and {@code nrDataBlocks} are the pool's (its data LV over its chunk size).
     */
    public static void judge(Path meta, long chunkSectors, long nrDataBlocks) throws Exception {
        ThinTools.checkClean(meta);
        ThinTools.Dump d = ThinTools.dump(meta);
        Map<Long, Integer> named = new TreeMap<>();
        d.mappings().values().forEach(m -> m.values().forEach(bt -> named.merge(bt[0], 1, Integer::sum)));
        try (FileBlockDevice dev = FileBlockDevice.open(meta, true)) {
            PoolMetadata p = PoolMetadata.open(dev, chunkSectors, nrDataBlocks);
            for (long b = 0; b < p.nrDataBlocks(); b++) {
                int count = p.dataRefCount(b), names = named.getOrDefault(b, 0);
                if ((count > 0) != (names > 0) || count > names)
                    throw new AssertionError("data block " + b + ": reference count " + count + ", but thin_dump maps it " + names + " times");
            }
            for (long b : named.keySet())
                if (b >= p.nrDataBlocks()) throw new AssertionError("thin_dump maps data block " + b + " of " + p.nrDataBlocks());
            Workload.dataCountsMatchTrees(p);
        }
    }
}
