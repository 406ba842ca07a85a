package ulvm.ops;

import java.io.IOException;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.RaidSegment;
import ulvm.model.Vg;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/** lvchange on raid1 LVs: --syncaction check|repair (sent to the running array), the recovery rates (metadata). */
public final class RaidChange {
    private final Session s;

    public RaidChange(Session s) { this.s = s; }

    private Lv raidLv(Vg vg, String lvName) throws LvmException {
        Lv lv = vg.lv(lvName).orElseThrow(() -> new LvmException("Failed to find logical volume \"" + vg.name() + "/" + lvName + "\""));
        if (RaidSegs.raid1(lv) == null) throw new LvmException(vg.name() + "/" + lvName + " must be a RAID logical volume to perform this action.");
        return lv;
    }

    /** lv_raid_message: only an active array takes a sync action. */
    public void syncAction(String vgName, String lvName, String action) throws LvmException {
        try (Scan scan = s.scan(false)) {
            Vg vg = s.vg(scan, vgName).vg();
            raidLv(vg, lvName);
            boolean done;
            try {
                done = s.hooks().syncAction(vgName, lvName, action);
            } catch (IOException e) {
                throw new LvmException(e.getMessage());
            }
            if (!done) throw new LvmException("Unable to send message to an inactive logical volume.");
        }
    }

    /** --minrecoveryrate / --maxrecoveryrate in KiB/s; null leaves a rate as it is. */
    public void recoveryRates(String vgName, String lvName, Long min, Long max) throws LvmException {
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, vgName);
            Vg vg = vc.vg();
            Lv lv = raidLv(vg, lvName);
            RaidSegment r = RaidSegs.raid1(lv);
            long lo = min != null ? min : RaidSegs.number(r, "min_recovery_rate");
            long hi = max != null ? max : RaidSegs.number(r, "max_recovery_rate");
            if (hi != 0 && hi < lo) throw new LvmException("Minimum recovery rate cannot be higher than maximum.");
            s.commit(vc, vg.withLv(lv.withSegments(java.util.List.of(RaidSegs.withRates(r, lo, hi)))));
            s.say("Logical volume " + vgName + "/" + lvName + " changed.");
        }
    }
}
