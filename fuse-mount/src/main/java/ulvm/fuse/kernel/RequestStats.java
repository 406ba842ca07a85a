package ulvm.fuse.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many READ and WRITE requests arrived of each size (by power of two), and the most that were being served at
 * once, for the log when the session ends and for tests.
 */
final class RequestStats {
    private static final int BUCKETS = 32;
    private final LongAdder[] reads = adders();
    private final LongAdder[] writes = adders();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final java.util.concurrent.ConcurrentHashMap<Integer, LongAdder> enosys = new java.util.concurrent.ConcurrentHashMap<>();

    void read(int bytes) {
        reads[bucket(bytes)].increment();
    }

    void write(int bytes) {
        writes[bucket(bytes)].increment();
    }

    /** A request of {@code opcode} is answered ENOSYS (the kernel then stops sending most kinds: LSEEK, FALLOCATE...). */
    void notImplemented(int opcode) {
        enosys.computeIfAbsent(opcode, k -> new LongAdder()).increment();
    }

    /** How many requests of {@code opcode} were answered ENOSYS. */
    long notImplementedCount(int opcode) {
        LongAdder n = enosys.get(opcode);
        return n == null ? 0 : n.sum();
    }

    /** A READ or WRITE starts being served. */
    void begin() {
        int n = inFlight.incrementAndGet();
        if (n > mostInFlight.get()) mostInFlight.accumulateAndGet(n, Math::max);
    }

    void end() {
        inFlight.decrementAndGet();
    }

    /** The most READs and WRITEs served at the same time so far. */
    int mostInFlight() {
        return mostInFlight.get();
    }

    /** E.g. "reads 4K:12 1M:3; writes 1M:40" (a bucket named by the power of two at or above its sizes). */
    String summary() {
        return "reads " + line(reads) + "; writes " + line(writes) + "; at most " + mostInFlight() + " at once";
    }

    private static String line(LongAdder[] a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < BUCKETS; i++) {
            long n = a[i].sum();
            if (n == 0) continue;
            if (sb.length() > 0) sb.append(' ');
            long size = 1L << i;
            sb.append(size >= 1 << 20 ? (size >> 20) + "M" : size >= 1024 ? (size >> 10) + "K" : Long.toString(size)).append(':').append(n);
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** The smallest i with bytes <= 2^i. */
    static int bucket(int bytes) {
        return bytes <= 1 ? 0 : Math.min(BUCKETS - 1, 32 - Integer.numberOfLeadingZeros(bytes - 1));
    }

    private static LongAdder[] adders() {
        LongAdder[] a = new LongAdder[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) a[i] = new LongAdder();
        return a;
    }
}
