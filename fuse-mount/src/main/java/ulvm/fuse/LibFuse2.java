package ulvm.fuse;

import java.nio.file.Files;
import java.nio.file.Path;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.types.size_t;
import ru.serce.jnrfuse.struct.FuseOperations;

/**
 * The libfuse 2.9 calls a mount loop of our own needs (fuse.h, fuse_lowlevel.h). Handles
 * ({@code struct fuse *}, {@code fuse_session *}, {@code fuse_chan *}) and buffers travel as raw
 * 64-bit addresses, which keeps the per-request calls free of marshalling.
 */
public interface LibFuse2 {
    /**
     * {@code struct fuse *fuse_setup(argc, argv, op, op_size, char **mountpoint, int *multithreaded, user_data)}:
     * parses options, mounts, creates the handle; 0 on failure. (Not fuse_mount + fuse_new: an
     * unversioned lookup of fuse_new finds libfuse's old Base-version compatibility symbol.)
     */
    long fuse_setup(int argc, String[] argv, FuseOperations op, @size_t long opSize,
                    Pointer mountpoint, Pointer multithreaded, Pointer userData);

    void fuse_remove_signal_handlers(long se);

    /** {@code void fuse_unmount(const char *mountpoint, struct fuse_chan *ch)} (FUSE_2.6). */
    void fuse_unmount(String mountpoint, long ch);

    void fuse_destroy(long fuse);

    void fuse_exit(long fuse);

    long fuse_get_session(long fuse);

    long fuse_session_next_chan(long se, long ch);

    @size_t long fuse_chan_bufsize(long ch);

    int fuse_chan_fd(long ch);

    /** {@code int fuse_chan_recv(struct fuse_chan **ch, char *buf, size_t size)}: bytes, 0 at exit, or -errno. */
    int fuse_chan_recv(long chp, long buf, @size_t long size);

    void fuse_session_process(long se, long buf, @size_t long len, long ch);

    int fuse_session_exited(long se);

    void fuse_session_exit(long se);

    /** Loads libfuse.so.2, or throws {@link FuseUnavailableException} saying what is missing. */
    static LibFuse2 require() {
        return Holder.get();
    }

    /** Loads the library once; remembers a failure too. */
    final class Holder {
        private static volatile Object loaded;

        private Holder() {}

        static synchronized LibFuse2 get() {
            if (loaded == null) loaded = load(Path.of("/dev/fuse"), "libfuse.so.2", "fuse");
            if (loaded instanceof FuseUnavailableException e) throw new FuseUnavailableException(e.getMessage());
            return (LibFuse2) loaded;
        }

        /** The loaded library, or a {@link FuseUnavailableException} to throw. */
        static Object load(Path device, String... names) {
            if (!Files.exists(device)) {
                return new FuseUnavailableException("FUSE unavailable: " + device + " does not exist (modprobe fuse)");
            }
            Throwable last = null;
            for (String name : names) {
                try {
                    return LibraryLoader.create(LibFuse2.class).failImmediately().load(name);
                } catch (Throwable t) {
                    last = t;
                }
            }
            return new FuseUnavailableException("FUSE unavailable: libfuse 2 (libfuse.so.2) not found;"
                    + " install the libfuse2 package (" + String.valueOf(last).lines().findFirst().orElse("") + ")");
        }
    }
}
