package ulvm.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the engine opens PV image files: an {@link Opener}, chosen where the engine is assembled and passed to what
 * opens images (the scan, the activation, pvcreate). Plain files by default ({@link #FILES}); the mount daemon's
 * {@code --cache} ({@link #files}); a test passes an opener of its own (a fault-injecting or crash-simulating device)
 * and so runs the whole engine over it.
 */
public final class Devices {
    /** Opens one PV image. */
    public interface Opener {
        BlockDevice open(Path path, boolean writable) throws IOException;
    }

    /** Image files, buffered (the default cache mode). */
    public static final Opener FILES = files(CacheMode.WRITEBACK);

    private Devices() {}

    /** Image files opened with {@code mode} (the mount daemon's {@code --cache}). */
    public static Opener files(CacheMode mode) { return (path, writable) -> FileBlockDevice.open(path, writable, mode); }
}
