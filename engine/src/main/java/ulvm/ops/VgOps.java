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
import ulvm.format.FormatException;
import ulvm.format.Uuid;
import ulvm.format.VgTextReader;
import ulvm.format.VgTextWriter;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Vg;
import ulvm.store.MetadataArchive;
import ulvm.store.MetadataWriter;
import ulvm.store.PvDevice;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/** vgcreate, vgextend, vgreduce, vgremove, vgrename, vgck, vgcfgbackup, vgcfgrestore. */
public final class VgOps {
    public static final long DEFAULT_EXTENT_SECTORS = 8192;
    private final Session s;

    public VgOps(Session s) { this.s = s; }

    private PvOps.CreateSpec newPvs = new PvOps.CreateSpec(false, null, 0, 0);
    private long maxLv, maxPv;
    private ulvm.alloc.Policy alloc;
    private String systemId;

    /** vgcreate/vgextend's PV options (--metadatasize, --dataalignment, --pvmetadatacopies, -Z): how image files not yet PVs are made PVs. */
    public VgOps newPvs(PvOps.CreateSpec spec) {
        newPvs = spec;
        return this;
    }

    /** vgcreate -l, -p (0: no limit), --alloc (null: normal), --systemid (null: this host's). */
    public VgOps newVg(long maxLv, long maxPv, ulvm.alloc.Policy alloc, String systemId) {
        this.maxLv = maxLv;
        this.maxPv = maxPv;
        this.alloc = alloc;
        this.systemId = systemId;
        return this;
    }

    /** Validates an extent size in bytes as vgcreate -s does; returns sectors. */
    public static long extentSectors(long bytes) throws LvmException {
        if (bytes == 0) throw LvmException.invalid("Physical extent size may not be zero");
        if (bytes >= (2L << 40) - 512) throw LvmException.invalid("Physical extent size must be smaller than <2.00 TiB.");
        long sectors = bytes / 512;
        if (Long.bitCount(sectors) != 1 && sectors % 256 != 0)
            throw new LvmException("Physical Extent size must be a multiple of 128.00 KiB when not a power of 2.");
        return sectors;
    }

    /** vgcreate's default -s: allocation/physical_extent_size (KiB), checked as -s is (toollib.c vgcreate_params_set_defaults). */
    private long configuredExtentSectors() throws LvmException {
        Long kib = s.config().number("allocation/physical_extent_size");
        if (kib == null) return DEFAULT_EXTENT_SECTORS;
        if (kib < 0) throw LvmException.invalid("Physical extent size may not be negative.");
        return extentSectors(kib * 1024);
    }

    /** Paths that are not PVs yet become PVs (vgcreate and vgextend do that), after every check has passed. */
    private List<PvDevice> orphansFor(Scan scan, List<Path> paths, String vgName) throws LvmException {
        List<Path> seen = new ArrayList<>();
        List<Path> toCreate = new ArrayList<>();
        for (Path p0 : paths) {
            Path p = p0.toAbsolutePath().normalize();
            if (!Files.exists(p)) throw new LvmException("No device found for " + p0 + ".");
            if (seen.contains(p))
                throw new LvmException("Physical volume '" + p0 + "' is already in volume group '" + vgName + "'\nPV " + p0 + " cannot be added to VG " + vgName + ".");
            seen.add(p);
            if (scan.damaged().containsKey(p)) throw new LvmException(scan.damaged().get(p));
            var pv = scan.pv(p);
            if (pv.isPresent()) {
                var vg = scan.vgOf(pv.get());
                if (vg.isPresent()) {
                    String other = vg.get().vg().name();
                    throw new LvmException("Physical volume '" + p0 + "' is already in volume group '" + other + "'\nUnable to add physical volume '" + p0 + "' to volume group '" + other + "'\n" + p0 + ": physical volume not initialized.");
                }
            } else {
                toCreate.add(p);
            }
        }
        if (!toCreate.isEmpty()) new PvOps(s).pvcreate(toCreate, newPvs);
        return null;
    }

    private static Map<String, PvDevice> devicesOf(Scan scan, List<Path> paths) throws LvmException {
        Map<String, PvDevice> out = new LinkedHashMap<>();
        for (Path p : paths) {
            PvDevice d = scan.pv(p).orElseThrow(() -> new LvmException("Failed to find physical volume \"" + p + "\"."));
            out.put(d.uuid(), d);
        }
        return out;
    }

