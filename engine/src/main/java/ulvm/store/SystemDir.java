package ulvm.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Everything ulvm keeps outside the images ({@code ULVM_SYSTEM_DIR}, like LVM_SYSTEM_DIR): the devices file,
 * locks, the daemon's socket, backups.
 */
public final class SystemDir {
    private final Path root;
    private final Path backup, archive;
    private final String devicesName;

    public SystemDir(Path root) { this(root, null, null, "system.devices"); }

    private SystemDir(Path root, Path backup, Path archive, String devicesName) {
        this.root = root.toAbsolutePath().normalize();
        this.backup = backup;
        this.archive = archive;
        this.devicesName = devicesName;
    }

    /** The same system dir with devices file {@code name} in devices/ (LVM2's --devicesfile: /etc/lvm/devices/NAME). */
    public SystemDir withDevicesFile(String name) { return new SystemDir(root, backup, archive, name); }

    /** The same system dir with lvm.conf's backup/backup_dir and backup/archive_dir (null: the default under it). */
    public SystemDir withBackupDirs(Path backupDir, Path archiveDir) {
        return new SystemDir(root, backupDir == null ? backup : backupDir.toAbsolutePath().normalize(),
                archiveDir == null ? archive : archiveDir.toAbsolutePath().normalize(), devicesName);
    }

    /** {@code $ULVM_SYSTEM_DIR}, else /etc/ulvm. */
    public static SystemDir fromEnvironment() {
        String env = System.getenv("ULVM_SYSTEM_DIR");
        return new SystemDir(Path.of(env != null && !env.isEmpty() ? env : "/etc/ulvm"));
    }

    public Path root() { return root; }

    public Path devicesFile() { return root.resolve("devices").resolve(devicesName); }

    public Path socket() { return root.resolve("run").resolve("ulvmd.socket"); }

    public Path runDir() { return root.resolve("run"); }

    /** The mount daemon's pid and mount point, while it runs. */
    public Path daemonPidFile() { return runDir().resolve("ulvmd.pid"); }

    public Path lockFile() { return root.resolve("locks").resolve("P_global"); }

    /** LVM2's backup_dir: each VG's metadata after its last change (backup/backup_dir, else backup/ here). */
    public Path backupDir() { return backup != null ? backup : root.resolve("backup"); }

    /** Held by a command only while it waits for the global lock (see {@link #lock}). */
    public Path turnstileFile() { return root.resolve("locks").resolve("P_turnstile"); }

    /** LVM2's archive_dir: the metadata of each VG before every change (MetadataArchive; backup/archive_dir, else archive/ here). */
    public Path archiveDir() { return archive != null ? archive : root.resolve("archive"); }

    /**
     * Takes the system dir's lock: shared for readers, exclusive for writers. Held until closed. Blocks while
     * another command holds it; a process that died releases it (flock semantics). The wait happens holding the
     * turnstile, so that a background pvmove, which takes the lock again for each chunk, cannot overtake a command
     * already waiting: that command gets in between two chunks.
     */
    public AutoCloseable lock(boolean exclusive) throws IOException {
        Files.createDirectories(lockFile().getParent());
        FileChannel ch = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock l;
        try (FileChannel t = FileChannel.open(turnstileFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = t.lock()) {
            l = ch.lock(0, Long.MAX_VALUE, !exclusive);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return () -> {
            try { l.release(); } finally { ch.close(); }
        };
    }
}
