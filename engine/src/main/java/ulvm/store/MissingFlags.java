package ulvm.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ulvm.format.Uuid;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.Vg;

/**
 * PVs the metadata flags MISSING whose device is present again (metadata.c, _set_pv_device and vg_read): the VG was
 * written while they were gone. Without extents in use the flag just goes; with extents in use LVM2 goes on treating
 * the PV as missing, since its data may be outdated, until {@code vgextend --restoremissing}.
 */
final class MissingFlags {
    private MissingFlags() {}

    /**
     * Moves the devices of reappeared PVs with extents in use from {@code devs} to {@code back}; returns {@code vg}
     * with the flag cleared on reappeared PVs that hold no extents. Adds LVM2's warnings.
     */
    static Vg reappeared(Vg vg, Map<String, PvDevice> devs, Map<String, PvDevice> back, List<String> warnings) {
        List<Pv> pvs = new ArrayList<>();
        boolean changed = false;
        for (Pv p : vg.pvs()) {
            PvDevice d = devs.get(p.id());
            if (d == null || !p.missingFlag()) {
                pvs.add(p);
                continue;
            }
            warnings.add("WARNING: VG " + vg.name() + " was previously updated while PV " + d.name() + " was missing.");
            if (used(vg, p.id())) {
                warnings.add("WARNING: VG " + vg.name() + " was missing PV " + d.name() + " " + Uuid.withDashes(p.id()) + ".");
                devs.remove(p.id());
                back.put(p.id(), d);
                pvs.add(p);
            } else {
                warnings.add("WARNING: VG " + vg.name() + " has unused reappeared PV " + d.name() + " " + Uuid.withDashes(p.id()) + ".");
                pvs.add(clear(p));
                changed = true;
            }
        }
        return changed ? vg.withPvs(pvs) : vg;
    }

    /** The PV without the MISSING flag. */
    static Pv clear(Pv p) {
        List<String> f = new ArrayList<>(p.flags());
        f.remove("MISSING");
        return p.withFlags(f);
    }

    static boolean used(Vg vg, String pvId) {
        for (Lv lv : vg.lvs())
            for (Segment s : lv.segments())
                for (Area a : s.areas()) if (a instanceof Area.OnPv o && o.pvId().equals(pvId)) return true;
        return false;
    }
}
