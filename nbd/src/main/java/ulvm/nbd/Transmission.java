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
 * The transmission phase of one connection: requests are read one after another and served concurrently (at most
 * {@code maxInFlight} at once), replies go out tagged by handle. A FLUSH waits for the writes received before it.
 */
final class Transmission {
    /** One request as read off the wire; {@code payload} is a write's data. */
    record Request(int flags, int type, long handle, long offset, long length, ByteBuffer payload, int cost) {
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

    /**
     * Serves requests until NBD_CMD_DISC, the client's close or a protocol violation; in-flight ones finish first.
     * Leader and followers: the thread that read a request hands the reading of the next one to a worker and serves
     * its own request at once, so no thread hand-off lies between a request's arrival and its service.
     */
    void run() throws IOException {
        InFlight inFlight = new InFlight(maxInFlight);
        Set<CompletableFuture<Void>> writes = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        try {
            readAndServe(inFlight, writes, ended);
            try {
                ended.join();
            } catch (java.util.concurrent.CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) throw io;
                if (cause instanceof RuntimeException re) throw re;
                if (cause instanceof Error err) throw err;
                throw new IOException(cause);
            }
        } finally {
            inFlight.drain();
        }
    }

    /** Reads one request; then a worker reads the next while this thread serves it. Ends {@code ended} at the last. */
    private void readAndServe(InFlight inFlight, Set<CompletableFuture<Void>> writes, CompletableFuture<Void> ended) {
        Request r;
        try {
            r = read(inFlight);
        } catch (Throwable t) {
            ended.completeExceptionally(t);
            return;
        }
        if (r == null) {
            ended.complete(null);
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> before = r.type() == CMD_FLUSH
                ? CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)) : null;
        if (r.type() == CMD_WRITE || r.type() == CMD_TRIM || r.type() == CMD_WRITE_ZEROES) {
            writes.add(done);
            done.whenComplete((v, t) -> writes.remove(done));
        }
        boolean next = true;
        try {
            workers.execute(() -> readAndServe(inFlight, writes, ended));
        } catch (RejectedExecutionException e) {
            next = false; // the server is shutting down: this request is the last one served
        }
        try {
            if (before != null) before.join();
            requests.serve(r);
        } catch (Throwable t) {
            log.accept("nbd: " + peer + ": cannot reply: " + t.getMessage() + ", closed");
            wire.close();
        } finally {
            buffers.give(r.payload());
            done.complete(null);
            inFlight.release(r.cost());
            if (!next) ended.complete(null);
        }
    }

    /** The next request off the wire, with its cost acquired from {@code inFlight}; null at the end of the session. */
    private Request read(InFlight inFlight) throws IOException {
        ByteBuffer h = Codec.read(wire, 28);
        if (h.getInt() != REQUEST_MAGIC) {
            log.accept("nbd: " + peer + ": bad request magic, closed");
            return null;
        }
        int flags = Short.toUnsignedInt(h.getShort()), type = Short.toUnsignedInt(h.getShort());
        long handle = h.getLong(), offset = h.getLong(), length = Integer.toUnsignedLong(h.getInt());
        if (type == CMD_DISC) return null;
        if (type == CMD_WRITE && length > MAX_PAYLOAD) {
            log.accept("nbd: " + peer + ": write of " + length + " bytes is over " + MAX_PAYLOAD + ", closed");
            return null;
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
        return new Request(flags, type, handle, offset, length, payload, cost);
    }
}
