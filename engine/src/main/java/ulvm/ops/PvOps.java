package ulvm.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulvm.api.LvmException;
import ulvm.format.DiskArea;
import ulvm.format.MdaHeader;
import ulvm.format.MetadataArea;
import ulvm.format.PvLabel;
import ulvm.format.RawLocn;
import ulvm.format.Uuid;
import ulvm.io.BlockDevice;
import ulvm.model.Pv;
import ulvm.model.Vg;
import ulvm.store.PvDevice;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/** pvcreate, pvremove, pvchange, pvresize, pvck. */
public final class PvOps {
    public static final long DEFAULT_MDA_OFFSET = 4096;
    public static final long DEFAULT_PE_START = 1 << 20;
    /** Smallest PV LVM2 accepts: 2 MiB. */
    public static final long MIN_PV_BYTES = 2L << 20;

    private final Session s;

    public PvOps(Session s) { this.s = s; }

    /** Options of pvcreate. {@code uuid} null for a new one; sizes in bytes, 0 for defaults. */
    /** {@code peStartBytes}: a PV rebuilt from a backup file keeps its old data start (0: computed). */
    /** {@code copies}: metadata areas (--metadatacopies 0|1|2); {@code bootloaderSize}: bytes (0: none); {@code ignore}: --metadataignore y. */
    public record CreateSpec(boolean force, String uuid, long metadataSize, long dataAlignment, long peStartBytes, int copies, long bootloaderSize,
                             boolean ignore) {
        public CreateSpec(boolean force, String uuid, long metadataSize, long dataAlignment) { this(force, uuid, metadataSize, dataAlignment, 0, 1, 0, false); }

        public CreateSpec withPeStart(long bytes) { return new CreateSpec(force, uuid, metadataSize, dataAlignment, bytes, copies, bootloaderSize, ignore); }
    }

