package ulvm.fuse;

import jnr.ffi.LibraryLoader;

/** The few libc calls mounting and unmounting need (public only because jnr-ffi implements it). */
public interface LibC {
    int MNT_DETACH = 2;

    int umount2(String target, int flags);

    int geteuid();

    void free(long pointer);

    int mount(String source, String target, String type, long flags, String data);

    /** open(2) flags for {@link #open}: an exclusive open of a block device fails (EBUSY) while it is mounted or held. */
    int O_RDONLY_EXCL_CLOEXEC = 0200 | 02000000;

    int open(String path, int flags);

    int close(int fd);

    static LibC get() {
        return Holder.LIBC;
    }

    final class Holder {
        private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");

        private Holder() {}
    }
}
