package ulvm.fuse.kernel;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** The libc calls a session over /dev/fuse makes; buffers travel as raw addresses (public only for jnr-ffi). */
public interface Sys {
    int O_RDWR = 2;
    int O_CLOEXEC = 02000000;
    long MS_NOSUID = 2;
    long MS_NODEV = 4;

    int open(String path, int flags);

    int close(int fd);

    @ssize_t long read(int fd, long buf, @size_t long count);

    @ssize_t long write(int fd, long buf, @size_t long count);

    int ioctl(int fd, long request, IntByReference arg);

    int mount(String source, String target, String type, long flags, String data);

    int geteuid();

    int getegid();

    String strerror(int errnum);

    static Sys get() {
        return Holder.SYS;
    }

    /** errno of this thread's last call. */
    static int errno() {
        return Runtime.getRuntime(Holder.SYS).getLastError();
    }

    final class Holder {
        private static final Sys SYS = LibraryLoader.create(Sys.class).load("c");

        private Holder() {}
    }
}
