package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.model.Pv;
import ulvm.model.Vg;
import ulvm.store.LocalSystemId;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/** Which host may use a VG: vgexport, vgimport and vgchange --systemid, as LVM2 2.03.16 (tools/vgexport.c, vgimport.c, vgchange.c). */
public final class VgOwnership {
    private final Session s;

    public VgOwnership(Session s) { this.s = s; }

    /** vgexport: the VG and its PVs flagged EXPORTED, its system ID dropped; refused while an LV is active. */
    public void vgexport(List<String> names) throws LvmException {
        each(names, false, (vc, n) -> {
            if (s.hooks().activeCount(n) > 0) throw new LvmException("Volume group \"" + n + "\" has active logical volumes");
            s.commit(vc, exported(vc.vg(), true).withSetting("system_id", null));
            s.say("Volume group \"" + n + "\" successfully exported");
        });
    }

    /** vgimport: the EXPORTED flags cleared and the VG given this host's system ID; {@code force}: with PVs missing too. */
    public void vgimport(List<String> names, boolean force) throws LvmException {
        s.allow(VgAccess.Allow.EXPORTED);
        if (force) s.tell("WARNING: Volume groups with missing PVs will be imported with --force.");
        each(names, force, (vc, n) -> {
            if (!vc.vg().exported()) throw new LvmException("Volume group \"" + n + "\" is not exported");
            Vg next = exported(vc.vg(), false);
            if (!next.shared()) next = next.withSetting("system_id", s.systemId().id());
            s.commit(vc, next);
            s.say("Volume group \"" + n + "\" successfully imported");
        });
    }

    /** vgchange --systemid ID: asks before giving the VG away (or dropping its ID) unless {@code yes}. */
    public void systemId(List<String> names, String requested, boolean yes) throws LvmException {
        List<String> warn = new ArrayList<>();
        String id = LocalSystemId.fromString(requested, warn);
        for (String w : warn) s.tell(w);
        if (id == null) throw new LvmException("Unable to set system ID.");
        String local = s.systemId().id();
        each(names, false, (vc, n) -> {
            String old = vc.vg().setting("system_id");
            if (id.equals(old == null ? "" : old)) throw new LvmException("Volume Group system ID is already \"" + id + "\".");
            if (id.isEmpty() && local != null) {
                s.tell("WARNING: Removing the system ID allows unsafe access from other hosts.");
                if (!yes && !s.console().ask("Remove system ID " + old + " from volume group " + n + "?"))
                    throw new LvmException("System ID of volume group " + n + " not changed.");
            }
            if (!id.isEmpty() && !id.equals(local)) {
                if (s.hooks().activeCount(n) > 0)
                    throw new LvmException("Logical Volumes in VG " + n + " must be deactivated before system ID can be changed.");
                s.tell(local != null ? "WARNING: Requested system ID " + id + " does not match local system ID " + local + "."
                        : "WARNING: No local system ID is set.");
                s.tell("WARNING: Volume group " + n + " might become inaccessible from this machine.");
                if (!yes && !s.console().ask("Set foreign system ID " + id + " on volume group " + n + "?"))
                    throw new LvmException("Volume group " + n + " system ID not changed.");
            }
            s.commit(vc, vc.vg().withSetting("system_id", id));
            s.say("Volume group \"" + n + "\" successfully changed");
        });
    }

    private interface PerVg { void run(VgCopies vc, String name) throws LvmException; }

    /** Each named VG (every one the command may use when none is named), read for a change; failures go on to the next, exit 5. */
    private void each(List<String> names, boolean handlesMissing, PerVg op) throws LvmException {
        boolean failed = false;
        try (Scan scan = s.scan(true)) {
            for (String n : names.isEmpty() ? s.vgNames(scan) : names) {
                try {
                    op.run(handlesMissing ? s.vgHandlingMissing(scan, n) : s.writableVg(scan, n), n);
                } catch (LvmException e) {
                    if (e.getMessage() != null) for (String l : e.getMessage().split("\n")) s.tell(l);
                    failed = true;
                }
            }
        }
        if (failed) throw new LvmException(LvmException.FAILED, null);
    }

    private static Vg exported(Vg vg, boolean on) {
        List<Pv> pvs = new ArrayList<>();
        for (Pv p : vg.pvs()) pvs.add(p.withStatusFlag("EXPORTED", on));
        return vg.withStatusFlag("EXPORTED", on).withPvs(pvs);
    }
}
