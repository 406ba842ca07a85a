package ulvm.fuse;

import java.lang.System.Logger.Level;

/** One log line per failed file system call. */
final class FsLog {
    private static final System.Logger LOG = System.getLogger("ulvm.fuse");

    private FsLog() {}

    static void failure(String op, String path, int errno, Throwable t) {
        try {
            Level level = errno == Errno.EIO ? Level.WARNING : Level.DEBUG;
            if (LOG.isLoggable(level)) {
                LOG.log(level, () -> op + " " + path + ": errno " + errno + ": " + t);
            }
        } catch (Throwable ignored) {
            // logging must not fail a callback
        }
    }
}
