package ulvm.fuse.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import ulvm.store.SystemDir;

/**
 * What a daemon keeps under the system dir's run/ directory: a lock held for its life (a second daemon is refused;
 * a killed one releases it), its pid and mount point, its log.
 */
public final class DaemonFiles {
    private final SystemDir sys;

    public DaemonFiles(SystemDir sys) { this.sys = sys; }

    public Path lock() { return sys.runDir().resolve("ulvmd.lock"); }

    public Path pid() { return sys.daemonPidFile(); }

    /** The loop devices of `ulvm mount --dev-links`, one a line. */
    public Path devLinks() { return sys.runDir().resolve("ulvmd.devlinks"); }

    public Path log() { return sys.runDir().resolve("ulvmd.log"); }

    /** The lock, or empty when another daemon holds it. */
    public Optional<FileLock> tryLock() throws IOException {
        Files.createDirectories(sys.runDir());
        FileChannel ch = FileChannel.open(lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l = ch.tryLock();
        if (l == null) ch.close();
        return Optional.ofNullable(l);
    }

    /** The running daemon's pid and mount point, if one holds the lock. */
    public Optional<String[]> running() {
        try {
            Optional<FileLock> l = tryLock();
            if (l.isPresent()) {
                l.get().channel().close();
                return Optional.empty();
            }
            if (!Files.exists(pid())) return Optional.of(new String[] {"?", "?"});
            String[] parts = Files.readString(pid()).trim().split("\n", 2);
            return Optional.of(parts.length == 2 ? parts : new String[] {parts[0], "?"});
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
