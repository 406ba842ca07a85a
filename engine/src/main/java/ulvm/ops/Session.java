package ulvm.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ulvm.api.Console;
import ulvm.api.LvmException;
import ulvm.model.Vg;
import ulvm.store.DevicesFile;
import ulvm.store.LocalSystemId;
import ulvm.store.MetadataArchive;
import ulvm.store.PvDevice;
import ulvm.store.Scan;
import ulvm.store.SystemDir;
import ulvm.store.VgCopies;

/** One command's context: the system dir, which devices to consider, where messages go. */
public final class Session {
    /** Told a move's progress in extents. */
    public interface MoveWatcher { void moved(long moved, long total); }

    /** What a running daemon adds: live tables swapped after commits, and which LVs are open. */
    public interface LiveHooks {
        /** After the new metadata is precommitted, before it commits: suspend what will change. */
        default void suspend(Vg next, VgCopies before) throws IOException { }

        /** After every metadata commit (the daemon swaps live mapping tables and resumes here). */
        default void committed(Vg vg, VgCopies before) throws IOException { }

        /** The commit failed after {@link #suspend}: resume with the old tables. */
        default void aborted(Vg next, VgCopies before) { }

        /** After a VG was removed. */
        default void removed(VgCopies vg) throws IOException { }

        /** True when the LV's file is open (a loop device, a process). */
        default boolean isOpen(String vg, String lv) { return false; }

        /** The block device of an active LV (`ulvm mount --dev-links`: its loop device, sized as the LV), or null. */
        default String blockDevice(String vg, String lv) { return null; }

        /** True when the LV is active (shown as a file by the mount). */
        default boolean isActive(String vg, String lv) { return false; }

        /** Activates or deactivates LVs of a VG ({@code lvs} null: all); false when there is no mount to do it. */
        default boolean activate(Vg vg, java.util.Set<String> lvs, boolean on) throws IOException { return false; }

        /** As {@link #activate(Vg, java.util.Set, boolean)}; {@code partial}: --activationmode partial (missing extents fail I/O). */
        default boolean activate(Vg vg, java.util.Set<String> lvs, boolean on, boolean partial) throws IOException { return activate(vg, lvs, on); }

        /**
         * Whether a thin pool LV is active itself (lvchange -ay VG/POOL, vgchange -ay), not only running for its thin
         * LVs: LVM2's pool device besides its -tpool layer.
         */
        default boolean isPoolActivated(String vg, String pool) { return isActive(vg, pool); }

        /** How many LVs of the VG are active. */
        default int activeCount(String vg) { return 0; }

        /** The running state of an active raid LV; null when it is not active (or not raid). */
        default ulvm.raid.RaidStatus raidStatus(String vg, String lv) { return null; }

        /** The running state of an active snapshot, named by its COW LV; null when it is not active. */
        default ulvm.snapshot.SnapshotStatus snapshotStatus(String vg, String cowLv) { return null; }

        /** lvchange --syncaction check|repair on an active raid LV; false when it is not active. */
        default boolean syncAction(String vg, String lv, String action) throws IOException { return false; }

        /** lvchange/vgchange --refresh of an LV: an active raid LV's failed legs come back if their devices work again. */
        default void refresh(String vg, String lv) throws IOException { }

        /** What an active thin pool or thin LV uses; null when inactive. */
        default ulvm.thin.ThinUsage thinUsage(String vg, String lv) { return null; }

        /** Where thin pool messages go: the running pools of a mount; offline, nowhere (they stay queued). */
        default ulvm.thin.PoolMessages poolMessages() { return ulvm.thin.PoolMessages.QUEUED; }

        /** The copier's lock of a running move (shared with the live tables); none without a daemon. */
        default ulvm.move.MoveCopier.ChunkLock chunkLock(String vg, String pvmoveLvId) { return ulvm.move.MoveCopier.NO_LOCK; }

        /** True when the daemon copies {@code pvmove -b} moves itself (in a thread) once the command returns. */
        default boolean movesInBackground() { return false; }

