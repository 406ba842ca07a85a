package ulvm.fuse;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import ru.serce.jnrfuse.ErrorCodes;
import ulvm.io.Volume;

/** Linux errno values the file system answers with (positive; callbacks return them negated). */
public final class Errno {
    public static final int EPERM = ErrorCodes.EPERM();
    public static final int ENOENT = ErrorCodes.ENOENT();
    public static final int EIO = ErrorCodes.EIO();
    public static final int EBADF = ErrorCodes.EBADF();
    public static final int EACCES = ErrorCodes.EACCES();
    public static final int EISDIR = ErrorCodes.EISDIR();
    public static final int ENOTDIR = ErrorCodes.ENOTDIR();
    public static final int EINVAL = ErrorCodes.EINVAL();
    public static final int ENOSPC = ErrorCodes.ENOSPC();
    public static final int EROFS = ErrorCodes.EROFS();
    public static final int EOPNOTSUPP = ErrorCodes.EOPNOTSUPP();
    public static final int ENOSYS = ErrorCodes.ENOSYS();
    public static final int ENOTTY = ErrorCodes.ENOTTY();
    public static final int ENODEV = ErrorCodes.ENODEV();
    public static final int EINTR = ErrorCodes.EINTR();
    public static final int EAGAIN = ErrorCodes.EAGAIN();

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