    static Pv newPv(PvDevice d, long extentSectors) throws IOException {
        long sectors = d.device().size() / 512;
        long peStart = d.label().peStartBytes() / 512;
        long mda2 = PvLayout.endMdaSize(d.label().metadataAreas(), d.label().peStartBytes()) / 512;
        long pes = Math.max(0, (sectors - peStart - mda2) / extentSectors);
        List<ulvm.model.Section.Entry> extras = new ArrayList<>();
        for (DiskArea b : d.label().bootloaderAreas()) { // LVM2 records the bootloader area in the VG metadata too
            extras.add(new ulvm.model.Section.Entry("ba_start", b.offset() / 512, null));
            extras.add(new ulvm.model.Section.Entry("ba_size", b.size() / 512, null));
            break;
        }
        return new Pv(d.uuid(), d.name(), List.of("ALLOCATABLE"), List.of(), sectors, peStart, pes, extras);
    }

    private List<Path> withListed(List<Path> paths) throws LvmException {
        List<Path> all = new ArrayList<>(s.devices());
        for (Path p : paths) {
            Path n = p.toAbsolutePath().normalize();
            if (!all.contains(n)) all.add(n);
        }
        return all;
    }

    public void vgcreate(String name, List<Path> paths, long extentBytes) throws LvmException { vgcreate(name, paths, extentBytes, 0); }

    /** {@code copies}: --vgmetadatacopies, 0 for unmanaged, {@link VgLimits#ALL_COPIES} for all. */
    public void vgcreate(String name, List<Path> paths, long extentBytes, long copies) throws LvmException {
        Names.checkVg(name);
        long ext = extentBytes > 0 ? extentSectors(extentBytes) : configuredExtentSectors();
        try (Scan scan = Scan.of(withListed(paths), true, s.wiring().images())) {
            if (scan.vg(name).isPresent()) throw new LvmException("A volume group called " + name + " already exists.");
            orphansFor(scan, paths, name);
        }
        try (Scan scan = Scan.of(withListed(paths), true, s.wiring().images())) {
            Map<String, PvDevice> devs = devicesOf(scan, paths);
            List<Pv> pvs = new ArrayList<>();
            for (PvDevice d : devs.values()) {
                Pv pv = newPv(d, ext);
                if (pv.peCount() == 0) throw new LvmException("Physical volume " + d.name() + " is too small for an extent of " + Sizes.human(ext * 512) + ".");
                pvs.add(pv);
            }
            if (devs.values().stream().allMatch(d -> d.label().metadataAreas().isEmpty())) // PVs made with --metadatacopies 0 only
                throw new LvmException("Aborting vg_write: No metadata areas to write to!");
            if (copies == VgLimits.ALL_COPIES) for (PvDevice d : devs.values()) d.ignoreMdas(false);
            if (maxPv > 0 && pvs.size() > maxPv)
                throw new LvmException("No space for '" + pvs.get((int) maxPv).device() + "' - volume group '" + name + "' holds max " + maxPv + " physical volume(s).");
            Vg vg = new Vg(name, Uuid.generate(), 0, List.of("RESIZEABLE", "READ", "WRITE"), List.of(), ext, maxLv, maxPv, Math.max(0, copies),
                    ulvm.model.Tags.with(List.of(), s.newTags()), pvs, List.of())
                    .withSetting("system_id", systemId != null ? systemId : s.systemId().id()); // as LVM2: a new VG belongs to this host
            if (alloc != null && alloc != ulvm.alloc.Policy.NORMAL) vg = vg.withSetting("allocation_policy", alloc.text());
            s.commit(null, vg, devs);
            s.say("Volume group \"" + name + "\" successfully created");
        } catch (IOException e) {
            throw new LvmException(e.getMessage());
        }
    }

    public void vgextend(String name, List<Path> paths) throws LvmException {
        // always allowed with PVs missing (vgextend.c): new PVs help a repair
        try (Scan scan = Scan.of(withListed(paths), true, s.wiring().images())) {
            s.warn(scan);
            VgCopies vc = s.vgHandlingMissing(scan, name);
            for (Path p : paths) {
                var pv = scan.pv(p);
                if (pv.isPresent() && vc.devices().containsValue(pv.get()))
                    throw new LvmException("Physical volume '" + p + "' is already in volume group '" + name + "'\nUnable to add physical volume '" + p + "' to volume group '" + name + "'\n" + p + ": physical volume not initialized.");
            }
            orphansFor(scan, paths, name);
        }
        try (Scan scan = Scan.of(withListed(paths), true, s.wiring().images())) {
            s.warn(scan);
            VgCopies vc = s.vgHandlingMissing(scan, name);
            Vg vg = vc.vg();
            Map<String, PvDevice> devs = new LinkedHashMap<>(vc.devices());
            Map<String, PvDevice> added = devicesOf(scan, paths);
            for (PvDevice d : added.values()) {
                vg = vg.withPv(newPv(d, vg.extentSize()));
                devs.put(d.uuid(), d);
            }
            s.commit(vc, vg, devs);
            s.say("Volume group \"" + name + "\" successfully extended");
        } catch (IOException e) {
            throw new LvmException(e.getMessage());
        }
    }

