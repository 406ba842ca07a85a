package ulvm.io;

import java.io.IOException;
import java.nio.file.Path;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.types.off_t;

/**
 * {@code fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off, len)} on an image file, which Java cannot
 * do: the file system frees the blocks and the range reads back as zeros. With {@link SparseFiles}'s lseek, the only
 * native calls of the engine.
 */
public final class HolePunch {
    /** The unit punched: partial blocks at either end are zeroed by the caller instead. */
    public static final int BLOCK = 4096;

    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int FALLOC_FL_PUNCH_HOLE = 2;
    private static final int ENOSYS = 38;
    private static final int EINVAL = 22;
    private static final int EOPNOTSUPP = 95;

    /** The libc calls (public only because jnr-ffi implements it). */
    public interface LibC {
        int open(String path, int flags);

        int fallocate(int fd, int mode, @off_t long offset, @off_t long len);

        @off_t long lseek(int fd, @off_t long offset, int whence);

        int close(int fd);
    }

    private static final LibC LIBC = load();

    private HolePunch() {}

    /** The libc calls, or null without native access. */
    static LibC libc() { return LIBC; }

    private static LibC load() {
        try {
            return LibraryLoader.create(LibC.class).failImmediately().load("c");
        } catch (Throwable t) { // no native access: every discard writes zeros
            return null;
        }
    }

    /**
     * Punches {@code [pos, pos + len)} of {@code file} (both multiples of {@link #BLOCK}). Returns false when that
     * cannot be done here (no native access, or the file system does not punch holes: the caller writes zeros);
     * throws on an I/O error.
     */
    public static boolean punch(Path file, long pos, long len) throws IOException {
        if (LIBC == null) return false;
        if (pos % BLOCK != 0 || len % BLOCK != 0 || pos < 0 || len <= 0)
            throw new IllegalArgumentException("punch of " + len + " bytes at " + pos + " is not in whole blocks");
        Runtime rt = Runtime.getRuntime(LIBC);
        int fd = LIBC.open(file.toString(), O_RDWR | O_CLOEXEC);
        if (fd < 0) throw new IOException(file + ": open for a discard failed (errno " + LastError.getLastError(rt) + ")");
        try {
            if (LIBC.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, pos, len) == 0) return true;
            int errno = LastError.getLastError(rt);
            if (errno == EOPNOTSUPP || errno == ENOSYS || errno == EINVAL) return false;
            throw new IOException(file + ": punching " + len + " bytes at " + pos + " failed (errno " + errno + ")");
        } finally {
            LIBC.close(fd);
        }
    }
}
