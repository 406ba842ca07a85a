package ulvm.fuse;

/** FUSE cannot be used here: no /dev/fuse or no libfuse 2. The message is one line for the user. */
public class FuseUnavailableException extends RuntimeException {
    public FuseUnavailableException(String message) {
        super(message);
    }
}
