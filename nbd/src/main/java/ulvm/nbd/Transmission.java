package ulvm.nbd;

import static ulvm.nbd.Protocol.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The transmission phase of one connection: this thread reads requests, workers serve them concurrently (at most
 * {@code maxInFlight} at once), replies go out tagged by handle. A FLUSH waits for the writes received before it.
 */
final class Transmission {
    /** One request as read off the wire; {@code payload} is a write's data. */
    record Request(int flags, int type, long handle, long offset, long length, ByteBuffer payload) {
        boolean has(int flag) { return (flags & flag) != 0; }
    }

    private final Session session;
    private final Executor workers;
    private final int maxInFlight;
    private final Consumer<String> log;
    private final String peer;
    private final Requests requests;
    private final Buffers buffers;
    private final Wire wire;

    Transmission(Session session, Executor workers, Buffers buffers, int maxInFlight, Consumer<String> log, String peer) {
        this.buffers = buffers;
        this.wire = session.wire();
        this.session = session;
        this.workers = workers;
        this.maxInFlight = maxInFlight;
        this.log = log;
        this.peer = peer;
        this.requests = new Requests(session, new Replies(session.wire(), session.structured()), buffers, log, peer);
    }

    /** Serves requests until NBD_CMD_DISC, the client's close or a protocol violation; in-flight ones finish first. */
    void run() throws IOException {
        InFlight inFlight = new InFlight(maxInFlight);
        Set<CompletableFuture<Void>> writes = ConcurrentHashMap.newKeySet();
        try {
            while (true) {
                ByteBuffer h = Codec.read(wire, 28);
                if (h.getInt() != REQUEST_MAGIC) {
                    log.accept("nbd: " + peer + ": bad request magic, closed");
                    return;
                }
                int flags = Short.toUnsignedInt(h.getShort()), type = Short.toUnsignedInt(h.getShort());
                long handle = h.getLong(), offset = h.getLong(), length = Integer.toUnsignedLong(h.getInt());
                if (type == CMD_DISC) return;
                if (type == CMD_WRITE && length > MAX_PAYLOAD) {
                    log.accept("nbd: " + peer + ": write of " + length + " bytes is over " + MAX_PAYLOAD + ", closed");
                    return;
                }
                int cost = (type == CMD_READ || type == CMD_WRITE) && length <= MAX_PAYLOAD ? (int) length : 0;
                inFlight.acquire(cost);
                ByteBuffer payload = null;
                try {
                    if (type == CMD_WRITE) {
                        payload = buffers.take((int) length);
                        wire.readFully(payload);
                        payload.flip();
                    }
                } catch (IOException | RuntimeException e) {
                    buffers.give(payload);
                    inFlight.release(cost);
                    throw e;
                }
                if (!dispatch(new Request(flags, type, handle, offset, length, payload), writes, inFlight, cost)) return;
            }
        } finally {
            inFlight.drain();
        }
    }

    /**
     * Hands {@code r} to a worker; a FLUSH first waits for the writes (WRITE, TRIM, WRITE_ZEROES) dispatched before
     * it. False when the server is shutting down.
     */
    private boolean dispatch(Request r, Set<CompletableFuture<Void>> writes, InFlight inFlight, int cost) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> before = r.type() == CMD_FLUSH
                ? CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)) : null;
        if (r.type() == CMD_WRITE || r.type() == CMD_TRIM || r.type() == CMD_WRITE_ZEROES) {
            writes.add(done);
            done.whenComplete((v, t) -> writes.remove(done));
        }
        Runnable finish = () -> {
            buffers.give(r.payload());
            done.complete(null);
            inFlight.release(cost);
        };
        try {
            workers.execute(() -> {
                try {
                    if (before != null) before.join();
                    requests.serve(r);
                } catch (Throwable t) {
                    log.accept("nbd: " + peer + ": cannot reply: " + t.getMessage() + ", closed");
                    wire.close();
                } finally {
                    finish.run();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            finish.run();
            return false;
        }
    }
}
