package ulvm.thin.meta;

import java.io.IOException;

/** A thin pool metadata operation that cannot be done: a device that exists or not, a full pool, a bad request. */
public class ThinPoolException extends IOException {
    public ThinPoolException(String message) { super(message); }
}
