package ulvm.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulvm.model.Pv;
import ulvm.model.Vg;

/**
 * A VG as found on the scanned devices: the newest metadata, every device that belongs to it, and the
 * copies that are stale or damaged.
 */
public final class VgCopies {
    private final Vg vg;
    private final Map<String, PvDevice> devices;
    private final List<MdaCopy> copies;
    private final Map<String, PvDevice> reappeared;

    public VgCopies(Vg vg, Map<String, PvDevice> devices, List<MdaCopy> copies) {
        this(vg, devices, copies, Map.of());
    }

    /**
     * {@code reappeared}: PVs whose device is back but which the metadata flags MISSING while extents are allocated on
     * them (the VG was written while they were gone): LVM2 keeps treating them as missing, so they are not in
     * {@code devices}; only {@code vgextend --restoremissing} takes them back.
     */
    public VgCopies(Vg vg, Map<String, PvDevice> devices, List<MdaCopy> copies, Map<String, PvDevice> reappeared) {
        this.vg = vg;
        this.devices = new LinkedHashMap<>(devices);
        this.copies = List.copyOf(copies);
        this.reappeared = new LinkedHashMap<>(reappeared);
    }

    /** PV id to the device of a PV that is back but still flagged MISSING (see the constructor). */
    public Map<String, PvDevice> reappeared() { return reappeared; }

    public Vg vg() { return vg; }

    /** PV id to the open device; a PV of the VG without an entry is missing (or reappeared, still flagged MISSING). */
    public Map<String, PvDevice> devices() { return devices; }

    public PvDevice device(String pvId) { return devices.get(pvId); }

    public List<MdaCopy> copies() { return copies; }

    public List<Pv> missingPvs() {
        List<Pv> out = new ArrayList<>();
        for (Pv p : vg.pvs()) if (!devices.containsKey(p.id())) out.add(p);
        return out;
    }

    public boolean partial() { return !missingPvs().isEmpty(); }

    /** Copies that are not the newest: older seqno, different text, or unreadable. */
    public List<MdaCopy> staleCopies() {
        List<MdaCopy> out = new ArrayList<>();
        for (MdaCopy c : copies) {
            if (c.ignored()) continue;
            if (c.vg() == null || c.vg().seqno() != vg.seqno()) out.add(c);
        }
        return out;
    }

    /** The VG with each present PV's current path in its device field (missing ones flagged MISSING). */
    public Vg vgWithPaths() {
        List<Pv> pvs = new ArrayList<>();
        for (Pv p : vg.pvs()) pvs.add(path(p.id()) == null || reappeared.containsKey(p.id()) ? p.withFlags(List.of("MISSING")) : p.withDevice(path(p.id())));
        return vg.withPvs(pvs);
    }

    /** The path a PV is known by: its device if present (or reappeared), else null. */
    public String path(String pvId) {
        PvDevice d = devices.containsKey(pvId) ? devices.get(pvId) : reappeared.get(pvId);
        return d == null ? null : d.name();
    }
}