        /**
         * A foreground {@code pvmove} while mounted: hands the copy of {@code pvmoveLv} to the daemon's mover and waits
         * until the move is over (finished, or aborted by another command), telling {@code progress} (moved, total
         * extents) every {@code intervalSecs} (at once too when {@code atOnce}, and at the end when it finished); other commands run meanwhile, as with LVM2's polling. False when there
         * is no daemon to hand it to (the command copies itself). Throws with the mover's error when it fails.
         */
        default boolean awaitMove(String vg, String pvmoveLv, long intervalSecs, boolean atOnce, MoveWatcher progress) throws IOException { return false; }

        /**
         * A background move's commit runs while holding this (the daemon's command lock), and re-reads the VG first:
         * other commands may have changed it meanwhile. Throws when the move was asked to stop.
         */
        default AutoCloseable exclusive() throws IOException { return () -> { }; }

        /** True for a move that runs beside other commands (see {@link #exclusive}). */
        default boolean concurrent() { return false; }

        /** A background move was asked to stop (pvmove --abort, another pvmove, umount). */
        default boolean stopRequested() { return false; }
    }

    private SystemDir sys;
    private final List<Path> devicesOverride;
    private final Console console;
    private final String commandLine;
    private LiveHooks hooks = new LiveHooks() { };

    private final Path cwd;
    private final Wiring wiring;

    public Session(SystemDir sys, List<Path> devicesOverride, Console console, String commandLine) {
        this(sys, devicesOverride, console, commandLine, Path.of("").toAbsolutePath());
    }

    /** {@code cwd}: where relative paths in the command's arguments start (the caller's, when forwarded). */
    public Session(SystemDir sys, List<Path> devicesOverride, Console console, String commandLine, Path cwd) {
        this(sys, devicesOverride, console, commandLine, cwd, Wiring.PLAIN);
    }

    /** As above, the engine running over {@code wiring}. */
    public Session(SystemDir sys, List<Path> devicesOverride, Console console, String commandLine, Path cwd, Wiring wiring) {
        this.wiring = wiring;
        this.cwd = cwd;
        this.sys = sys;
        this.devicesOverride = devicesOverride == null ? null : List.copyOf(devicesOverride);
        this.console = console;
        this.commandLine = commandLine;
    }

    public SystemDir sys() { return sys; }

    private List<String> newTags = List.of();

    /** lvcreate/vgcreate --addtag: the tags the LV or VG this command creates starts with (LVM2's order). */
    public Session newTags(List<String> tags) {
        newTags = List.copyOf(tags);
        return this;
    }

    public List<String> newTags() { return newTags; }

    private java.util.function.UnaryOperator<ulvm.model.Lv> newLv = java.util.function.UnaryOperator.identity();

    /** lvcreate -k, -r, -M/--minor: what the LV this command creates gets besides its layout (LvProperties.forNew). */
    public Session newLv(java.util.function.UnaryOperator<ulvm.model.Lv> shape) {
        newLv = shape;
        return this;
    }

    private boolean noAutoactivation;

    /**
     * --setautoactivation n of lvcreate and vgcreate: the LVs this command creates (visible ones) and the VG vgcreate
     * makes get LVM2's NOAUTOACTIVATE flag (lv_manip.c, vgcreate.c).
     */
    public Session noAutoactivation() {
        noAutoactivation = true;
        return this;
    }

    /** The LV this command creates, with the properties lvcreate was given. */
    public ulvm.model.Lv shapeNewLv(ulvm.model.Lv lv) { return newLv.apply(lv); }

    /** What the engine runs over: where images open, who hears commit phases and pvmove steps. */
    public Wiring wiring() { return wiring; }

    /** A path argument as the caller meant it. */
    public Path resolve(String path) { return cwd.resolve(path).normalize(); }

    /** A message on stdout, indented as LVM2 prints it. */
    public void say(String msg) { console.out("  " + msg); }

    /** A message on stderr, indented as LVM2 prints it. */
    public void tell(String msg) { console.err("  " + msg); }

    public Console console() { return console; }

    public String commandLine() { return commandLine; }

    public boolean devicesOverridden() { return devicesOverride != null; }

    public void setHooks(LiveHooks h) { if (!testing) this.hooks = h; }

    public LiveHooks hooks() { return hooks; }

    private ulvm.thin.PoolMessages poolMessages;

    /**
     * Where thin pool messages go (ThinMessages): the running mount's pools, through the hooks; offline nowhere, so
     * they stay queued in the VG metadata for the pool's next activation.
     */
    public ulvm.thin.PoolMessages poolMessages() { return poolMessages != null ? poolMessages : hooks.poolMessages(); }

