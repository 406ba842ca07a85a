package ulvm.nbd;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Listens on the given addresses and serves {@link Exports} to every client, each connection on a thread of its own
 * that reads its requests, with worker threads serving them. {@link #close()} stops listening, ends every
 * connection (requests in flight are answered first) and removes the unix socket files.
 */
public final class NbdServer implements AutoCloseable {
    /**
     * Where to listen: {@code unix:PATH} or {@code tcp:ADDR:PORT} (port 0: any free port, see {@link #addresses()});
     * how: {@code tls} (null: none; given: mandatory, NBD_OPT_STARTTLS), {@code verifyPeer} (client certificates
     * must chain to the trust of {@code tls}), {@code insecure} (plain TCP allowed), at most {@code maxConnections}
     * clients at once (more are closed at accept) and {@code maxInFlight} requests served at once per connection (the
     * next is not read until one finishes); 0 or less: 64 and 16.
     */
    public record Options(java.util.List<String> listen, javax.net.ssl.SSLContext tls, boolean verifyPeer, boolean insecure,
            int maxConnections, int maxInFlight) { }

    private final Options options;
    private final Exports exports;
    private final Consumer<String> log;
    private final List<Listener> listeners;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** Connections accepted and not yet ended (counted before they start, so that the cap holds across listeners). */
    private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
    private final ExecutorService workers;
    private final Buffers buffers = new Buffers();
    private final int maxConnections, maxInFlight;
    private volatile boolean closed;

    private NbdServer(Options options, Exports exports, Consumer<String> log, List<Listener> listeners) {
        this.options = options;
        this.exports = exports;
        this.log = log;
        this.listeners = listeners;
        this.maxConnections = options.maxConnections() > 0 ? options.maxConnections() : 64;
        this.maxInFlight = options.maxInFlight() > 0 ? options.maxInFlight() : 16;
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "nbd-worker"));
    }

    /**
     * Binds every address of {@code options.listen()} and starts accepting. Throws when an address is invalid or
     * cannot be bound, or is TCP without TLS and without {@code insecure}; nothing is left listening then.
     */
    public static NbdServer start(Options options, Exports exports, Consumer<String> log) throws IOException {
        if (options.listen() == null || options.listen().isEmpty()) throw new IOException("no NBD address to listen on");
        if (options.verifyPeer() && options.tls() == null) throw new IOException("verifying NBD clients' certificates needs TLS");
        List<Listener> listeners = new ArrayList<>();
        try {
            for (String spec : options.listen()) {
                Listener l = Listener.open(spec);
                listeners.add(l);
                if (l.tcp() && options.tls() == null && !options.insecure()) {
                    throw new IOException("refusing to serve NBD on " + spec
                            + " without TLS: plain TCP exposes the volumes to the network (allow it as insecure)");
                }
            }
        } catch (IOException | RuntimeException e) {
            listeners.forEach(Listener::close);
            throw e;
        }
        NbdServer server = new NbdServer(options, exports, log, List.copyOf(listeners));
        for (Listener l : listeners) daemon(() -> server.accept(l), "nbd-listen " + l.address()).start();
        return server;
    }

    /** The addresses listened on, as bound ({@code tcp:127.0.0.1:PORT} with the port chosen for port 0). */
    public List<String> addresses() {
        return listeners.stream().map(Listener::address).toList();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void accept(Listener listener) {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (closed) return;
                log.accept("nbd: " + listener.address() + ": accept failed: " + e.getMessage());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            if (open.incrementAndGet() > maxConnections || closed) {
                open.decrementAndGet();
                log.accept("nbd: " + listener.address() + ": " + maxConnections + " connections already, one refused");
                try {
                    channel.close();
                } catch (IOException ignored) { }
                continue;
            }
            Connection c = new Connection(channel, peer(listener, channel), exports, options, workers, buffers, maxInFlight, log);
            connections.add(c);
            daemon(() -> {
                try {
                    c.run();
                } finally {
                    connections.remove(c);
                    open.decrementAndGet();
                }
            }, "nbd " + c.peer()).start();
        }
    }

    /** Numbers unix-socket clients in the log, which have no address of their own. */
    private static final java.util.concurrent.atomic.AtomicLong SERIAL = new java.util.concurrent.atomic.AtomicLong();

    private static String peer(Listener listener, SocketChannel channel) {
        try {
            return listener.tcp() ? String.valueOf(channel.getRemoteAddress()).replaceFirst("^/", "")
                    : listener.address() + "#" + SERIAL.incrementAndGet();
        } catch (IOException e) {
            return listener.address() + "#" + SERIAL.incrementAndGet();
        }
    }

    /** Stops listening, closes every connection and waits (a few seconds at most) for them to end. */
    @Override public void close() {
        closed = true;
        listeners.forEach(Listener::close);
        for (Connection c : connections) c.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.shutdown();
    }
}
