package ulvm.e2e.crash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Random;
import ulvm.io.Volume;

/** Stamped 4 KiB writes and fsyncs on one LV, told to its {@link Oracle} before they are issued. */
final class Workload {
    final Oracle oracle;
    private final Volume volume;
    private final Random random;
    private long next;
    /** Blocks the random writes may touch (the LV's size now). */
    private int limit;

    /** {@code firstVersion}: versions of this workload start there (distinct from earlier workloads on the LV). */
    Workload(Oracle oracle, Volume volume, Random random, long firstVersion) {
        this.oracle = oracle;
        this.volume = volume;
        this.random = random;
        this.next = firstVersion;
        this.limit = oracle.blocks;
    }

    /** Random writes stay below {@code blocks} (the LV is smaller than the oracle until it grows). */
    Workload within(int blocks) {
        limit = blocks;
        return this;
    }

    long nextVersion() { return next; }

    void write(int block) throws IOException {
        long v = next++;
        oracle.writing(block, v);
        volume.write((long) block * Stamps.BLOCK, ByteBuffer.wrap(Stamps.block(block, v)));
    }

    /**
     * A write of one block that a full thin pool may refuse ({@code --errorwhenfull y}, or queued past its timeout):
     * false then, and the oracle forgets it (a write within one pool chunk fails whole).
     */
    boolean tryWrite(int block) throws IOException {
        long v = next;
        try {
            write(block);
            return true;
        } catch (Volume.NoSpaceException e) {
            oracle.failed(block, v);
            return false;
        }
    }

    /** A discard of {@code count} blocks from {@code first}: they read zeros once it lands. */
    void discard(int first, int count) throws IOException {
        for (int i = 0; i < count; i++) oracle.zeroing(first + i, next++);
        volume.discard((long) first * Stamps.BLOCK, (long) count * Stamps.BLOCK);
    }

    void fsync() throws IOException {
        Map<Integer, Long> before = oracle.newest();
        volume.flush();
        oracle.synced(before);
    }

    /** One I/O over {@code count} blocks from {@code first}, each stamped with a version of its own. */
    void write(int first, int count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(count * Stamps.BLOCK);
        for (int i = 0; i < count; i++) {
            long v = next++;
            oracle.writing(first + i, v);
            b.put(Stamps.block(first + i, v));
        }
        volume.write((long) first * Stamps.BLOCK, b.flip());
    }

    /**
     * {@code n} writes to random blocks (one in four spans 2-32 blocks, across raid regions and COW chunks), an fsync
     * after each with probability {@code syncEvery}^-1.
     */
    void random(int n, int syncEvery) throws IOException {
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0) {
                int count = 2 + random.nextInt(31);
                write(random.nextInt(limit - count), count);
            } else {
                write(random.nextInt(limit));
            }
            if (random.nextInt(syncEvery) == 0) fsync();
        }
    }

    /** Every block once, then fsync. */
    void fill() throws IOException {
        for (int b = 0; b < oracle.blocks; b++) write(b);
        fsync();
    }
}
