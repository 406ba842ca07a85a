package ulvm.fuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Owner and permission bits the mount shows on every LV file: {@code fileMode} for writable volumes,
 * the same bits without write permission for read-only ones.
 */
public record FileOwner(int uid, int gid, int fileMode) {

    /** The user running this process, files mode 0600. */
    public static FileOwner currentUser() {
        try {
            Path self = Path.of("/proc/self");
            int uid = (Integer) Files.getAttribute(self, "unix:uid");
            int gid = (Integer) Files.getAttribute(self, "unix:gid");
            return new FileOwner(uid, gid, 0600);
        } catch (IOException | UnsupportedOperationException e) {
            return new FileOwner(0, 0, 0600);
        }
    }

    /** Permission bits of an LV file. */
    public int modeFor(boolean readOnly) {
        return readOnly ? fileMode & ~0222 : fileMode;
    }
}
