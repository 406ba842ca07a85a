package ulvm.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ulvm.alloc.Policy;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.ThinPoolSegment;
import ulvm.model.Vg;
import ulvm.segtype.ThinPoolType;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvconvert --repair VG/POOL as LVM2 2.03.16's _lvconvert_thin_pool_repair: thin_repair from the pool's metadata LV
 * into the spare; the spare becomes the new POOL_tmeta, the old metadata LV is kept visible as POOL_meta%d, and a new
 * spare is made if there is room. The pool must be inactive.
 */
public final class ThinRepair {
    /** LVM2's global/thin_repair_executable and global/thin_dump_executable. */
    static final String THIN_REPAIR = "/usr/sbin/thin_repair", THIN_DUMP = "/usr/sbin/thin_dump";
    private static final Pattern TRANSACTION = Pattern.compile("transaction=\"(\\d+)\"");

    private final Session s;

    public ThinRepair(Session s) { this.s = s; }

    /** Whether {@code vg/lv} is a thin pool (lvconvert --repair then repairs its metadata). */
    public static boolean isPool(Session s, String vg, String lv) throws LvmException {
        try (Scan scan = s.scan(false)) {
            return scan.vg(vg).map(VgCopies::vg).flatMap(v -> v.lv(lv)).map(ThinPoolType::of).isPresent();
        }
    }

    public void repair(String vgName, String poolName, List<String> pvArgs, boolean keepSpare) throws LvmException {
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, vgName);
            Vg vg = vc.vg();
            Lv pool = vg.lv(poolName).orElseThrow(() -> new LvmException("Failed to find logical volume \"" + vgName + "/" + poolName + "\""));
            ThinPoolSegment ps = ThinPoolType.of(pool);
            List<PvRange> ranges = PvArgs.parse(pvArgs, vc, s);
            long now = System.currentTimeMillis() / 1000;
            if (ThinPoolType.spare(vg) == null) { // handle_pool_metadata_spare(vg, 0, pvh, 1), committed before anything else
                vg = s.commit(vc, new ThinCreate(s).spare(vc, vg, largestMetadata(vg), ranges, Policy.NORMAL, now));
                vc = new VgCopies(vg, vc.devices(), List.of(), vc.reappeared());
            }
            if (s.hooks().isActive(vgName, poolName)) throw new LvmException("Active pools cannot be repaired.  Use lvchange -an first.");
            Lv mlv = vg.lv(ps.metadataLv()).orElseThrow(), pms = ThinPoolType.spare(vg);
            repairInto(vc, vg, pool, ps, mlv, pms);

            Vg next = vg.replaceLv(pms.name(), pms.withStatusFlag("VISIBLE", true)); // no longer the spare
            if (keepSpare) {
                try {
                    next = new ThinCreate(s).spare(vc, next, largestMetadata(next), ranges, Policy.NORMAL, now);
                } catch (LvmException e) { // LVM2 goes on without a spare
                    if (e.getMessage() != null) s.tell(e.getMessage());
                }
            } else {
                s.tell("WARNING: recovery of pools without pool metadata spare LV is not automated.");
            }
            String backup = SnapshotRoles.generateName(next, pool.name() + "_meta");
            // swap_lv_identifiers: the spare takes the metadata LV's name and id, the old metadata LV the spare's id
            Lv newMeta = new Lv(mlv.name(), mlv.id(), pms.withStatusFlag("VISIBLE", false).status(), pms.flags(), pms.tags(),
                    pms.creationTime(), pms.creationHost(), pms.allocationPolicy(), pms.extras(), pms.segments());
            Lv kept = new Lv(backup, pms.id(), mlv.withStatusFlag("VISIBLE", true).status(), mlv.flags(), mlv.tags(),
                    mlv.creationTime(), mlv.creationHost(), mlv.allocationPolicy(), mlv.extras(), mlv.segments());
            List<Lv> lvs = new ArrayList<>();
            for (Lv l : next.lvs()) lvs.add(l.id().equals(pms.id()) ? newMeta : l.id().equals(mlv.id()) ? kept : l);
            s.commit(vc, next.withLvs(lvs));
            s.tell("WARNING: LV " + vgName + "/" + backup + " holds a backup of the unrepaired metadata. Use lvremove when no longer required.");
            if (vg.pvs().size() > 1)
                s.tell("WARNING: New metadata LV " + vgName + "/" + mlv.name() + " might use different PVs.  Move it with pvmove if required.");
        }
    }

    /** The largest metadata LV of the VG's pools, in extents (handle_pool_metadata_spare with 0 extents). */
    private static long largestMetadata(Vg vg) {
        long max = 0;
        for (Lv l : vg.lvs()) {
            ThinPoolSegment p = ThinPoolType.of(l);
            if (p != null) max = Math.max(max, vg.lv(p.metadataLv()).map(Lv::extents).orElse(0L));
        }
        return max;
    }

    /** thin_repair -i METADATA -o SPARE, then thin_dump's transaction id against the VG's. */
    private void repairInto(VgCopies vc, Vg vg, Lv pool, ThinPoolSegment ps, Lv mlv, Lv pms) throws LvmException {
        String vgPool = vg.name() + "/" + pool.name();
        Path in = null, out = null;
        try {
            in = Files.createTempFile("ulvm-tmeta-", ".bin");
            out = Files.createTempFile("ulvm-pmspare-", ".bin");
            LvBytes.toFile(vc, vg, mlv, in);
            LvBytes.toFile(vc, vg, pms, out); // sized as the spare
            int status = run(List.of(THIN_REPAIR, "-i", in.toString(), "-o", out.toString()), null);
            if (status != 0) throw new LvmException("Repair of thin metadata volume of thin pool " + vgPool + " failed (status:" + status + "). Manual repair required!");
            if (ps.transactionId() != 0) {
                StringBuilder first = new StringBuilder();
                run(List.of(THIN_DUMP, out.toString()), first);
                Matcher m = TRANSACTION.matcher(first);
                long id;
                if (m.find() && (id = Long.parseLong(m.group(1))) != ps.transactionId() && id - 1 != ps.transactionId())
                    s.tell("Transaction id " + ps.transactionId() + " from pool \"" + vgPool + "\" does not match repaired transaction id "
                            + id + " from /dev/mapper/" + vg.name().replace("-", "--") + "-" + pms.name().replace("-", "--") + ".");
            }
            LvBytes.fromFile(vc, vg, pms, out);
        } catch (IOException e) {
            throw new LvmException("Repair of thin metadata volume of thin pool " + vgPool + " failed: " + e.getMessage());
        } finally {
            for (Path p : new Path[] {in, out}) {
                try {
                    if (p != null) Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a temporary file left behind
                }
            }
        }
    }

    /** Runs a tool; {@code firstLine} (if not null) gets its first output line. Returns its exit status. */
    private static int run(List<String> cmd, StringBuilder firstLine) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String l = r.readLine();
            if (firstLine != null && l != null) firstLine.append(l);
            while (r.readLine() != null) { } // drained
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
