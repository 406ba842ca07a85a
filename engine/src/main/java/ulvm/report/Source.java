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
        long free = 0;
        for (ulvm.format.MetadataArea m : d.mdas()) {
            try {
                ulvm.format.MdaHeader h = m.readHeader();
                if (h.committed().ignored()) continue;
                used++;
                long f = Math.max(0, m.maxTextSize() - h.committed().size()) / 512; // LVM2's mda_free_sectors
                if (free == 0 || f < free) free = f;
            } catch (IOException e) {
                used++;
            }
        }
        DiskArea ba = d.label().bootloaderAreas().isEmpty() ? new DiskArea(0, 0) : d.label().bootloaderAreas().get(0);
        return new Device(d.name(), size, d.label().metadataAreas().size(), smallest, d.label().extVersion(), d.label().peStartBytes() / 512,
                d.label().deviceSize() / 512, used, free, ba.offset() / 512, ba.size() / 512);
    }
}
