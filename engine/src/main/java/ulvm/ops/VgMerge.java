package ulvm.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulvm.api.LvmException;
import ulvm.format.Uuid;
import ulvm.model.Lv;
import ulvm.model.Vg;
import ulvm.store.MetadataArchive;
import ulvm.store.PvDevice;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/** vgmerge DEST SOURCE, as LVM2 2.03.16 (tools/vgmerge.c, vgs_are_compatible): SOURCE's PVs and LVs join DEST. */
public final class VgMerge {
    private final Session s;

    public VgMerge(Session s) { this.s = s; }

    public void vgmerge(String to, String from) throws LvmException {
        if (to.equals(from)) throw new LvmException("Duplicate volume group name \"" + from + "\"");
        try (Scan scan = s.scan(true)) {
            s.warn(scan);
            VgCopies dst = s.writableVg(scan, to), src = s.writableVg(scan, from);
            if (s.hooks().activeCount(from) > 0) throw new LvmException("Logical volumes in \"" + from + "\" must be inactive");
            Vg a = dst.vg(), b = src.vg();
            compatible(a, b);
            s.archive(src);
            Vg merged = a;
            List<ulvm.model.Pv> pvs = new ArrayList<>(a.pvs());
            pvs.addAll(b.pvs());
            merged = merged.withPvs(pvs);
            Set<String> ids = new HashSet<>();
            for (Lv lv : a.lvs()) ids.add(lv.id());
            List<Lv> lvs = new ArrayList<>(a.lvs());
            for (Lv lv : b.lvs()) { // "Fix up LVIDs": an LV uuid that DEST already has gets a new one
                Lv l = lv;
                if (ids.contains(l.id())) {
                    l = new Lv(l.name(), Uuid.generate(), l.status(), l.flags(), l.tags(), l.creationTime(), l.creationHost(), l.allocationPolicy(),
                            l.extras(), l.segments());
                }
                ids.add(l.id());
                lvs.add(l);
            }
            merged = merged.withLvs(lvs);
            Map<String, PvDevice> devices = new LinkedHashMap<>(dst.devices());
            devices.putAll(src.devices());
            s.commit(dst, merged, devices);
            MetadataArchive.removeBackup(s.sys(), from);
            s.notifyRemoved(src);
            s.say("Volume group \"" + from + "\" successfully merged into \"" + to + "\"");
        } catch (java.io.IOException e) {
            throw new LvmException(e.getMessage());
        }
    }

    /** vgs_are_compatible: same extent size, limits kept, no LV name in both. */
    static void compatible(Vg to, Vg from) throws LvmException {
        if (to.extentSize() != from.extentSize())
            throw new LvmException("Extent sizes differ: " + to.extentSize() + " (" + to.name() + ") and " + from.extentSize() + " (" + from.name() + ")");
        if (to.maxPv() > 0 && to.maxPv() < to.pvs().size() + from.pvs().size())
            throw new LvmException("Maximum number of physical volumes (" + to.maxPv() + ") exceeded  for \"" + to.name() + "\" and \"" + from.name() + "\"");
        if (to.maxLv() > 0 && to.maxLv() < visible(to) + visible(from))
            throw new LvmException("Maximum number of logical volumes (" + to.maxLv() + ") exceeded  for \"" + to.name() + "\" and \"" + from.name() + "\"");
        for (Lv l1 : to.lvs())
            for (Lv l2 : from.lvs())
                if (l1.name().equals(l2.name()))
                    throw new LvmException("Duplicate logical volume name \"" + l1.name() + "\" in \"" + to.name() + "\" and \"" + from.name() + "\"");
    }

    /** vg_visible_lvs: the LVs a user names (what MaxLogicalVolume counts). */
    static long visible(Vg vg) {
        long n = 0;
        for (Lv lv : vg.lvs()) if (SnapshotRoles.userVisible(vg, lv)) n++;
        return n;
    }
}
