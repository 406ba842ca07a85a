package ulvm.fuse;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import ru.serce.jnrfuse.ErrorCodes;
import ulvm.io.Volume;

/** Linux errno values the file system answers with (positive; callbacks return them negated). */
final class Errno {
    static final int EPERM = ErrorCodes.EPERM();
    static final int ENOENT = ErrorCodes.ENOENT();
    static final int EIO = ErrorCodes.EIO();
    static final int EBADF = ErrorCodes.EBADF();
    static final int EACCES = ErrorCodes.EACCES();
    static final int EISDIR = ErrorCodes.EISDIR();
    static final int ENOTDIR = ErrorCodes.ENOTDIR();
    static final int EINVAL = ErrorCodes.EINVAL();
    static final int ENOSPC = ErrorCodes.ENOSPC();
    static final int EROFS = ErrorCodes.EROFS();
    static final int EOPNOTSUPP = ErrorCodes.EOPNOTSUPP();

    private Errno() {}

    /** The errno an exception thrown by a volume maps to; EIO unless it says otherwise. */
    static int of(Throwable t) {
        if (t instanceof Volume.NoSpaceException) return ENOSPC;
        if (t instanceof Volume.NotSupportedException) return EOPNOTSUPP;
        if (t instanceof NoSuchFileException) return ENOENT;
        if (t instanceof AccessDeniedException) return EACCES;
        if (t instanceof java.nio.ReadOnlyBufferException) return EROFS;
        if (t instanceof IllegalArgumentException || t instanceof IndexOutOfBoundsException) return EINVAL;
        return EIO;
    }
}
