package ulvm.nbd;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Listens on the given addresses and serves {@link Exports} to every client, each connection on threads of its own.
 * Placeholder until the protocol lands: {@link #start} throws.
 */
public final class NbdServer implements AutoCloseable {
    /** Where to listen: {@code unix:PATH} or {@code tcp:ADDR:PORT}; how (TLS, limits). */
    public record Options(java.util.List<String> listen, javax.net.ssl.SSLContext tls, boolean verifyPeer, boolean insecure,
            int maxConnections, int maxInFlight) { }

    private NbdServer() { }

    public static NbdServer start(Options options, Exports exports, Consumer<String> log) throws IOException {
        throw new UnsupportedOperationException("NBD serving is not built yet");
    }

    @Override public void close() { }
}
