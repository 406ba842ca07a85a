package ulvm.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One client connection: negotiation, then transmission, then the export closed; nothing escapes it. */
final class Connection {
    private final SocketChannel channel;
    private final String peer;
    private final Exports exports;
    private final NbdServer.Options options;
    private final Executor workers;
    private final int maxInFlight;
    private final Buffers buffers;
    private final Consumer<String> log;
    private volatile Wire wire;
    private volatile boolean negotiating = true;

    /** A client that has not finished negotiating (TLS included) after this long is closed: it holds a slot. */
    static volatile long negotiationTimeoutMillis = 30_000;

    Connection(SocketChannel channel, String peer, Exports exports, NbdServer.Options options, Executor workers,
            Buffers buffers, int maxInFlight, Consumer<String> log) {
        this.buffers = buffers;
        this.channel = channel;
        this.peer = peer;
        this.exports = exports;
        this.options = options;
        this.workers = workers;
        this.maxInFlight = maxInFlight;
        this.log = log;
        this.wire = new Wire.Plain(channel);
    }

    String peer() { return peer; }

    void run() {
        Session session = null;
        CompletableFuture.runAsync(() -> {
            if (negotiating) {
                log.accept("nbd: " + peer + ": negotiation took over " + negotiationTimeoutMillis + " ms, closed");
                close();
            }
        }, CompletableFuture.delayedExecutor(negotiationTimeoutMillis, TimeUnit.MILLISECONDS));
        try {
            Negotiation n = new Negotiation(wire, channel, exports, options.tls(), options.verifyPeer(), log, peer);
            try {
                session = n.run();
            } finally {
                wire = n.wire();
                negotiating = false;
            }
            if (session != null) {
                new Transmission(session, workers, buffers, maxInFlight, log, peer).run();
                wire.finish();
            }
        } catch (EOFException | ClosedChannelException e) {
            // the client went away (or the server is closing)
        } catch (IOException e) {
            log.accept("nbd: " + peer + ": " + e.getMessage() + ", closed");
        } catch (Throwable t) {
            log.accept("nbd: " + peer + ": internal error: " + t + ", closed");
        } finally {
            if (session != null) {
                try {
                    session.export().close();
                } catch (RuntimeException e) {
                    log.accept("nbd: " + peer + ": closing " + session.name() + ": " + e);
                }
            }
            close();
        }
    }

    /** Closes the connection: a blocked read or write fails, and {@link #run} ends. */
    void close() {
        wire.close();
        try {
            channel.close();
        } catch (IOException ignored) { }
    }
}
