package ulvm.ops;

import java.util.List;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.Vg;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * vgchange/lvchange --setautoactivation y|n: LVM2's NOAUTOACTIVATE flag in the VG's or the LV's flags = [...]
 * (vgchange.c _vgchange_autoactivation, lvchange.c _lvchange_autoactivation). ulvm's mount activates what it is told;
 * the flag is kept for LVM2 and shown by the reports (AutoAct).
 */
public final class AutoActivation {
    static final String FLAG = "NOAUTOACTIVATE";
    private final Session s;

    public AutoActivation(Session s) { this.s = s; }

    public void vgs(List<String> names, boolean on) throws LvmException {
        boolean failed = false;
        try (Scan scan = s.scan(true)) {
            for (String n : names.isEmpty() ? s.vgNames(scan) : names) {
                VgCopies vc = s.writableVg(scan, n);
                Vg vg = vc.vg();
                if (vg.flags().contains(FLAG) != on) { // LVM2 refuses the VG, writes nothing, and goes on
                    s.tell("Volume group autoactivation is already " + (on ? "yes" : "no") + ".");
                    failed = true;
                    continue;
                }
                s.commit(vc, vg.withFlag(FLAG, !on));
                s.say("Volume group \"" + n + "\" successfully changed");
            }
        }
        if (failed) throw new LvmException(LvmException.FAILED, null);
    }

    public void lvs(List<String> args, boolean on) throws LvmException {
        try (Scan scan = s.scan(true)) {
            LvArgs.forEach(s, scan, args, t -> {
                VgCopies vc = s.writableVg(scan, t.vg());
                Lv lv = vc.vg().lv(t.lv()).orElseThrow(() -> new LvmException("Failed to find logical volume \"" + t.display() + "\""));
                if (lv.flags().contains(FLAG) == on) {
                    s.commit(vc, vc.vg().withLv(lv.withFlag(FLAG, !on)));
                }
                s.say("Logical volume " + t.display() + " changed.");
            });
        }
    }
}
