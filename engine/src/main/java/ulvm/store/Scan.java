package ulvm.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ulvm.format.FormatException;
import ulvm.format.MdaHeader;
import ulvm.format.MetadataArea;
import ulvm.format.PvLabel;
import ulvm.format.Uuid;
import ulvm.format.VgTextReader;
import ulvm.io.BlockDevice;
import ulvm.io.Devices;
import ulvm.model.Vg;

/** The result of reading every listed device: labelled PVs, VGs, orphans, and what could not be read. */
public final class Scan implements AutoCloseable {
    private final List<Path> listed;
    private final List<PvDevice> pvs = new ArrayList<>();
    private final List<Path> notPvs = new ArrayList<>();
    private final List<Path> missingFiles = new ArrayList<>();
    private final Map<Path, String> damaged = new LinkedHashMap<>();
    private final Map<String, VgCopies> vgs = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<PvDevice, String> outdated = new LinkedHashMap<>();
    private final List<BlockDevice> opened = new ArrayList<>();

    private Scan(List<Path> listed) { this.listed = List.copyOf(listed); }

    /** Reads labels and metadata of every path; never throws for a damaged device, records it instead. */
    public static Scan of(List<Path> paths, boolean writable) { return of(paths, writable, Devices.FILES); }

    /** As {@link #of(List, boolean)}, the images opened through {@code images}. */
    public static Scan of(List<Path> paths, boolean writable, Devices.Opener images) {
        Scan s = new Scan(paths);
        List<MdaCopy> copies = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                s.missingFiles.add(p);
                continue;
            }
            BlockDevice dev;
            boolean rw = writable && Files.isWritable(p);
            try {
                dev = images.open(p, rw);
            } catch (IOException e) {
                s.damaged.put(p, p + ": cannot open: " + e.getMessage());
                continue;
            }
            s.opened.add(dev);
            Optional<PvLabel> label;
            try {
                label = PvLabel.read(dev);
            } catch (IOException e) {
                s.damaged.put(p, e.getMessage());
                continue;
            }
            if (label.isEmpty()) {
                s.notPvs.add(p);
                continue;
            }
            PvDevice pv = new PvDevice(p, dev, rw, label.get());
            PvDevice first = s.pvByUuid(pv.uuid());
            if (first != null) {
                // a copied image: LVM2 uses the device seen first and refuses to write the VG (see MetadataWriter)
                first.addDuplicate(p);
                s.warnings.add("WARNING: Not using device " + p + " for PV " + Uuid.withDashes(pv.uuid()) + ".");
                s.warnings.add("WARNING: PV " + Uuid.withDashes(pv.uuid()) + " prefers device " + first.name() + " because device was seen first.");
                continue;
            }
            s.pvs.add(pv);
            for (MetadataArea mda : pv.mdas()) copies.add(readCopy(pv, mda));
        }
        s.group(copies);
        return s;
    }

    private PvDevice pvByUuid(String uuid) {
        for (PvDevice d : pvs) if (d.uuid().equals(uuid)) return d;
        return null;
    }

    static MdaCopy readCopy(PvDevice pv, MetadataArea mda) {
        MdaHeader h;
        try {
            h = mda.readHeader();
        } catch (IOException e) {
            return new MdaCopy(pv, mda, null, null, null, e.getMessage());
        }
        if (h.committed().isEmpty()) return new MdaCopy(pv, mda, h, null, null, null);
        try {
            String text = mda.readText(h, h.committed());
            Vg vg = VgTextReader.read(text, pv.name());
            return new MdaCopy(pv, mda, h, text, vg, null);
        } catch (FormatException e) {
            return new MdaCopy(pv, mda, h, null, null, e.getMessage());
        } catch (IOException e) {
            return new MdaCopy(pv, mda, h, null, null, pv.name() + ": " + e.getMessage());
        }
    }

    private void group(List<MdaCopy> copies) {
        Map<String, List<MdaCopy>> byId = new LinkedHashMap<>();
        for (MdaCopy c : copies) {
            if (c.error() != null) for (String line : c.error().split("\n")) warnings.add("WARNING: " + line);
            if (c.vg() != null && !c.ignored()) byId.computeIfAbsent(c.vg().id(), k -> new ArrayList<>()).add(c);
        }
        for (List<MdaCopy> list : byId.values()) {
            Vg newest = null;
            for (MdaCopy c : list) if (newest == null || c.vg().seqno() > newest.seqno()) newest = c.vg();
            Map<String, PvDevice> devs = new LinkedHashMap<>();
            for (var pvm : newest.pvs())
                for (PvDevice d : pvs)
                    if (d.uuid().equals(pvm.id()) && !devs.containsKey(pvm.id())) devs.put(pvm.id(), d);
            List<MdaCopy> mine = new ArrayList<>();
            for (MdaCopy c : copies) if (devs.containsValue(c.pv())) mine.add(c);
            Map<String, PvDevice> back = new LinkedHashMap<>();
            List<String> reappearedWarnings = new ArrayList<>();
            newest = MissingFlags.reappeared(newest, devs, back, reappearedWarnings);
            VgCopies vc = new VgCopies(newest, devs, mine, back);
            if (vgs.containsKey(newest.name())) {
                warnings.add("WARNING: VG name " + newest.name() + " is used by VGs " + vgs.get(newest.name()).vg().id() + " and " + newest.id() + ".");
                continue;
            }
            vgs.put(newest.name(), vc);
            // PVs with an older copy of this VG that the newest no longer lists (removed while they were away)
            List<MdaCopy> old = new ArrayList<>();
            for (MdaCopy c : list)
                if (!devs.containsValue(c.pv()) && !back.containsValue(c.pv()) && c.vg().seqno() < newest.seqno()) old.add(c);
            List<MdaCopy> stale = new ArrayList<>(vc.staleCopies());
            stale.addAll(old);
            for (MdaCopy c : stale) {
                if (c.vg() != null)
                    warnings.add("WARNING: ignoring metadata seqno " + c.vg().seqno() + " on " + c.pv().name() + " for seqno " + newest.seqno() + " on " + firstNewest(list, newest) + " for VG " + newest.name() + ".");
            }
            if (!stale.isEmpty()) {
                warnings.add("WARNING: Inconsistent metadata found for VG " + newest.name() + ".");
                warnings.add("See vgck --updatemetadata to correct inconsistency.");
            }
            for (MdaCopy c : old) {
                if (!outdated.containsKey(c.pv())) {
                    warnings.add("WARNING: outdated PV " + c.pv().name() + " seqno " + c.vg().seqno() + " has been removed in current VG " + newest.name() + " seqno " + newest.seqno() + ".");
                    warnings.add("See vgck --updatemetadata to clear outdated metadata.");
                }
                outdated.put(c.pv(), newest.name());
            }
            warnings.addAll(reappearedWarnings);
        }
    }

    private static String firstNewest(List<MdaCopy> list, Vg newest) {
        for (MdaCopy c : list) if (c.vg().seqno() == newest.seqno()) return c.pv().name();
        return "?";
    }

    public List<Path> listed() { return listed; }

    public List<PvDevice> pvs() { return pvs; }

    public List<Path> notPvs() { return notPvs; }

    public List<Path> missingFiles() { return missingFiles; }

    public Map<Path, String> damaged() { return damaged; }

    public Map<String, VgCopies> vgs() { return vgs; }

    public List<String> warnings() { return warnings; }

    public Optional<VgCopies> vg(String name) { return Optional.ofNullable(vgs.get(name)); }

    /** The VG a PV belongs to, if any. */
    public Optional<VgCopies> vgOf(PvDevice pv) {
        for (VgCopies vc : vgs.values()) if (vc.devices().containsValue(pv) || vc.reappeared().containsValue(pv)) return Optional.of(vc);
        return Optional.empty();
    }

    public Optional<PvDevice> pv(Path path) {
        Path n = path.toAbsolutePath().normalize();
        for (PvDevice d : pvs) if (d.path().toAbsolutePath().normalize().equals(n)) return Optional.of(d);
        return Optional.empty();
    }

    /** Not an orphan: in a VG, or holding an older copy of a VG that no longer lists it (LVM2 hides such PVs). */
    public boolean isOrphan(PvDevice pv) { return vgOf(pv).isEmpty() && !outdated.containsKey(pv); }

    /** PVs removed from a VG while they were away, with that VG's name ("outdated PV" in LVM2). */
    public Map<PvDevice, String> outdated() { return outdated; }

    @Override
    public void close() {
        for (BlockDevice d : opened) {
            try { d.close(); } catch (IOException ignored) { }
        }
    }
}
