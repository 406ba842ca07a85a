package ulvm.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import ulvm.api.LvmException;
import ulvm.format.PvLabel;
import ulvm.format.Uuid;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.store.PvDevice;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * vgimportclone [-n BASENAME] [-i] PV..., as LVM2 2.03.16 (tools/vgimportclone.c): the images of a copied VG (a
 * {@code cp} of its PV files) get new PV UUIDs and a new VG UUID and name, so they live beside the original.
 */
public final class VgImportClone {
    private final Session s;

    public VgImportClone(Session s) { this.s = s; }

    public void vgimportclone(List<Path> paths, String baseName, boolean importVg) throws LvmException {
        List<Path> clones = new ArrayList<>();
        for (Path p : paths) clones.add(p.toAbsolutePath().normalize());
        String oldName;
        try (Scan scan = Scan.of(clones, true, s.wiring().images())) {
            for (Path p : clones) if (scan.pv(p).isEmpty()) throw new LvmException("Failed to find PVID for device " + p + ".");
            Set<String> names = new TreeSet<>(scan.vgs().keySet());
            if (names.isEmpty()) throw new LvmException("No VG found on devices.");
            if (names.size() > 1) throw new LvmException("Devices must be from the same VG.");
            oldName = names.iterator().next();
        }
        Set<String> others = new TreeSet<>(); // the VG names on every other device ulvm sees
        List<Path> rest = new ArrayList<>();
        for (Path p : s.devices()) if (!clones.contains(p.toAbsolutePath().normalize())) rest.add(p);
        try (Scan scan = Scan.of(rest, false, s.wiring().images())) {
            others.addAll(scan.vgs().keySet());
        }
        String base = baseName != null ? baseName : oldName;
        String name = baseName != null && !baseName.equals(oldName) ? baseName : oldName + "1";
        int n = baseName != null && !baseName.equals(oldName) ? 0 : 1;
        while (others.contains(name)) name = base + (++n);
        Names.checkVg(name);
        try (Scan scan = Scan.of(clones, true, s.wiring().images())) {
            VgCopies vc = scan.vg(oldName).orElseThrow(() -> new LvmException("Failed to read VG " + oldName + " from devices being imported."));
            Vg vg = vc.vg();
            if (vg.exported() && !importVg) throw new LvmException("VG " + oldName + " is exported, use the --import option.");
            if (vc.partial()) {
                for (Pv p : vc.missingPvs())
                    s.tell("PV with UUID " + Uuid.withDashes(p.id()) + " is part of VG " + oldName + ", but is not included in the devices to import.");
                throw new LvmException("All PVs in the VG must be imported together.");
            }
            for (PvDevice d : vc.devices().values()) if (!d.writable()) throw new LvmException("Cannot open " + d.name() + " for writing.");
            Map<String, String> newIds = new LinkedHashMap<>();
            for (Pv p : vg.pvs()) newIds.put(p.id(), Uuid.generate());
            List<Pv> pvs = new ArrayList<>();
            Map<String, PvDevice> devices = new LinkedHashMap<>();
            for (Pv p : vg.pvs()) {
                Pv q = new Pv(newIds.get(p.id()), p.device(), p.status(), p.flags(), p.devSize(), p.peStart(), p.peCount(), p.extras());
                if (importVg) q = q.withStatusFlag("EXPORTED", false);
                pvs.add(q);
                devices.put(q.id(), vc.device(p.id()));
            }
            List<Lv> lvs = new ArrayList<>();
            for (Lv lv : vg.lvs()) {
                List<Segment> segs = new ArrayList<>();
                for (Segment seg : lv.segments()) segs.add(withPvIds(seg, newIds));
                lvs.add(lv.withSegments(segs));
            }
            Vg next = new Vg(name, Uuid.generate(), vg.seqno(), vg.status(), vg.flags(), vg.extentSize(), vg.maxLv(), vg.maxPv(),
                    vg.metadataCopies(), vg.extras(), pvs, lvs).withSetting("lock_type", null).withSetting("lock_args", null)
                    .withSetting("system_id", s.systemId().id());
            if (importVg) next = next.withStatusFlag("EXPORTED", false);
            for (Pv p : vg.pvs()) relabel(vc.device(p.id()), newIds.get(p.id())); // the labels first, as LVM2's pv_write before the metadata
            s.commitWithSeqno(null, next, devices, vc.vg().seqno());
            for (Pv p : pvs) s.updateDevicesFile(devices.get(p.id()).path(), p.id(), false);
        } catch (IOException e) {
            throw new LvmException(e.getMessage());
        }
    }

    /** Writes the PV's label again with a new UUID. */
    static void relabel(PvDevice d, String id) throws IOException {
        PvLabel l = d.label();
        PvLabel relabelled = new PvLabel(l.sector(), id, l.deviceSize(), l.dataAreas(), l.metadataAreas(), l.extVersion(), l.extFlags(), l.bootloaderAreas());
        relabelled.write(d.device());
        d.device().flush();
        d.setLabel(relabelled);
    }

    /** The VG with PV {@code old} renamed {@code id}: its entry and every segment area on it. */
    static Vg withPvId(Vg vg, String old, String id) {
        Map<String, String> ids = Map.of(old, id);
        List<Pv> pvs = new ArrayList<>();
        for (Pv p : vg.pvs()) pvs.add(p.id().equals(old) ? new Pv(id, p.device(), p.status(), p.flags(), p.devSize(), p.peStart(), p.peCount(), p.extras()) : p);
        List<Lv> lvs = new ArrayList<>();
        for (Lv lv : vg.lvs()) {
            List<Segment> segs = new ArrayList<>();
            for (Segment seg : lv.segments()) segs.add(withPvIds(seg, ids));
            lvs.add(lv.withSegments(segs));
        }
        return vg.withPvs(pvs).withLvs(lvs);
    }

    /** The segment with its PV areas naming the new PV UUIDs. */
    static Segment withPvIds(Segment seg, Map<String, String> ids) {
        List<Area> areas = new ArrayList<>();
        boolean changed = false;
        for (Area a : seg.areas()) {
            if (a instanceof Area.OnPv p && ids.containsKey(p.pvId())) {
                areas.add(new Area.OnPv(ids.get(p.pvId()), p.pe()));
                changed = true;
            } else areas.add(a);
        }
        return changed ? seg.withAreas(areas) : seg;
    }
}