    public void setPoolMessages(ulvm.thin.PoolMessages m) { poolMessages = m; }

    public void notifyRemoved(VgCopies vc) throws LvmException {
        try {
            hooks.removed(vc);
        } catch (IOException e) {
            throw new LvmException(e.getMessage());
        }
    }

    /** The image files this command considers: {@code --devices}, else the devices file. */
    public List<Path> devices() throws LvmException {
        for (String w : ulvm.config.DeviceFilters.check(config, devicesOverride != null)) if (warned.add(w)) tell(w);
        if (devicesOverride != null) {
            List<Path> out = new ArrayList<>();
            for (Path p : devicesOverride) out.add(p.toAbsolutePath().normalize());
            return out;
        }
        try {
            return DevicesFile.read(sys.devicesFile()).paths();
        } catch (IOException e) {
            throw new LvmException("Cannot read devices file " + sys.devicesFile() + ": " + e.getMessage());
        }
    }

    /** Reads every device; prints the scan's warnings once per command, as LVM2 does. */
    public Scan scan(boolean writable) throws LvmException {
        Scan scan = Scan.of(devices(), writable, wiring.images());
        warn(scan);
        return scan;
    }

    private final java.util.Set<String> warned = new java.util.HashSet<>();

    /** Prints the scan's warnings (stale copies, damaged headers) on stderr, as LVM2 does before a command. */
    public void warn(Scan scan) {
        List<String> lines = new ArrayList<>(scan.warnings());
        for (var e : scan.damaged().entrySet()) lines.add("WARNING: " + e.getValue());
        for (VgCopies vc : scan.vgs().values()) {
            List<ulvm.model.Pv> gone = new ArrayList<>(vc.missingPvs());
            gone.removeIf(p -> vc.reappeared().containsKey(p.id()));
            for (var p : gone) lines.add("WARNING: Couldn't find device with uuid " + ulvm.format.Uuid.withDashes(p.id()) + ".");
            for (var p : gone)
                lines.add("WARNING: VG " + vc.vg().name() + " is missing PV " + ulvm.format.Uuid.withDashes(p.id()) + " (last written to " + p.device() + ").");
        }
        for (String l : lines) if (warned.add(l)) tell(l);
    }

    /** A VG named by the command; refused in LVM2's words when it is one LVM2 would not touch ({@link VgAccess}). */
    public VgCopies vg(Scan scan, String name) throws LvmException {
        VgCopies vc = scan.vg(name).orElseThrow(() -> new LvmException("Volume group \"" + name + "\" not found\nCannot process volume group " + name));
        VgAccess.Refusal r = refusal(vc.vg());
        if (r != null) throw new LvmException(r.message());
        return vc;
    }

    private final java.util.EnumSet<VgAccess.Allow> allowed = java.util.EnumSet.noneOf(VgAccess.Allow.class);
    private LocalSystemId systemId;

    /** Lets this command use VGs of that kind too (LVM2's READ_ALLOW_EXPORTED, --foreign, --shared). */
    public Session allow(VgAccess.Allow a) {
        allowed.add(a);
        return this;
    }

    /** This host's system ID (from the command's lvm.conf, lvmlocal.conf and --config); its warnings are printed once. */
    public LocalSystemId systemId() {
        if (systemId == null) {
            systemId = LocalSystemId.of(config);
            for (String w : systemId.warnings()) if (warned.add(w)) tell(w);
        }
        return systemId;
    }

    /** Why this command may not use {@code vg}; null when it may. */
    public VgAccess.Refusal refusal(Vg vg) { return VgAccess.check(vg, systemId(), allowed); }

    /** {@link #refusal}'s message as one line; null when the VG may be used. */
    public String refusalLine(Vg vg) {
        VgAccess.Refusal r = refusal(vg);
        return r == null ? null : r.message().split("\n")[0];
    }

