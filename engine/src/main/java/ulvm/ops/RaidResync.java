package ulvm.ops;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.Vg;
import ulvm.raid.RaidRecords;
import ulvm.store.PvDevice;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvchange --resync VG|VG/LV... (LVM2's _lvchange_resync for raid1): the array forgets what it knew of its images
 * and syncs them all again in full from its first in-sync image; NOTSYNCED goes. An active LV is deactivated first
 * (after a question, refused while open) and activated again, so the sync starts at once; an inactive one syncs at
 * its next activation.
 */
public final class RaidResync {
    private final Session s;

    public RaidResync(Session s) { this.s = s; }

    public void resync(List<String> args, boolean yes) throws LvmException {
        try (Scan scan = s.scan(true)) {
            LvArgs.forEach(s, scan, args, t -> resync(scan, t, yes));
        }
    }

    private void resync(Scan scan, LvArgs.Target t, boolean yes) throws LvmException {
        VgCopies vc = s.writableVg(scan, t.vg());
        Vg vg = vc.vg();
        Lv lv = vg.lv(t.lv()).orElseThrow(() -> new LvmException("Failed to find logical volume \"" + t.display() + "\""));
        if (RaidSegs.raid1(lv) == null || SnapshotRoles.isCow(vg, lv.name())) throw LvArgs.typeRefused(t, LvTypes.notAccepted(vg, lv));
        if (lv.hasStatus("LOCKED")) throw LvArgs.typeRefused(t, "Command on LV " + t.display() + " is invalid on LV with properties: lv_is_locked .");
        // a record without the tracked regions would lose what the split image lacks: merge or split it off first
        if (RaidImages.tracked(vg, lv) != null) throw new LvmException("Unable to resync " + t.display() + " while it is tracking a split image.");
        boolean active = s.hooks().isActive(vg.name(), lv.name());
        if (active) {
            if (s.hooks().isOpen(vg.name(), lv.name())) throw new LvmException("Can't resync open logical volume " + t.display() + ".");
            if (!yes && !s.console().ask("Do you really want to deactivate logical volume " + t.display() + " to resync it? [y/n]: "))
                throw new LvmException("Logical volume " + t.display() + " not resynced.");
            activate(vc, vg, lv, false, "Unable to deactivate " + t.display() + " for resync.");
        }
        try {
            RaidRecords.resetForResync(vg, lv, id -> {
                PvDevice d = vc.device(id);
                return d == null ? null : d.device();
            });
        } catch (IOException e) {
            throw new LvmException("Failed to clear metadata area for " + t.display() + ": " + e.getMessage());
        }
        if (lv.hasStatus("NOTSYNCED")) {
            vg = s.commit(vc, vg.withLv(lv.withStatusFlag("NOTSYNCED", false)));
            scan.vgs().put(t.vg(), new VgCopies(vg, vc.devices(), List.of()));
        }
        if (active) activate(vc, vg, lv, true, "Failed to reactivate " + t.display() + " after resync.");
    }

    private void activate(VgCopies vc, Vg vg, Lv lv, boolean on, String failure) throws LvmException {
        try {
            if (!s.hooks().activate(new VgCopies(vg, vc.devices(), List.of()).vgWithPaths(), Set.of(lv.name()), on)) throw new LvmException(failure);
        } catch (IOException e) {
            throw new LvmException(failure + "\n" + e.getMessage());
        }
    }
}
