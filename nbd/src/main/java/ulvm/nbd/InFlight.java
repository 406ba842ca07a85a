package ulvm.nbd;

import java.util.concurrent.Semaphore;

/**
 * The caps on one connection's requests in flight: their number, and the bytes of their read and write buffers
 * (two maximum payloads), so that a connection's memory stays bounded whatever its client sends.
 */
final class InFlight {
    static final int BYTES = 2 * Protocol.MAX_PAYLOAD;
    private final int max;
    private final Semaphore requests, bytes = new Semaphore(BYTES);

    InFlight(int max) {
        this.max = max;
        this.requests = new Semaphore(max);
    }

    /** Waits for room for one more request with a buffer of {@code cost} bytes (at most a maximum payload). */
    void acquire(int cost) {
        requests.acquireUninterruptibly();
        bytes.acquireUninterruptibly(cost);
    }

    void release(int cost) {
        bytes.release(cost);
        requests.release();
    }

    /** Waits until every request in flight has finished. */
    void drain() {
        requests.acquireUninterruptibly(max);
        requests.release(max);
    }
}
