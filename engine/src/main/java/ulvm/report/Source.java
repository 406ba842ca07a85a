package ulvm.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulvm.format.DiskArea;
import ulvm.model.Vg;
import ulvm.store.PvDevice;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * Everything the reports read: each VG with its present devices (PV id without dashes to device; a PV of
 * the VG without an entry is missing), and the orphan PVs.
 */
public record Source(List<VgEntry> vgs, List<Orphan> orphans) {
    public Source {
        vgs = List.copyOf(vgs);
        orphans = List.copyOf(orphans);
    }

    /** One VG and its present devices. */
    public record VgEntry(Vg vg, Map<String, Device> devices) {
        public VgEntry { devices = new LinkedHashMap<>(devices); }
    }

    /** Builds the source from a scan: the newest metadata of each VG, and labelled PVs in no VG. */
    public static Source of(Scan scan) { return of(scan, java.util.Set.of()); }

    /** As {@link #of(Scan)} without the VGs {@code hidden} (and so without their PVs: LVM2 shows neither). */
    public static Source of(Scan scan, java.util.Set<String> hidden) {
        List<VgEntry> vgs = new ArrayList<>();
        for (VgCopies vc : scan.vgs().values()) {
            if (hidden.contains(vc.vg().name())) continue;
            Map<String, Device> devs = new LinkedHashMap<>();
            for (Map.Entry<String, PvDevice> e : vc.devices().entrySet()) devs.put(e.getKey(), device(e.getValue()));
            // a reappeared PV still flagged MISSING is shown by its path, yet missing (VgFacts.missing)
            for (Map.Entry<String, PvDevice> e : vc.reappeared().entrySet()) devs.put(e.getKey(), device(e.getValue()));
            vgs.add(new VgEntry(vc.vg(), devs));
        }
        List<Orphan> orphans = new ArrayList<>();
        for (PvDevice d : scan.pvs()) if (scan.isOrphan(d)) orphans.add(new Orphan(d.uuid(), device(d)));
        return new Source(vgs, orphans);
    }

    static Device device(PvDevice d) {
        long size;
        try {
            size = d.device().size() / 512;
        } catch (IOException e) {
            size = d.label().deviceSize() / 512;
        }
        long smallest = 0;
        for (DiskArea a : d.label().metadataAreas()) if (smallest == 0 || a.size() < smallest * 512) smallest = a.size() / 512;
        int used = 0;
        long free = Long.MAX_VALUE, usedFree = Long.MAX_VALUE;
        for (ulvm.format.MetadataArea m : d.mdas()) {
            try {
                ulvm.format.MdaHeader h = m.readHeader();
                // LVM2's mda_free_sectors, the least over all areas; an ignored area's is never computed: 0
                long f = h.committed().ignored() ? 0 : Math.max(0, m.maxTextSize() - h.committed().size()) / 512;
                if (!h.committed().ignored()) {
                    used++;
                    usedFree = Math.min(usedFree, f);
                }
                free = Math.min(free, f);
            } catch (IOException e) {
                used++;
            }
        }
        if (free == Long.MAX_VALUE) free = 0;
        if (usedFree == Long.MAX_VALUE) usedFree = 0;
        DiskArea ba = d.label().bootloaderAreas().isEmpty() ? new DiskArea(0, 0) : d.label().bootloaderAreas().get(0);
        return new Device(d.name(), size, d.label().metadataAreas().size(), smallest, d.label().extVersion(), d.label().peStartBytes() / 512,
                d.label().deviceSize() / 512, used, free, usedFree, ba.offset() / 512, ba.size() / 512);
    }
}
