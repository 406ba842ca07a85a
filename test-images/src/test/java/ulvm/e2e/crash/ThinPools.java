package ulvm.e2e.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import ulvm.model.Lv;
import ulvm.model.ThinPoolSegment;
import ulvm.model.Vg;
import ulvm.segtype.ThinPoolType;
import ulvm.thin.meta.ThinMetaJudge;

/**
 * The thin scenarios' VG (a pool {@value #POOL} with 64 KiB chunks, its data and metadata on two PVs, thin LVs of {@link Builds#LV_MIB} MiB in it)
 * and their judge after the reboot: the pool's {@code _tmeta}, read from the PV images, passes thin_check and its data
 * reference counts are what thin_dump's mappings hold.
 */
final class ThinPools {
    static final String POOL = "pool";
    /** Stamped 4 KiB blocks per 64 KiB pool chunk. */
    static final int CHUNK_BLOCKS = 16;

    private ThinPools() {}

    /**
     * {@code vgcreate}, then {@code lvcreate --type thin-pool -L SIZE -c 64k -n pool [OPTIONS] VG PV0 PV1} with PV0 full
     * but 4 MiB (a filler LV before): the spare and one of the pool's data and metadata LVs on PV0, the other on PV1,
     * so the power cut can keep the metadata's writes and drop the data's (or the other way round).
     */
    static void vgWithPool(Rig rig, String size, String... options) {
        Builds.vg(rig);
        int extents = Integer.parseInt(rig.ok("pvs", "--noheadings", "-o", "pv_pe_count", rig.pv(0)).out().trim());
        rig.ok("lvcreate", "-l", String.valueOf(extents - 4), "-n", "fill", Rig.VG, rig.pv(0));
        java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of("lvcreate", "--type", "thin-pool", "-L", size, "-c", "64k", "-n", POOL));
        line.addAll(java.util.List.of(options));
        line.addAll(java.util.List.of(Rig.VG, rig.pv(0), rig.pv(1)));
        rig.ok(line.toArray(new String[0]));
    }

    /** {@code lvcreate -V 4m -T vg/pool -n NAME}. */
    static void thin(Rig rig, String name) {
        rig.ok("lvcreate", "-V", Builds.LV_MIB + "m", "-T", Rig.VG + "/" + POOL, "-n", name);
    }

    /** {@code -Z y} or {@code -Z n}, as the seed says. */
    static String zero(Random random) { return random.nextBoolean() ? "y" : "n"; }

    /**
     * {@code writes} random writes to the thin LV (provisioning), fsynced, through a daemon on plain files, which
     * formats the pool's metadata and sends its queued messages; returns the LV's oracle.
     */
    static Oracle written(Rig rig, String lv, Random random, int writes) throws Exception {
        Oracle o = new Oracle(lv, Builds.BLOCKS);
        rig.activate();
        try {
            Workload w = new Workload(o, rig.lv(lv), random, 1);
            w.random(writes, Integer.MAX_VALUE);
            w.fsync();
        } finally {
            rig.deactivate();
        }
        return o;
    }

    /** Whether the running pool has no free data block. */
    static boolean full(Rig rig) {
        var u = rig.act.thinUsage(Rig.VG, POOL);
        return u != null && u.used() >= u.total();
    }

    /** Skips the thin scenarios without thin-provisioning-tools (fails them with CI=true). */
    static void need() { ThinMetaJudge.need(); }

    /** The pool's metadata as committed on the images now: thin_check clean, reference counts as the mappings hold. */
    static void judge(Rig rig) throws Exception {
        Vg vg = rig.vg();
        Lv pool = vg.lv(POOL).orElseThrow(() -> new IllegalStateException("no thin pool " + POOL));
        ThinPoolSegment ps = ThinPoolType.of(pool);
        byte[] meta = LvImage.read(vg, ps.metadataLv());
        if (java.util.Arrays.equals(meta, 0, 4096, new byte[4096], 0, 4096)) return; // never activated: LVM2 skips the check
        Path copy = rig.dir.resolve("tmeta-copy.bin");
        Files.write(copy, meta);
        try {
            long dataBytes = vg.lv(ps.dataLv()).orElseThrow().extents() * vg.extentBytes();
            ThinMetaJudge.judge(copy, ps.chunkSize(), dataBytes / (ps.chunkSize() * 512));
        } catch (AssertionError e) {
            Path kept = Path.of(System.getProperty("java.io.tmpdir"), "ulvm-crash-tmeta-" + System.nanoTime() + ".bin");
            Files.copy(copy, kept);
            throw new AssertionError(e.getMessage() + " (the metadata is kept in " + kept + ")", e);
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
