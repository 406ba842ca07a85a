package ulvm.report;

import ulvm.format.Uuid;
import ulvm.model.Pv;

/** A PV as the reports see it: in a VG ({@code vg}, {@code pv} set) or an orphan; {@code dev} null when missing. */
record PvRef(VgFacts vg, Pv pv, String uuid, Device dev) {
    boolean orphan() { return vg == null; }

    String name() { return dev == null ? VgFacts.UNKNOWN : dev.path(); }

    String vgName() { return vg == null ? "" : vg.vg().name(); }

    String uuidDashes() { return Uuid.withDashes(uuid); }

    long peCount() { return pv == null ? 0 : pv.peCount(); }

    long allocated() { return pv == null ? 0 : vg.allocated(pv); }

    /** pv_size in sectors: extents times extent size, or for an orphan the size its PV header records (as LVM2). */
    long size() {
        if (pv == null) return dev == null ? 0 : dev.labelSectors() > 0 ? dev.labelSectors() : dev.sizeSectors();
        return pv.peCount() * vg.vg().extentSize();
    }

    long free() {
        if (pv == null) return size();
        return (pv.peCount() - allocated()) * vg.vg().extentSize();
    }

    long used() { return pv == null ? 0 : allocated() * vg.vg().extentSize(); }

    long devSize() { return dev != null ? dev.sizeSectors() : pv == null ? 0 : pv.devSize(); }

    long peStart() { return pv != null ? pv.peStart() : dev == null ? 0 : dev.peStart(); }

    boolean missing() { return !orphan() && (dev == null || pv.missingFlag()); }

    boolean allocatable() { return pv != null && pv.allocatable(); }
}