    /**
     * pvcreate --uuid U --restorefile F: the data start of PV U as the VG backup F records it (LVM2's
     * _pvcreate_restore_params_from_backup), so that vgcfgrestore can put the VG back on a replacement device.
     */
    public CreateSpec restoring(CreateSpec spec, String restoreFile) throws LvmException {
        Path f = s.resolve(restoreFile);
        ulvm.model.Vg vg;
        try {
            vg = ulvm.format.VgTextReader.read(Files.readString(f), f.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw LvmException.invalid(restoreFile + ": stat failed: No such file or directory\nWARNING: couldn't read volume group metadata from file.\n"
                    + "Failed to read VG (null) from " + restoreFile + "\nUnable to read volume group from " + restoreFile);
        } catch (IOException e) {
            throw LvmException.invalid(e.getMessage() + "\nUnable to read volume group from " + restoreFile);
        }
        try (Scan scan = Scan.of(s.devices(), false, s.wiring().images())) {
            for (ulvm.model.Pv p : vg.pvs())
                if (scan.pvs().stream().noneMatch(d -> d.uuid().equals(p.id()))) s.tell("WARNING: Couldn't find device with uuid " + Uuid.withDashes(p.id()) + ".");
        }
        ulvm.model.Pv pv = vg.pv(Uuid.strip(spec.uuid()))
                .orElseThrow(() -> LvmException.invalid("Can't find uuid " + spec.uuid() + " in backup file " + restoreFile));
        return spec.withPeStart(pv.peStart() * 512);
    }

    public void pvcreate(List<Path> paths, CreateSpec spec) throws LvmException {
        // validate every device before writing any
        List<Path> abs = new ArrayList<>();
        for (Path p : paths) abs.add(p.toAbsolutePath().normalize());
        List<Path> scanPaths = new ArrayList<>(s.devices());
        for (Path p : abs) if (!scanPaths.contains(p)) scanPaths.add(p);
        try (Scan scan = Scan.of(scanPaths, true, s.wiring().images())) {
            for (Path p : abs) {
                if (!Files.exists(p)) throw new LvmException("No device found for " + p + ".");
                if (!Files.isRegularFile(p)) throw new LvmException("Cannot use " + p + ": not a regular image file.");
                if (!Files.isWritable(p)) throw new LvmException("Cannot use " + p + ": not writable.");
                long size = Files.size(p);
                if (size < MIN_PV_BYTES) throw new LvmException("Cannot use " + p + ": device is too small (pv_min_size).");
                var pv = scan.pv(p);
                if (pv.isPresent()) {
                    var vg = scan.vgOf(pv.get());
                    if (vg.isPresent())
                        throw new LvmException("Can't initialize physical volume \"" + p + "\" of volume group \"" + vg.get().vg().name() + "\" without -ff");
                }
                if (spec.uuid() != null) {
                    if (!Uuid.valid(spec.uuid())) throw new LvmException("Invalid UUID " + spec.uuid() + ".");
                    for (PvDevice d : scan.pvs())
                        if (d.uuid().equals(Uuid.strip(spec.uuid())) && !d.path().equals(p))
                            throw new LvmException("uuid " + spec.uuid() + " already in use on \"" + d.name() + "\".");
                }
            }
        } catch (IOException e) {
            throw new LvmException(e.getMessage());
        }
        for (Path p : abs) {
            String uuid = spec.uuid() != null ? Uuid.strip(spec.uuid()) : Uuid.generate();
            try (BlockDevice dev = s.wiring().images().open(p, true)) {
                long size = dev.size();
                // LVM2 takes --metadatasize as the largest area with a restored data start (pvcreate.c)
                long mdaSize = spec.metadataSize() == 0 && spec.peStartBytes() > 0 ? spec.peStartBytes() : spec.metadataSize();
                PvLayout layout = PvLayout.of(p.toString(), size, mdaSize, spec.dataAlignment(), spec.bootloaderSize(), spec.peStartBytes(), spec.copies());
                long peStart = layout.peStart();
                if (peStart > size) throw new LvmException("Cannot use " + p + ": device is too small for its metadata area.");
                List<DiskArea> boot = layout.bootloader() == null ? List.of() : List.of(layout.bootloader());
                PvLabel label = new PvLabel(1, uuid, size, List.of(new DiskArea(peStart, 0)), layout.mdas(), 2, 0, boot);
                dev.write(0, new byte[4 * PvLabel.SECTOR]); // wipe sectors 0-3 (pvcreate -Z y)
                for (DiskArea a : layout.mdas()) dev.write(a.offset(), new byte[(int) Math.min(a.size(), 8 * PvLabel.SECTOR)]); // LVM2 wipes 8 sectors of each
                label.write(dev);
                for (DiskArea a : layout.mdas()) {
                    MdaHeader h = MdaHeader.fresh(a.offset(), a.size());
                    new MetadataArea(dev, a).writeHeader(spec.ignore() ? h.withCommitted(new ulvm.format.RawLocn(0, 0, 0, ulvm.format.RawLocn.IGNORED)) : h);
                }
                dev.flush();
            } catch (IOException e) {
                throw new LvmException("Failed to write physical volume \"" + p + "\": " + e.getMessage());
            }
            s.updateDevicesFile(p, uuid, false);
            s.say("Physical volume \"" + p + "\" successfully created.");
        }
    }

    /**
     * pvremove as LVM2's pvcreate_each_device with is_remove: each device on its own, a refused one does not keep the
     * others from being wiped (exit 5 when any was refused). {@code force}: how many -f. Not a PV: refused without -f,
     * nothing to wipe with it. A PV in a VG: refused below -ff; with -ff asked (LVM2's prompt, "no" at EOF) unless -y.
     */
    public void pvremove(List<Path> paths, int force, boolean yes) throws LvmException {
        List<Path> abs = new ArrayList<>();
        for (Path p : paths) abs.add(s.resolve(p.toString()));
        List<Path> scanPaths = new ArrayList<>(s.devices());
        for (Path p : abs) if (!scanPaths.contains(p)) scanPaths.add(p);
        boolean failed = false;
        try (Scan scan = Scan.of(scanPaths, true, s.wiring().images())) {
            List<Path> found = new ArrayList<>();
            for (Path p : abs) {
                if (Files.exists(p)) found.add(p);
                else {
                    s.tell("No device found for " + p + ".");
                    failed = true;
                }
            }
            // LVM2 2.03.16 reports the arguments that are not PVs before it checks the PVs
            for (Path p : found) {
                if (scan.pv(p).isEmpty() && force == 0) {
                    s.tell("No PV found on device " + p + ".");
                    failed = true;
                }
            }
            List<Path> todo = new ArrayList<>();
            Map<Path, String> ask = new LinkedHashMap<>(); // PVs in a VG, -ff without -y: their VG
            for (Path p : found) {
                var pv = scan.pv(p);
                var vg = pv.flatMap(scan::vgOf);
                if (pv.isEmpty() && force == 0) {
                    continue;
                } else if (vg.isEmpty()) {
                    todo.add(p);
                } else if (force < 2) {
                    s.tell("PV " + p + " is used by VG " + vg.get().vg().name() + " so please use vgreduce first.");
                    s.tell("(If you are certain you need pvremove, then confirm by using --force twice.)");
                    s.tell(p + ": physical volume label not removed.");
                    failed = true;
                } else if (yes) {
                    s.tell("WARNING: PV " + p + " is used by VG " + vg.get().vg().name() + ".");
                    s.tell("WARNING: Wiping physical volume label from " + p + " of volume group \"" + vg.get().vg().name() + "\".");
                    todo.add(p);
                } else ask.put(p, vg.get().vg().name());
            }
            for (var e : ask.entrySet()) {
                Path p = e.getKey();
                s.tell("WARNING: PV " + p + " is used by VG " + e.getValue() + ".");
                if (s.console().ask("Really WIPE LABELS from physical volume \"" + p + "\" of volume group \"" + e.getValue() + "\" [y/n]? ")) {
                    s.tell("WARNING: Wiping physical volume label from " + p + " of volume group \"" + e.getValue() + "\".");
                    todo.add(p);
                } else {
                    s.tell(p + ": physical volume label not removed.");
                    failed = true;
                }
            }
            for (Path p : todo) {
                var pv = scan.pv(p);
                if (pv.isPresent()) { // a file that is not a PV has no label to wipe (LVM2's label_remove finds none)
                    PvDevice d = pv.get();
                    d.device().write(0, new byte[4 * PvLabel.SECTOR]);
                    for (MetadataArea m : d.mdas()) m.device().write(m.area().offset(), new byte[MdaHeader.SIZE]);
                    d.device().flush();
                }
                s.updateDevicesFile(p, null, true);
                s.say("Labels on physical volume \"" + p + "\" successfully wiped.");
            }
        } catch (IOException e) {
            throw new LvmException(e.getMessage());
        }
        if (failed) throw new LvmException(LvmException.FAILED, null);
    }

    /**
     * What pvchange changes (null or false: leave it): -x, --addtag/--deltag, --metadataignore y|n, -u (a new UUID).
     * {@code force}: -f, no question before overriding the VG's preferred number of metadata copies.
     */
    public record Change(Boolean allocatable, List<String> addTags, List<String> delTags, Boolean ignoreMdas, boolean uuid, boolean force) {
        public Change(Boolean allocatable, List<String> addTags, List<String> delTags) { this(allocatable, addTags, delTags, null, false, false); }

        boolean tags() { return !addTags.isEmpty() || !delTags.isEmpty(); }
    }

    /** pvchange -x y|n (allocatable) on the given PVs, or on all with {@code all}. */
    public void pvchange(List<Path> paths, boolean all, Boolean allocatable, List<String> addTags, List<String> delTags) throws LvmException {
        pvchange(paths, all, new Change(allocatable, addTags, delTags));
    }

    /** pvchange as LVM2 2.03.16's _pvchange_single: each PV in turn; a refused one is not changed, the others are. */
    public void pvchange(List<Path> paths, boolean all, Change c) throws LvmException {
        List<Path> targets = new ArrayList<>();
        try (Scan scan = s.scan(true)) {
            if (all) for (PvDevice d : scan.pvs()) targets.add(d.path());
            for (Path p : paths) {
                var pv = scan.pv(p);
                if (pv.isEmpty()) throw new LvmException("Failed to find physical volume \"" + p + "\".");
                targets.add(pv.get().path());
            }
        }
        int changed = 0, unchanged = 0;
        boolean failed = false;
        for (Path p : targets) {
            // each PV on a fresh scan: an earlier one may have changed its VG (LVM2 changes a VG's PVs on one handle)
            try (Scan scan = s.scan(true)) {
                PvDevice d = scan.pv(p).orElseThrow(() -> new LvmException("Failed to find physical volume \"" + p + "\"."));
                try {
                    if (pvchangeOne(scan, d, c)) {
                        changed++;
                        s.say("Physical volume \"" + d.name() + "\" changed");
                    } else {
                        unchanged++;
                        s.say("Physical volume " + d.name() + " not changed");
                    }
                } catch (LvmException e) {
                    if (e.getMessage() != null) s.tell(e.getMessage());
                    s.tell("Physical volume " + d.name() + " not changed");
                    unchanged++;
                    failed = true;
                }
            } catch (IOException e) {
                throw new LvmException(e.getMessage());
            }
        }
        s.say(changed + " physical volume" + (changed == 1 ? "" : "s") + " changed / " + unchanged + " physical volume" + (unchanged == 1 ? "" : "s") + " not changed");
        if (failed) throw new LvmException(LvmException.FAILED, null);
    }

    /** One PV: true when changed, false when there was nothing to change; a refusal is thrown. */
    private boolean pvchangeOne(Scan scan, PvDevice d, Change c) throws LvmException, IOException {
        var vcOpt = scan.vgOf(d);
        if (vcOpt.isEmpty()) {
            if (c.tags()) throw new LvmException("Can't change tag on Physical Volume " + d.name() + " not in volume group");
            if (c.allocatable() != null) throw new LvmException("Allocatability not supported by orphan lvm2 format PV " + d.name());
            if (c.ignoreMdas() != null) {
                checkIgnore(d, c.ignoreMdas(), null);
                for (MetadataArea m : d.mdas()) {
                    MdaHeader h = m.readHeader();
                    RawLocn l = h.committed();
                    m.writeHeader(h.withCommitted(new RawLocn(l.offset(), l.size(), l.checksum(), c.ignoreMdas() ? l.flags() | RawLocn.IGNORED : l.flags() & ~RawLocn.IGNORED)));
                }
                d.device().flush();
            }
            if (c.uuid()) {
                VgImportClone.relabel(d, Uuid.generate());
                s.updateDevicesFile(d.path(), d.uuid(), false);
            }
            return true;
        }
        VgCopies vc = s.writableVg(scan, vcOpt.get().vg().name());
        Vg vg = vc.vg();
        if (c.uuid()) for (ulvm.model.Lv lv : vg.lvs())
            if (s.hooks().isActive(vg.name(), lv.name())) throw new LvmException("Volume group containing " + d.name() + " has active logical volumes");
        Pv pv = vg.pv(d.uuid()).orElseThrow();
        Pv next = pv;
        boolean done = false;
        if (c.allocatable() != null) {
            if (pv.allocatable() == c.allocatable()) s.tell("Physical volume \"" + d.name() + "\" is already " + (c.allocatable() ? "allocatable." : "unallocatable."));
            else {
                next = next.withAllocatable(c.allocatable());
                done = true;
            }
        }
        if (c.tags()) {
            List<ulvm.model.Section.Entry> extras = ulvm.model.Tags.with(next.extras(), ulvm.model.Tags.change(ulvm.model.Tags.of(next.extras()), c.addTags(), c.delTags()));
            next = new Pv(next.id(), next.device(), next.status(), next.flags(), next.devSize(), next.peStart(), next.peCount(), extras);
            done = true;
        }
        Vg nextVg = vg.withPv(next);
        if (c.ignoreMdas() != null) {
            if (vg.metadataCopies() != 0 && !c.force()
                    && !s.console().ask("Override preferred number of copies of VG " + vg.name() + " metadata? [y/n]: "))
                throw new LvmException(LvmException.FAILED, null);
            checkIgnore(d, c.ignoreMdas(), vc);
            d.ignoreMdas(c.ignoreMdas());
            if (vg.metadataCopies() != 0) {
                int used = usedMdas(vc, d, c.ignoreMdas());
                s.tell("WARNING: Changing preferred number of copies of VG " + vg.name() + " metadata from " + vg.metadataCopies() + " to " + used);
                nextVg = new Vg(nextVg.name(), nextVg.id(), nextVg.seqno(), nextVg.status(), nextVg.flags(), nextVg.extentSize(), nextVg.maxLv(),
                        nextVg.maxPv(), used, nextVg.extras(), nextVg.pvs(), nextVg.lvs());
            }
            done = true;
        }
        Map<String, PvDevice> devices = vc.devices();
        if (c.uuid()) {
            String id = Uuid.generate();
            nextVg = VgImportClone.withPvId(nextVg, d.uuid(), id);
            devices = new LinkedHashMap<>();
            for (var e : vc.devices().entrySet()) devices.put(e.getKey().equals(d.uuid()) ? id : e.getKey(), e.getValue());
            VgImportClone.relabel(d, id); // the label first, as LVM2's pv_write before vg_write
            done = true;
        }
        if (!done) return false;
        s.commit(vc, nextVg, devices);
        if (c.uuid()) s.updateDevicesFile(d.path(), d.uuid(), false);
        return true;
    }

    /** LVM2's pv_change_metadataignore and pv_mda_set_ignored refusals; {@code vc} null for an orphan. */
    private static void checkIgnore(PvDevice d, boolean ignore, VgCopies vc) throws LvmException, IOException {
        int count = d.mdas().size(), used = 0;
        for (MetadataArea m : d.mdas()) if (!m.readHeader().committed().ignored()) used++;
        if (ignore && used == 0) throw new LvmException("Metadata areas on physical volume \"" + d.name() + "\" already ignored.");
        if (!ignore && used == count) throw new LvmException("Metadata areas on physical volume \"" + d.name() + "\" already marked as in-use.");
        if (count == 0) throw new LvmException("Physical volume \"" + d.name() + "\" has no metadata areas.");
        if (ignore && vc != null && used == usedMdas(vc, null, false))
            throw new LvmException("Cannot disable all metadata areas in volume group " + vc.vg().name() + ".");
    }

    /** Metadata areas in use in the VG, with those of {@code changed} (when given) set as {@code ignore} says. */
    private static int usedMdas(VgCopies vc, PvDevice changed, boolean ignore) throws IOException {
        int n = 0;
        for (PvDevice d : vc.devices().values())
            for (MetadataArea m : d.mdas()) {
                if (d == changed) n += ignore ? 0 : 1;
                else if (!m.readHeader().committed().ignored()) n++;
            }
        return n;
    }

    /** pvresize: takes the image file's current size, or {@code setSize} bytes. */
    public void pvresize(List<Path> paths, long setSize, boolean yes) throws LvmException {
        try (Scan scan = s.scan(true)) {
            int done = 0, failed = 0;
            LvmException error = null;
            for (Path p : paths) {
                try {
                    resizeOne(scan, p, setSize, yes);
                    done++;
                } catch (LvmException e) {
                    failed++;
                    error = e;
                }
            }
            s.say(done + " physical volume(s) resized or updated / " + failed + " physical volume(s) not resized");
            if (error != null) throw error;
        } catch (IOException e) {
            throw new LvmException(e.getMessage());
        }
    }

    private void resizeOne(Scan scan, Path p, long setSize, boolean yes) throws LvmException, IOException {
        PvDevice d = scan.pv(p).orElseThrow(() -> new LvmException("Failed to find physical volume \"" + p + "\"."));
        long real = d.device().size();
        long size = real;
        if (setSize > 0) {
            if (setSize < real && !yes && !s.console().ask(p + ": Requested size " + Sizes.human(setSize) + " is less than real size " + Sizes.human(real) + ". Proceed?  "))
                throw new LvmException("Physical Volume " + p + " not resized.");
            if (setSize > real) s.tell("WARNING: " + p + ": Overriding real size " + Sizes.human(real) + ". You could lose data.");
            s.tell("WARNING: " + p + ": Pretending size is " + setSize / 512 + " not " + real / 512 + " sectors.");
            size = setSize;
        }
        var vcOpt = scan.vgOf(d);
        if (vcOpt.isEmpty()) {
            PvLabel l = movedEndArea(d, size);
            l.write(d.device());
            d.device().flush();
            d.setLabel(l);
            s.say("Physical volume \"" + p + "\" changed");
            return;
        }
        VgCopies vc = s.writableVg(scan, vcOpt.get().vg().name());
        Vg vg = vc.vg();
        Pv pv = vg.pv(d.uuid()).orElseThrow();
        long sectors = size / 512;
        long mda2 = PvLayout.endMdaSize(d.label().metadataAreas(), pv.peStart() * 512);
        long pes = Math.max(0, (sectors - pv.peStart() - mda2 / 512) / vg.extentSize());
        long used = 0;
        for (var e : ulvm.alloc.FreeSpace.usedRanges(vg).getOrDefault(pv.id(), List.of())) used = Math.max(used, e[1]);
        if (pes < used) throw new LvmException(p + ": cannot resize to " + pes + " extents as " + used + " are allocated.");
        PvLabel l = movedEndArea(d, size);
        s.commit(vc, vg.withPv(pv.withSize(sectors, pes)));
        l.write(d.device());
        d.device().flush();
        d.setLabel(l);
        s.say("Physical volume \"" + p + "\" changed");
    }

    /**
     * The PV's label for a device of {@code size} bytes: the metadata area at the end moves to the new end, keeping its
     * size, unaligned (LVM2's _text_pv_resize), with a fresh header (its ignore flag kept) written there now. When the
     * area moves, the new label is written and taken at once, so that a commit writes the VG into the moved area.
     */
    private static PvLabel movedEndArea(PvDevice d, long size) throws IOException {
        long peStart = d.label().peStartBytes();
        PvLabel l = d.label().withDeviceSize(size);
        List<DiskArea> mdas = new ArrayList<>(l.metadataAreas());
        for (int i = 0; i < mdas.size(); i++) {
            DiskArea a = mdas.get(i);
            if (a.offset() <= peStart) continue;
            // the area at the end moves to the new end, as LVM2's _text_pv_resize (kept size, no alignment)
            long areaSize = Math.min(a.size(), size - peStart);
            DiskArea moved = new DiskArea(size - areaSize, areaSize);
            if (moved.equals(a)) continue;
            int flags = 0;
            try {
                flags = new MetadataArea(d.device(), a).readHeader().committed().flags() & RawLocn.IGNORED;
            } catch (IOException e) { // an unreadable old header: the new area starts in use
            }
            d.device().write(moved.offset(), new byte[(int) Math.min(moved.size(), 8 * PvLabel.SECTOR)]);
            MdaHeader h = MdaHeader.fresh(moved.offset(), moved.size());
            new MetadataArea(d.device(), moved).writeHeader(flags == 0 ? h : h.withCommitted(new RawLocn(0, 0, 0, flags)));
            mdas.set(i, moved);
        }
        l = new PvLabel(l.sector(), l.uuid(), l.deviceSize(), l.dataAreas(), mdas, l.extVersion(), l.extFlags(), l.bootloaderAreas());
        if (!mdas.equals(d.label().metadataAreas())) { // the label first: the commit writes the VG into the moved area
            l.write(d.device());
            d.device().flush();
            d.setLabel(l);
        }
        return l;
    }

    /** pvck: checks label, headers and metadata of each device; with {@code dumpHeaders}, prints every field. */
    public void pvck(List<Path> paths, boolean dumpHeaders) throws LvmException {
        boolean bad = false;
        for (Path p : paths) {
            if (!Files.exists(p)) throw new LvmException("Cannot access device " + p + ".");
            try (BlockDevice dev = s.wiring().images().open(p, false)) {
                PvCheck.check(dev, dumpHeaders, s);
            } catch (LvmException e) {
                if (e.getMessage() != null) s.tell(e.getMessage()); // none when the CHECK lines said it all
                bad = true;
            } catch (IOException e) {
                s.tell(p + ": " + e.getMessage());
                bad = true;
            }
        }
        if (bad) throw new LvmException(LvmException.FAILED, null);
    }
}
