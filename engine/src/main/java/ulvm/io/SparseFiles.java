package ulvm.io;

import java.io.IOException;
import java.nio.file.Path;
import jnr.ffi.LastError;
import jnr.ffi.Runtime;

/**
 * Where a sparse image file holds data and where holes: {@code lseek(SEEK_DATA)} and {@code lseek(SEEK_HOLE)}, which
 * Java cannot do. Without native access, or on a file system that does not know holes, everything is data.
 */
public final class SparseFiles {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int ENXIO = 6;

    private SparseFiles() {}

    /** The run of data or hole at {@code pos} of {@code file}, at most {@code len} bytes (past the end: a hole). */
    public static Allocation allocation(Path file, long pos, long len) throws IOException {
        Handle h = open(file);
        try {
            return h.allocation(pos, len);
        } finally {
            h.close();
        }
    }

    /** A descriptor of a file kept open for its block status (a query per read must not open the file each time). */
    public static Handle open(Path file) throws IOException {
        HolePunch.LibC c = HolePunch.libc();
        if (c == null) return new Handle(null, -1);
        int fd = c.open(file.toString(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) throw new IOException(file + ": open for a block status failed (errno " + LastError.getLastError(Runtime.getRuntime(c)) + ")");
        return new Handle(c, fd);
    }

    /** One open descriptor; lseek on it only, so concurrent queries need no lock (each returns its own offset). */
    public static final class Handle implements AutoCloseable {
        private final HolePunch.LibC c;
        private final int fd;

        private Handle(HolePunch.LibC c, int fd) {
            this.c = c;
            this.fd = fd;
        }

        public Allocation allocation(long pos, long len) {
            if (c == null || len <= 0) return Allocation.data(Math.max(len, 0));
            long data = c.lseek(fd, pos, SEEK_DATA);
            if (data < 0) {
                int errno = LastError.getLastError(Runtime.getRuntime(c));
                if (errno == ENXIO) return Allocation.hole(len); // no data at or after pos
                return Allocation.data(len); // EINVAL: the file system does not say
            }
            if (data > pos) return Allocation.hole(Math.min(len, data - pos));
            long hole = c.lseek(fd, pos, SEEK_HOLE);
            if (hole <= pos) return Allocation.data(len);
            return Allocation.data(Math.min(len, hole - pos));
        }

        @Override
        public void close() {
            if (c != null) c.close(fd);
        }
    }
}
