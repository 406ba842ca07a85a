package ulvm.nbd;

import static ulvm.nbd.Protocol.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
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

    Transmission(Session session, Executor workers, int maxInFlight, Consumer<String> log, String peer) {
        this.session = session;
        this.workers = workers;
        this.maxInFlight = maxInFlight;
        this.log = log;
        this.peer = peer;
        this.requests = new Requests(session, new Replies(session.wire(), session.structured()), log, peer);
    }

    /** Serves requests until NBD_CMD_DISC, the client's close or a protocol violation; in-flight ones finish first. */
    void run() throws IOException {
        Semaphore permits = new Semaphore(maxInFlight);
        Set<CompletableFuture<Void>> writes = ConcurrentHashMap.newKeySet();
        Wire wire = session.wire();
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
                permits.acquireUninterruptibly();
                ByteBuffer payload = null;
                try {
                    if (type == CMD_WRITE) {
                        if (length > MAX_PAYLOAD) {
                            log.accept("nbd: " + peer + ": write of " + length + " bytes is over " + MAX_PAYLOAD + ", closed");
                            permits.release();
                            return;
                        }
                        payload = Codec.read(wire, (int) length);
                    }
                } catch (IOException | RuntimeException e) {
                    permits.release();
                    throw e;
                }
                Request r = new Request(flags, type, handle, offset, length, payload);
                CompletableFuture<Void> done = new CompletableFuture<>();
                CompletableFuture<Void> before = type == CMD_FLUSH
                        ? CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)) : null;
                if (type == CMD_WRITE || type == CMD_TRIM || type == CMD_WRITE_ZEROES) {
                    writes.add(done);
                    done.whenComplete((v, t) -> writes.remove(done));
                }
                try {
                    workers.execute(() -> {
                        try {
                            if (before != null) before.join();
                            requests.serve(r);
                        } catch (Throwable t) {
                            log.accept("nbd: " + peer + ": cannot reply: " + t.getMessage() + ", closed");
                            wire.close();
                        } finally {
                            done.complete(null);
                            permits.release();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    done.complete(null);
                    permits.release();
                    return;
                }
            }
        } finally {
            permits.acquireUninterruptibly(maxInFlight);
        }
    }
}