    public void vgreduce(String name, List<Path> paths, boolean all) throws LvmException {
        try (Scan scan = s.scan(true)) {
            VgCopies vc = s.writableVg(scan, name);
            Vg vg = vc.vg();
            Map<String, List<long[]>> used = ulvm.alloc.FreeSpace.usedRanges(vg);
            List<PvDevice> remove = new ArrayList<>();
            List<String> inUse = new ArrayList<>();
            if (all) {
                // LVM2 takes the PVs one by one in VG order: the last one left is refused
                int left = vg.pvs().size();
                for (Pv p : vg.pvs()) {
                    if (used.containsKey(p.id())) inUse.add("Physical volume \"" + vc.path(p.id()) + "\" still in use");
                    else if (left == 1) inUse.add("Can't remove final physical volume \"" + vc.path(p.id()) + "\" from volume group \"" + name + "\"");
                    else {
                        remove.add(vc.device(p.id()));
                        left--;
                    }
                }
            } else {
                for (Path p : paths) {
                    if (!Files.exists(p)) throw new LvmException("Cannot use " + p + ": device not found");
                    final VgCopies members = vc;
                    PvDevice d = scan.pv(p).filter(x -> members.devices().containsValue(x))
                            .orElseThrow(() -> new LvmException("Failed to find physical volume \"" + p + "\"."));
                    if (used.containsKey(d.uuid())) throw new LvmException("Physical volume \"" + p + "\" still in use");
                    remove.add(d);
                }
            }
            if (remove.size() >= vg.pvs().size()) {
                throw new LvmException("Can't remove final physical volume \"" + remove.get(remove.size() - 1).name() + "\" from volume group \"" + name + "\"");
            }
            for (PvDevice d : remove) {
                List<Pv> pvs = new ArrayList<>(vg.pvs());
                pvs.removeIf(x -> x.id().equals(d.uuid()));
                vg = vg.withPvs(pvs);
                Map<String, PvDevice> devs = new LinkedHashMap<>(vc.devices());
                devs.remove(d.uuid());
                Vg done = s.commit(vc, vg, devs);
                vc = new VgCopies(done, devs, List.of());
                MetadataWriter.orphan(d);
                s.say("Removed \"" + d.name() + "\" from volume group \"" + name + "\"");
            }
            for (String m : inUse) s.tell(m);
            if (!inUse.isEmpty()) throw new LvmException(LvmException.FAILED, null);
        } catch (IOException e) {
            throw new LvmException(e.getMessage());
        }
    }

    /**
     * The LVs vgremove -f tells of, in LVM2's order (remove_lvs_in_vg): the user-visible ones in metadata order, an
     * origin's snapshots (the COW LVs, not snapshotN) just before it.
     */
    static List<Lv> removalOrder(Vg vg) {
        List<Lv> out = new ArrayList<>();
        for (Lv l : vg.lvs()) {
            if (!SnapshotRoles.userVisible(vg, l) || SnapshotRoles.isCow(vg, l.name())) continue;
            for (Lv internal : SnapshotRoles.internalsOfOrigin(vg, l.name()))
                vg.lv(SnapshotRoles.seg(internal).cowStore()).ifPresent(out::add);
            out.add(l);
        }
        return out;
    }

