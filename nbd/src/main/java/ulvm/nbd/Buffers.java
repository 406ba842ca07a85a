package ulvm.nbd;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers for request payloads and read data, reused: a read from an image file into one and its write to
 * the socket skip the JDK's copies through a temporary direct buffer. Larger requests get a heap buffer.
 */
final class Buffers {
    static final int SIZE = 2 << 20;
    private static final int KEPT = 32;
    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger kept = new AtomicInteger();

    /** A buffer with position 0 and limit {@code n}; hand it back with {@link #give} once written. */
    ByteBuffer take(int n) {
        if (n > SIZE) return ByteBuffer.allocate(n);
        ByteBuffer b = free.poll();
        if (b == null) b = ByteBuffer.allocateDirect(SIZE);
        else kept.decrementAndGet();
        return b.clear().limit(n);
    }

    void give(ByteBuffer b) {
        if (b == null || !b.isDirect() || b.capacity() != SIZE) return;
        if (kept.incrementAndGet() <= KEPT) free.offer(b);
        else kept.decrementAndGet();
    }
}
