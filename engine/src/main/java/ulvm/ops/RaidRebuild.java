package ulvm.ops;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ulvm.alloc.PvRange;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvchange --rebuild PV... VG/LV (LVM2 2.03.16's _lvchange_rebuild and _lv_raid_rebuild_or_replace with rebuild set):
 * the images of a running raid1 array that lie on the given PVs (image or rmeta) are copied again in full from an
 * in-sync image. As LVM2: the sub-LVs are committed with REBUILD, the running array takes such images as new ones
 * (Raid1Array.reconcile), and a second commit clears the flag. Needs the array active and in sync, and leaves at
 * least one image untouched.
 */
public final class RaidRebuild {
    private final Session s;

    public RaidRebuild(Session s) { this.s = s; }

    public void rebuild(List<String> args, List<String> pvArgs, boolean yes) throws LvmException {
        try (Scan scan = s.scan(true)) {
            LvArgs.forEach(s, scan, args, t -> rebuild(scan, t, pvArgs, yes));
        }
    }

    private void rebuild(Scan scan, LvArgs.Target t, List<String> pvArgs, boolean yes) throws LvmException {
        VgCopies vc = s.writableVg(scan, t.vg());
        Vg vg = vc.vg();
        Lv lv = vg.lv(t.lv()).orElseThrow(() -> new LvmException("Failed to find logical volume \"" + t.display() + "\""));
        RaidSegment r = RaidSegs.raid1(lv);
        if (r == null || SnapshotRoles.isCow(vg, lv.name())) throw LvArgs.typeRefused(t, LvTypes.notAccepted(vg, lv));
        if (!yes && !s.console().ask("Do you really want to rebuild " + pvArgs.size() + " PVs of logical volume " + t.display() + " [y/n]: "))
            throw new LvmException("Logical volume " + t.display() + " not rebuild.");
        Set<String> pvs = new HashSet<>();
        try {
            for (PvRange p : PvArgs.parse(pvArgs, vc, s)) pvs.add(p.pvId());
        } catch (LvmException e) { // LVM2's create_pv_list failure comes back as success from _lvchange_rebuild
            s.tell(e.getMessage());
            return;
        }
        if (!s.hooks().isActive(vg.name(), lv.name())) throw new LvmException(t.display() + " must be active to perform this operation.");
        if (!RaidImages.inSync(s, vc, lv)) throw new LvmException("Unable to replace devices in " + t.display() + " while it is not in-sync.");
        Vg flagged = vg;
        int match = 0;
        for (int i = 0; i < r.imageLvs().size(); i++) {
            if (!RaidImages.onPvs(vg, r, i, pvs)) continue;
            match++;
            flagged = withRebuild(flagged, r.imageLvs().get(i), true);
            if (r.metaLvs().get(i) != null) flagged = withRebuild(flagged, r.metaLvs().get(i), true);
        }
        if (match == 0) throw new LvmException("Logical volume " + t.display() + " does not contain devices specified to rebuild.");
        if (match == r.imageLvs().size()) throw new LvmException("Unable to rebuild all PVs from " + t.display() + " at once.");
        Vg rebuilt = s.commit(vc, flagged);
        Vg cleared = rebuilt;
        for (Lv sub : rebuilt.lvs()) if (sub.hasStatus("REBUILD")) cleared = withRebuild(cleared, sub.name(), false);
        s.commit(new VgCopies(rebuilt, vc.devices(), List.of()), cleared);
    }

    private static Vg withRebuild(Vg vg, String lv, boolean on) {
        return vg.withLv(vg.lv(lv).orElseThrow().withStatusFlag("REBUILD", on));
    }
}