    public void vgremove(List<String> names, boolean force, boolean yes) throws LvmException {
        try (Scan scan = s.scan(true)) {
            for (String name : names) {
                VgCopies vc = s.vgHandlingMissing(scan, name);
                List<Lv> visible = removalOrder(vc.vg());
                if (!visible.isEmpty() && !force && !yes) {
                    if (!s.console().ask("Do you really want to remove volume group \"" + name + "\" containing " + visible.size() + " logical volumes? "))
                        throw new LvmException("Volume group \"" + name + "\" not removed");
                }
                LvOps.checkNotInUse(s, vc.vg(), vc.vg().lvs());
                // as LVM2: removing the LVs is a change (archived, the VG without them backed up); an empty VG's backup goes
                if (!visible.isEmpty()) s.archive(vc);
                for (Lv l : visible) s.say("Logical volume \"" + l.name() + "\" successfully removed.");
                for (PvDevice d : vc.devices().values()) MetadataWriter.orphan(d);
                if (!visible.isEmpty()) s.backup(vc.vg().withLvs(List.of()));
                else MetadataArchive.removeBackup(s.sys(), name);
                s.notifyRemoved(vc);
                s.say("Volume group \"" + name + "\" successfully removed");
            }
        } catch (IOException e) {
            throw new LvmException(e.getMessage());
        }
    }

    public void vgrename(String oldName, String newName) throws LvmException {
        try (Scan scan = s.scan(true)) {
            VgCopies vc = null;
            String shown = oldName;
            for (VgCopies c : scan.vgs().values()) {
                if (Uuid.valid(oldName) && c.vg().id().equals(Uuid.strip(oldName))) {
                    s.say("Processing VG " + c.vg().name() + " because of matching UUID " + oldName);
                    vc = c;
                }
            }
            oldName = ulvm.api.DevPaths.strip(oldName);
            newName = ulvm.api.DevPaths.strip(newName);
            if (vc == null) vc = s.vg(scan, oldName);
            else oldName = vc.vg().name();
            if (!shown.contains("-") || !Uuid.valid(shown)) shown = oldName;
            if (oldName.equals(newName)) throw new LvmException("Old and new volume group names must differ");
            try {
                Names.checkVg(newName);
            } catch (LvmException e) {
                throw new LvmException(e.getMessage());
            }
            if (scan.vg(newName).isPresent()) throw new LvmException("New VG name \"" + newName + "\" already exists");
            vc = s.writableVg(scan, oldName);
            LvOps.checkNotInUse(s, vc.vg(), vc.vg().lvs());
            s.commit(vc, vc.vg().withName(newName));
            try {
                MetadataArchive.removeBackup(s.sys(), oldName);
            } catch (IOException e) {
                s.tell("Failed to remove backup of " + oldName + ": " + e.getMessage());
            }
            s.say("Volume group \"" + shown + "\" successfully renamed to \"" + newName + "\"");
        }
    }

    /**
     * vgck: the scan has already warned about stale or damaged copies (as LVM2, exit 0); with {@code update}, a VG
     * whose copies differ is rewritten on every PV from the newest valid copy.
     */
    public void vgck(List<String> names, boolean update) throws LvmException {
        try (Scan scan = s.scan(update)) {
            List<String> todo = names.isEmpty() ? s.vgNames(scan) : names;
            boolean failed = false;
            for (String n : todo) {
                VgCopies vc = s.vg(scan, n);
                boolean differ = !vc.staleCopies().isEmpty();
                for (var c : vc.copies()) if (c.header() == null) differ = true;
                if (!update && vc.partial()) { // vgck_single
                    s.tell("The volume group is missing " + vc.missingPvs().size() + " physical volumes.");
                    failed = true;
                    continue;
                }
                // with PVs missing LVM2 writes anyway: the present PVs get the VG with the missing ones flagged
                if (update && (differ || vc.partial())) s.commitRepairingHeaders(vc, vc.vg());
                if (update) wipeOutdated(scan, n);
            }
            if (failed) throw new LvmException(LvmException.FAILED, null);
        }
    }

    /** vgck --updatemetadata: PVs removed from the VG while they were away lose their old copy (they become orphans). */
    private void wipeOutdated(Scan scan, String vg) throws LvmException {
        for (var e : scan.outdated().entrySet()) {
            if (!e.getValue().equals(vg)) continue;
            PvDevice d = e.getKey();
            s.tell("WARNING: wiping mda on outdated PV " + d.name());
            s.tell("WARNING: wiping header on outdated PV " + d.name());
            try {
                MetadataWriter.orphan(d);
            } catch (IOException ex) {
                throw new LvmException("Failed to wipe outdated PV " + d.name() + ": " + ex.getMessage());
            }
        }
    }

