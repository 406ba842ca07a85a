package ulvm.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the engine opens PV image files. Plain files by default; a test installs an opener that wraps each file in
 * a fault-injecting or crash-simulating device (see {@code ulvm.io.fault}) and so runs the whole engine over it.
 */
public final class Devices {
    /** Opens one PV image. */
    public interface Opener {
        BlockDevice open(Path path, boolean writable) throws IOException;
    }

    private static volatile CacheMode cache = CacheMode.WRITEBACK;
    private static final Opener FILES = (path, writable) -> FileBlockDevice.open(path, writable, cache);
    private static volatile Opener opener = FILES;

    private Devices() {}

    public static BlockDevice open(Path path, boolean writable) throws IOException { return opener.open(path, writable); }

    /** Image files opened from now on are opened with {@code mode} (the mount daemon's {@code --cache}). */
    public static void cache(CacheMode mode) { cache = mode; }

    /** Every image opened from now on goes through {@code o}; null restores plain files. */
    public static void use(Opener o) { opener = o == null ? FILES : o; }
}
