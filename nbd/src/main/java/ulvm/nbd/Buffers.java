package ulvm.nbd;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers for request payloads and read data, reused: a read from an image file into one and its write to
 * the socket skip the JDK's copies through a temporary direct buffer. Two sizes are kept, so that the many small
 * requests of a deep queue (nbdcopy: four connections of 16 each) reuse small buffers rather than allocating large
 * ones; larger requests get a heap buffer.
 */
final class Buffers {
    static final int SIZE = 2 << 20;
    private final Pool small = new Pool(256 << 10, 128), large = new Pool(SIZE, 32);

    /** A buffer with position 0 and limit {@code n}; hand it back with {@link #give} once written. */
    ByteBuffer take(int n) {
        if (n > SIZE) return ByteBuffer.allocate(n);
        return (n <= small.size ? small : large).take().clear().limit(n);
    }

    void give(ByteBuffer b) {
        if (b == null || !b.isDirect()) return;
        if (b.capacity() == small.size) small.give(b);
        else if (b.capacity() == large.size) large.give(b);
    }

    /** Direct buffers of one size, at most {@code keep} of them kept. */
    private static final class Pool {
        final int size, keep;
        private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
        private final AtomicInteger kept = new AtomicInteger();

        Pool(int size, int keep) {
            this.size = size;
            this.keep = keep;
        }

        ByteBuffer take() {
            ByteBuffer b = free.poll();
            if (b == null) return ByteBuffer.allocateDirect(size);
            kept.decrementAndGet();
            return b;
        }

        void give(ByteBuffer b) {
            if (kept.incrementAndGet() <= keep) free.offer(b);
            else kept.decrementAndGet();
        }
    }
}