    /** The VGs of the scan this command may not use; with {@code print}, LVM2's lines for a command that goes over every VG. */
    public java.util.Set<String> hiddenVgs(Scan scan, boolean print) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (VgCopies vc : scan.vgs().values()) {
            VgAccess.Refusal r = refusal(vc.vg());
            if (r == null) continue;
            out.add(vc.vg().name());
            if (print && r.unnamed() != null) tell(r.unnamed());
        }
        return out;
    }

    /** The VGs a command given no VG names goes over: those it may use, after LVM2's lines for the others. */
    public List<String> vgNames(Scan scan) {
        List<String> out = new ArrayList<>(scan.vgs().keySet());
        out.removeAll(hiddenVgs(scan, true));
        return out;
    }

    /** A VG that can be changed: every PV present (LVM2's vg_read for update without handles_missing_pvs). */
    public VgCopies writableVg(Scan scan, String name) throws LvmException {
        VgCopies vc = vg(scan, name);
        if (vc.partial())
            throw new LvmException("Cannot change VG " + name + " while PVs are missing.\nSee vgreduce --removemissing and vgextend --restoremissing.\n"
                    + "Cannot process volume group " + name);
        return writableDevices(vc);
    }

    /**
     * A VG that a command which handles missing PVs may change (lvconvert --repair, vgreduce --removemissing, vgextend
     * --restoremissing, lvremove): its metadata goes to the present PVs, the missing ones flagged MISSING.
     */
    public VgCopies vgHandlingMissing(Scan scan, String name) throws LvmException {
        return writableDevices(vg(scan, name));
    }

    private static VgCopies writableDevices(VgCopies vc) throws LvmException {
        for (PvDevice d : vc.devices().values())
            if (!d.writable()) throw new LvmException("Cannot open " + d.name() + " for writing.");
        return vc;
    }

    public Vg commit(VgCopies before, Vg next) throws LvmException {
        return commit(before, next, before.devices());
    }

    /** As {@link #commit(VgCopies, Vg)} with LVM2's description of a later write of the same VG ("Write[N] from ..."). */
    public Vg commit(VgCopies before, Vg next, String description) throws LvmException {
        return commitWithSeqno(before, next, before.devices(), before.vg().seqno(), false, description);
    }

    public Vg commit(VgCopies before, Vg next, Map<String, PvDevice> devices) throws LvmException {
        return commitWithSeqno(before, next, devices, before == null ? 0 : maxSeqno(before));
    }

    /** Commits {@code next} with seqno {@code prevSeqno + 1}. */
    public Vg commitWithSeqno(VgCopies before, Vg next, Map<String, PvDevice> devices, long prevSeqno) throws LvmException {
        return commitWithSeqno(before, next, devices, prevSeqno, false, null);
    }

    /** vgck --updatemetadata: as {@link #commit(VgCopies, Vg)}, also rewriting mda headers with a bad checksum or version. */
    public Vg commitRepairingHeaders(VgCopies before, Vg next) throws LvmException {
        return commitWithSeqno(before, next, before.devices(), maxSeqno(before), true, null);
    }

    private final java.util.Set<String> archived = new java.util.HashSet<>();
    private boolean archiving = true, backingUp = true;

    /** vgcfgrestore: no archive before, no backup after (as LVM2). */
    public void noArchive() {
        archiving = false;
        backingUp = false;
    }

    private boolean testing;

    /**
     * LVM2's --test: what the command writes to images stays in memory ({@link ulvm.io.TestModeDevices}), and it
     * archives, backs up, updates the devices file and tells a running mount nothing, silently (LVM2's "Test mode:
     * Skipping ..." are verbose lines).
     */
    public Session testMode() {
        testing = true;
        archiving = false;
        hooks = new LiveHooks() { };
        return this;
    }

    public boolean testing() { return testing; }

    /** -A n: no backup after a change (LVM2 says so). */
    public void noBackup() { backingUp = false; }

    private ulvm.config.LvmConfig config = ulvm.config.LvmConfig.EMPTY;

    /** The command's configuration (lvm.conf, lvmlocal.conf, --config): backup/backup, archive, backup_dir and archive_dir apply here. */
    public void config(ulvm.config.LvmConfig c) {
        this.config = c;
        systemId = null; // worked out again from this configuration
        if (!c.flag("backup/backup", true)) backingUp = false;
        if (!c.flag("backup/archive", true)) archiving = false;
        String backupDir = c.string("backup/backup_dir"), archiveDir = c.string("backup/archive_dir");
        if (backupDir != null || archiveDir != null)
            sys = sys.withBackupDirs(backupDir == null ? null : Path.of(backupDir), archiveDir == null ? null : Path.of(archiveDir));
    }

    public ulvm.config.LvmConfig config() { return config; }

    /** LVM2's archive(): the VG as it was before this command's first change of it. */
    public void archive(VgCopies before) throws LvmException {
        if (!archiving || before == null || !archived.add(before.vg().id())) return;
        try {
            Long min = config.number("backup/retain_min"), days = config.number("backup/retain_days");
            MetadataArchive.archive(sys, before.vg(), commandLine, min == null ? MetadataArchive.RETAIN_MIN : min, days == null ? MetadataArchive.RETAIN_DAYS : days);
        } catch (IOException e) {
            throw new LvmException("Cannot archive volume group metadata for " + before.vg().name() + ": " + e.getMessage());
        }
    }

    /** LVM2's backup(): the VG as this command left it, in backup/VG. */
    public void backup(Vg vg) {
        if (testing) return;
        if (!backingUp) {
            if (warned.add("NOT backed up")) tell("WARNING: This metadata update is NOT backed up.");
            return;
        }
        try {
            MetadataArchive.backup(sys, vg, commandLine);
        } catch (IOException e) {
            tell("Backup of volume group " + vg.name() + " metadata failed.");
        }
    }

    private Vg commitWithSeqno(VgCopies before, Vg next, Map<String, PvDevice> devices, long prevSeqno, boolean repairHeaders,
                               String description) throws LvmException {
        next = MissingPvs.flagged(next, devices, before);
        next = stampProfile(before, next);
        if (noAutoactivation) next = flagNew(before, next, "NOAUTOACTIVATE");
        archive(before);
        Vg done = new LiveChange(hooks, wiring.commitPhases()).apply(before, next, devices, prevSeqno,
                description != null ? description : "Write from " + commandLine + ".", repairHeaders, this::backup);
        if (before != null && config.flag("devices/issue_discards", false)) PvDiscards.freed(before.vg(), done, devices, this::tell);
        return done;
    }

    /**
     * --metadataprofile NAME (or a metadata command's --profile): every LV the command creates names it (lv_manip.c
     * lv_create_empty), hidden ones too, and so does the VG vgcreate makes (vgcreate.c).
     */
    private Vg stampProfile(VgCopies before, Vg next) {
        String name = config.globalMetadataProfile();
        if (name == null) return next;
        if (before == null) return next.withSetting("profile", name);
        java.util.Set<String> had = new java.util.HashSet<>(); // an LV under a new name is new too (lvconvert's _tdata: insert_layer_for_lv)
        for (ulvm.model.Lv l : before.vg().lvs()) had.add(l.id() + "/" + l.name());
        List<ulvm.model.Lv> lvs = new java.util.ArrayList<>();
        for (ulvm.model.Lv l : next.lvs()) lvs.add(had.contains(l.id() + "/" + l.name()) ? l : l.withProfile(name));
        return next.withLvs(lvs);
    }

    /** {@code next} with {@code flag} on the VG if new, else on its new visible LVs. */
    private static Vg flagNew(VgCopies before, Vg next, String flag) {
        if (before == null) return next.withFlag(flag, true);
        java.util.Set<String> had = new java.util.HashSet<>();
        for (ulvm.model.Lv l : before.vg().lvs()) had.add(l.id());
        List<ulvm.model.Lv> lvs = new java.util.ArrayList<>();
        for (ulvm.model.Lv l : next.lvs()) lvs.add(had.contains(l.id()) || !l.visible() ? l : l.withFlag(flag, true));
        return next.withLvs(lvs);
    }

    private static long maxSeqno(VgCopies vc) {
        long m = vc.vg().seqno();
        for (var c : vc.copies()) if (c.vg() != null) m = Math.max(m, c.vg().seqno());
        return m;
    }

    public void updateDevicesFile(Path path, String pvid, boolean remove) throws LvmException {
        if (devicesOverride != null || testing) return;
        try {
            DevicesFile df = DevicesFile.read(sys.devicesFile());
            if (remove) df.remove(path); else df.put(path, pvid);
            df.write();
        } catch (IOException e) {
            throw new LvmException("Cannot update devices file " + sys.devicesFile() + ": " + e.getMessage());
        }
    }
}
