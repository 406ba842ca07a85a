package ulvm.fuse.nbd;

import java.io.IOException;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/** The TLS context of a credentials directory (qemu's layout); the loading is the NBD server's (ulvm.nbd.NbdTls). */
final class NbdTlsCreds {
    private NbdTlsCreds() {}

    static SSLContext load(Path dir, boolean verifyPeer) throws IOException {
        throw new IOException("NBD over TLS is not built yet");
    }
}