    public void vgcfgbackup(List<String> names, String file) throws LvmException {
        try (Scan scan = s.scan(false)) {
            List<String> todo = names.isEmpty() ? s.vgNames(scan) : names;
            for (String n : todo) {
                VgCopies vc = s.vg(scan, n);
                Path out = file == null ? s.sys().backupDir().resolve(n) : s.resolve(file.replace("%s", n));
                String text = VgTextWriter.backup(MissingPvs.flagged(vc.vg(), vc.devices(), vc), "Created *after* executing '" + s.commandLine() + "'", MetadataWriter.hostname(),
                        System.currentTimeMillis() / 1000);
                try {
                    if (out.getParent() != null) Files.createDirectories(out.getParent());
                    Files.writeString(out, text);
                } catch (IOException e) {
                    throw new LvmException("Failed to write backup file " + out + ": " + e.getMessage());
                }
                s.say("Volume group \"" + n + "\" successfully backed up.");
            }
        }
    }

    /** vgcfgrestore --list VG (its archives, then its backup) or --list --file F, as LVM2 prints them. */
    public void vgcfgrestoreList(String name, String file) throws LvmException {
        List<String> lines;
        if (file != null) {
            Path f = s.resolve(file);
            if (!Files.exists(f)) throw new LvmException("Archive file " + file + " not found.");
            lines = MetadataArchive.describe(f);
        } else {
            try {
                lines = MetadataArchive.list(s.sys(), name);
            } catch (IOException e) {
                throw new LvmException("Couldn't scan the archive directory (" + s.sys().archiveDir() + ").");
            }
        }
        for (String l : lines) s.console().out(l);
    }

    public void vgcfgrestore(String name, String file) throws LvmException { vgcfgrestore(name, file, false); }

    /** {@code force}: --force, which a VG with thin LVs needs (LVM2's backup_restore_from_file). */
    public void vgcfgrestore(String name, String file, boolean force) throws LvmException {
        if (Names.reason(name) != null) throw LvmException.invalid("Volume group name \"" + name + "\" is invalid.");
        Path f = file == null ? s.sys().backupDir().resolve(name) : s.resolve(file);
        Vg restored;
        try {
            restored = VgTextReader.read(Files.readString(f), f.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new LvmException(f + ": stat failed: No such file or directory\nFailed to read VG " + name + " from " + f + "\nRestore failed.");
        } catch (FormatException e) {
            throw new LvmException(e.getMessage() + "\nFailed to read VG " + name + " from " + f + "\nRestore failed.");
        } catch (IOException e) {
            throw new LvmException(f + ": " + e.getMessage() + "\nRestore failed.");
        }
        if (!restored.name().equals(name)) throw new LvmException("'" + f + "' does not contain volume group '" + name + "'.\nRestore failed.");
        if (restored.lvs().stream().anyMatch(l -> ulvm.segtype.ThinPoolType.unmapped(l) || ulvm.segtype.ThinPoolType.owner(restored, l.name()) != null)) {
            if (!force) throw new LvmException("Consider using option --force to restore Volume Group " + name + " with thin volumes.\nRestore failed.");
            s.tell("WARNING: Forced restore of Volume Group " + name + " with thin volumes.");
        }
        try (Scan scan = s.scan(true)) {
            Map<String, PvDevice> devs = new LinkedHashMap<>();
            for (Pv p : restored.pvs()) {
                PvDevice d = null;
                for (PvDevice x : scan.pvs()) if (x.uuid().equals(p.id())) d = x;
                if (d == null) throw new LvmException("Couldn't find device with uuid " + Uuid.withDashes(p.id()) + ".\nCannot restore Volume Group " + name + " with 1 PVs marked as missing.\nRestore failed.");
                var other = scan.vgOf(d);
                if (other.isPresent() && !other.get().vg().id().equals(restored.id()))
                    throw new LvmException("PV " + d.name() + " belongs to volume group " + other.get().vg().name() + ".\nRestore failed.");
                devs.put(p.id(), d);
            }
            var current = scan.vg(name);
            if (current.isPresent() && !current.get().vg().id().equals(restored.id()) ) {
                // a different VG of the same name: only when none of its PVs are reused
            }
            LvOps.checkNotInUse(s, restored, restored.lvs());
            long prev = restored.seqno() - 1;
            if (current.isPresent()) prev = Math.max(prev, current.get().vg().seqno());
            for (PvDevice d : devs.values())
                for (var c : scan.vgs().values())
                    for (var copy : c.copies()) if (copy.pv() == d && copy.vg() != null) prev = Math.max(prev, copy.vg().seqno());
            VgCopies base = current.orElse(null);
            s.noArchive(); // LVM2's vgcfgrestore neither archives nor backs up
            s.commitWithSeqno(base, restored, devs, prev);
            s.say("Restored volume group " + name + ".");
        }
    }
}
