package ulvm.ops;

import java.util.List;
import ulvm.api.LvmException;
import ulvm.format.Uuid;
import ulvm.model.Lv;
import ulvm.model.Vg;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * vgchange -l MaxLogicalVolumes, -p MaxPhysicalVolumes, -u (a new VG UUID) and --vgmetadatacopies, as LVM2 2.03.16's
 * vg_set_max_lv/pv, _vgchange_uuid and _vgchange_metadata_copies.
 */
public final class VgLimits {
    /** --vgmetadatacopies all: every metadata area in use, then unmanaged (LVM2's VGMETADATACOPIES_ALL). */
    public static final long ALL_COPIES = -1;

    private final Session s;

    public VgLimits(Session s) { this.s = s; }

    /** Null arguments are left as they are; {@code resizeable} (-x) goes first, as in LVM2's vgchange. */
    public void change(List<String> names, Boolean resizeable0, Long maxLv, Long maxPv, boolean uuid) throws LvmException {
        change(names, resizeable0, maxLv, maxPv, uuid, null);
    }

    /** {@code copies}: --vgmetadatacopies (0 unmanaged, {@link #ALL_COPIES}), null to leave it. */
    public void change(List<String> names, Boolean resizeable0, Long maxLv, Long maxPv, boolean uuid, Long copies) throws LvmException {
        try (Scan scan = s.scan(true)) {
            for (String n : names.isEmpty() ? s.vgNames(scan) : names) {
                VgCopies vc = s.writableVg(scan, n);
                Vg vg = resizeable0 == null ? vc.vg() : vc.vg().withStatusFlag("RESIZEABLE", resizeable0);
                boolean resizeable = vg.status().contains("RESIZEABLE");
                if (maxLv != null) {
                    if (!resizeable) throw new LvmException("Volume group \"" + n + "\" must be resizeable to change MaxLogicalVolume");
                    long visible = VgMerge.visible(vg);
                    if (maxLv > 0 && maxLv < visible)
                        throw new LvmException("MaxLogicalVolume is less than the current number " + visible + " of LVs for " + n);
                }
                if (maxPv != null) {
                    if (!resizeable) throw new LvmException("Volume group \"" + n + "\" must be resizeable to change MaxPhysicalVolumes");
                    if (maxPv > 0 && maxPv < vg.pvs().size())
                        throw new LvmException("MaxPhysicalVolumes is less than the current number " + vg.pvs().size() + " of PVs for \"" + n + "\"");
                }
                long mdaCopies = vg.metadataCopies();
                if (copies != null) {
                    if (copies == mdaCopies)
                        s.tell("Number of metadata copies for VG " + n + " is already " + (copies == 0 ? "unmanaged" : String.valueOf(copies)) + ".");
                    if (copies == ALL_COPIES) for (var d : vc.devices().values()) d.ignoreMdas(false);
                    mdaCopies = Math.max(0, copies);
                }
                if (uuid) for (Lv lv : vg.lvs()) if (s.hooks().isActive(n, lv.name())) throw new LvmException("Volume group has active logical volumes");
                Vg next = new Vg(vg.name(), uuid ? Uuid.generate() : vg.id(), vg.seqno(), vg.status(), vg.flags(), vg.extentSize(),
                        maxLv != null ? maxLv : vg.maxLv(), maxPv != null ? maxPv : vg.maxPv(), mdaCopies, vg.extras(), vg.pvs(), vg.lvs());
                s.commit(vc, next);
                s.say("Volume group \"" + n + "\" successfully changed");
            }
        }
    }
}
