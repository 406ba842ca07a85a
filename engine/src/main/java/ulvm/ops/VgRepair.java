package ulvm.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.segtype.RaidType;
import ulvm.store.MdaCopy;
import ulvm.store.PvDevice;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * The VG commands for missing PVs (tools/vgreduce.c, tools/vgextend.c): {@code vgreduce --removemissing [--force]
 * [--mirrorsonly]} and {@code vgextend --restoremissing}.
 */
public final class VgRepair {
    private final Session s;

    public VgRepair(Session s) { this.s = s; }

    /** vgreduce --removemissing [--force] [--mirrorsonly] VG. */
    public void removeMissing(String name, boolean force, boolean mirrorsOnly) throws LvmException {
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.vgHandlingMissing(scan, name);
            Set<String> missing = MissingPvs.ids(vc);
            if (missing.isEmpty()) {
                s.say("Volume group \"" + name + "\" is already consistent.");
                return;
            }
            Vg vg = force ? makeConsistent(vc.vg(), missing, mirrorsOnly) : vc.vg();
            Consolidated c = consolidate(vg, missing);
            s.commit(vc, c.vg(), vc.devices()); // LVM2 writes even when partial LVs keep the PVs in (flagging them MISSING)
            if (!force && !c.fixed()) throw new LvmException(LvmException.FAILED, null);
            s.say("Wrote out consistent volume group " + name + ".");
        }
    }

    /** _make_vg_consistent: partial raid images become error segments, other partial LVs are removed. */
    private Vg makeConsistent(Vg vg, Set<String> missing, boolean mirrorsOnly) throws LvmException {
        restart:
        while (true) {
            for (String n : MissingPvs.partialLvs(vg, missing)) {
                Lv lv = vg.lv(n).orElseThrow();
                RaidSegment r = RaidType.first(lv);
                if (r != null) {
                    vg = errorImages(vg, r, missing);
                    continue restart;
                }
                if (mirrorsOnly) {
                    s.tell("Non-mirror-image LV " + n + " found: can't remove.");
                    continue;
                }
                if (!SnapshotRoles.userVisible(vg, lv)) continue;
                s.tell("WARNING: Removing partial LV " + vg.name() + "/" + n + ".");
                SnapshotOps.Removal rm = new SnapshotOps(s).removal(vg, lv, true);
                List<Lv> gone = new ArrayList<>();
                for (Lv l : rm.drop()) {
                    if (!gone.contains(l)) gone.add(l);
                    LvOps.collectSubLvs(vg, l, gone);
                }
                LvOps.checkNotInUse(s, vg, gone);
                for (Lv l : gone) vg = vg.withoutLv(l.name());
                for (String x : rm.reported()) s.say("Logical volume \"" + x + "\" successfully removed.");
                continue restart;
            }
            return vg;
        }
    }

    /** lv_raid_remove_missing: each partial rimage and rmeta of the array is replaced with the error target. */
    private static Vg errorImages(Vg vg, RaidSegment r, Set<String> missing) {
        List<String> partial = MissingPvs.partialLvs(vg, missing);
        for (int i = 0; i < r.imageLvs().size(); i++) {
            String img = r.imageLvs().get(i), meta = r.metaLvs().get(i);
            if (!partial.contains(img) && (meta == null || !partial.contains(meta))) continue;
            vg = vg.withLv(MissingPvs.errorLv(vg.lv(img).orElseThrow()));
            if (meta != null) vg = vg.withLv(MissingPvs.errorLv(vg.lv(meta).orElseThrow()));
        }
        return vg;
    }

    /** What _consolidate_vg leaves: the VG, and whether the missing PVs could go. */
    private record Consolidated(Vg vg, boolean fixed) {}

    /** _consolidate_vg: refuses while partial LVs are left, else drops the missing PVs. */
    private Consolidated consolidate(Vg vg, Set<String> missing) {
        List<String> partial = MissingPvs.partialLvs(vg, missing);
        for (String n : partial) s.tell("WARNING: Partial LV " + n + " needs to be repaired or removed. ");
        if (!partial.isEmpty()) {
            s.tell("There are still partial LVs in VG " + vg.name() + ".");
            s.tell("To remove them unconditionally use: vgreduce --removemissing --force.");
            s.tell("To remove them unconditionally from mirror LVs use: vgreduce --removemissing --mirrorsonly --force.");
            s.tell("WARNING: Proceeding to remove empty missing PVs.");
            return new Consolidated(vg, false);
        }
        for (String id : missing) {
            if (vg.pvs().size() == 1) {
                s.tell("Volume Groups must always contain at least one PV.");
                return new Consolidated(vg, false);
            }
            List<Pv> pvs = new ArrayList<>(vg.pvs());
            pvs.removeIf(p -> p.id().equals(id));
            vg = vg.withPvs(pvs);
        }
        return new Consolidated(vg, true);
    }

    /** vgextend --restoremissing VG PV...: PVs that are back lose their MISSING flag and take the metadata again. */
    public void restoreMissing(String name, List<Path> paths) throws LvmException {
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.vgHandlingMissing(scan, name);
            Vg vg = vc.vg();
            Map<String, PvDevice> devs = new LinkedHashMap<>(vc.devices());
            List<Pv> pvs = new ArrayList<>(vg.pvs());
            int fixed = 0;
            List<PvDevice> restored = new ArrayList<>();
            for (Path p0 : paths) {
                Path p = s.resolve(p0.toString());
                PvDevice d = find(vc, p);
                if (d == null) {
                    s.tell("WARNING: PV " + p0 + " not found in VG " + name);
                    continue;
                }
                Pv pv = vg.pv(d.uuid()).orElseThrow();
                if (!vc.reappeared().containsKey(pv.id()) && !pv.missingFlag() && !cleared(vc, pv)) {
                    s.tell("WARNING: PV " + p0 + " was not missing in VG " + name);
                    continue;
                }
                List<String> flags = new ArrayList<>(pv.flags());
                flags.remove("MISSING");
                pvs.set(vg.pvIndex(pv.id()), pv.withFlags(flags).withDevice(d.name()));
                devs.put(pv.id(), d);
                restored.add(d);
                fixed++;
            }
            if (fixed == 0) throw new LvmException("No PV has been restored.");
            long next = vg.seqno() + 1;
            for (MdaCopy c : vc.copies())
                if (restored.contains(c.pv()) && c.vg() != null && c.vg().seqno() < next)
                    s.tell("WARNING: updating old metadata to " + next + " on " + c.pv().name() + " for VG " + name + ".");
            s.commit(vc, vg.withPvs(pvs), devs);
            s.say("Volume group \"" + name + "\" successfully extended");
        }
    }

    private static PvDevice find(VgCopies vc, Path p) {
        for (PvDevice d : vc.reappeared().values()) if (d.path().toAbsolutePath().normalize().equals(p)) return d;
        for (PvDevice d : vc.devices().values()) if (d.path().toAbsolutePath().normalize().equals(p)) return d;
        return null;
    }

    /** A reappeared PV without extents: the scan cleared its flag, the current metadata still has it (unused_missing_cleared). */
    private static boolean cleared(VgCopies vc, Pv pv) {
        for (MdaCopy c : vc.copies())
            if (c.vg() != null && c.vg().seqno() == vc.vg().seqno() && c.vg().pv(pv.id()).map(Pv::missingFlag).orElse(false)) return true;
        return false;
    }
}
