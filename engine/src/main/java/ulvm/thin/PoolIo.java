package ulvm.thin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import ulvm.io.BlockDevice;
import ulvm.io.Volume;

/**
 * The I/O state one active thin pool shares among its thin devices: the metadata's mappings, the data device
 * (POOL_tdata), the block size and the pool's policies. Provisioning (allocate, write, insert) runs under the commit
 * gate's shared side and a commit under its exclusive side, so a commit never records an allocated block whose
 * mapping is not in yet, and never a mapping whose data is not forced.
 */
public final class PoolIo {
    /** dm-thin's no_space_timeout: how long a full pool in queue mode holds a write before failing it. */
    public static final long DEFAULT_NO_SPACE_TIMEOUT_MS = 60_000;

    final PoolMappings mappings;
    volatile BlockDevice data;
    final long blockBytes;
    final BlockCells cells = new BlockCells(1024);
    private final ReentrantReadWriteLock commitGate = new ReentrantReadWriteLock();
    private final ReentrantLock spaceLock = new ReentrantLock();
    private final Condition spaceAdded = spaceLock.newCondition();
    private volatile boolean zeroNewBlocks, errorWhenFull;
    private volatile long noSpaceTimeoutMs = DEFAULT_NO_SPACE_TIMEOUT_MS;
    private volatile Discards discards = Discards.PASSDOWN;
    /** Data blocks discards freed since the last commit, given back by the data device after it (passdown). */
    private final java.util.Set<Long> passDown = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The pool's --discards: ignore (thin devices take no discards), nopassdown (a discard unmaps and frees blocks),
     * passdown (and the freed blocks are discarded on the data device: punched out of the PV images).
     */
    public enum Discards {
        IGNORE, NOPASSDOWN, PASSDOWN;

        /** The VG metadata's value ("passdown" when absent, LVM2's default). */
        public static Discards of(String text) { return text == null ? PASSDOWN : valueOf(text.toUpperCase(java.util.Locale.ROOT)); }
    }

    public PoolIo(PoolMappings mappings, BlockDevice data, long blockBytes, boolean zeroNewBlocks, boolean errorWhenFull) {
        if (blockBytes <= 0 || blockBytes % 512 != 0) throw new IllegalArgumentException("block size " + blockBytes);
        this.mappings = mappings;
        this.data = data;
        this.blockBytes = blockBytes;
        this.zeroNewBlocks = zeroNewBlocks;
        this.errorWhenFull = errorWhenFull;
    }

    public long blockBytes() { return blockBytes; }

    /** The pool's data device from now on (its data LV grew); call under {@link #exclusive}. */
    public void data(BlockDevice grown) { data = grown; }

    /** -Z: whether the rest of a newly provisioned block is zeroed on a partial write. */
    public void zeroNewBlocks(boolean on) { zeroNewBlocks = on; }

    boolean zeroNewBlocks() { return zeroNewBlocks; }

    /** --errorwhenfull: fail writes at once when the pool is full (y), or hold them for the timeout (n). */
    public void errorWhenFull(boolean on) {
        errorWhenFull = on;
        spaceAdded();
    }

    public void noSpaceTimeoutMs(long ms) { noSpaceTimeoutMs = ms; }

    /** lvchange --discards. */
    public void discards(Discards d) { discards = d; }

    Discards discards() { return discards; }

    /** A discard freed data block {@code block} (-1: none): with passdown it is given back after the next commit. */
    void freed(long block) {
        if (block >= 0 && discards == Discards.PASSDOWN) passDown.add(block);
    }

    /** The pool's data grew (lvextend): held writes try again. */
    public void spaceAdded() {
        spaceLock.lock();
        try {
            spaceAdded.signalAll();
        } finally {
            spaceLock.unlock();
        }
    }

    /** A thin device of this pool, {@code sizeBytes} long. */
    public ThinTarget device(long dev, long sizeBytes) { return new ThinTarget(this, dev, sizeBytes); }

    /**
     * Forces the data written so far, then commits the metadata (dm-thin's order); then the blocks discards freed are
     * discarded on the data device. Only then: until the commit the committed metadata may still map them (a crash
     * returns to it), and no block is handed out again while the commit gate is held.
     */
    public void commit() throws IOException {
        commitGate.writeLock().lock();
        try {
            data.flush();
            mappings.commit();
            passDown();
        } finally {
            commitGate.writeLock().unlock();
        }
    }

    /** Discards the freed blocks on the data device, a run of consecutive ones at a time. */
    private void passDown() throws IOException {
        if (passDown.isEmpty()) return;
        long[] blocks = passDown.stream().mapToLong(Long::longValue).sorted().toArray();
        passDown.clear();
        for (int i = 0; i < blocks.length; ) {
            int j = i + 1;
            while (j < blocks.length && blocks[j] == blocks[j - 1] + 1) j++;
            data.discard(blocks[i] * blockBytes, (blocks[j - 1] - blocks[i] + 1) * blockBytes);
            i = j;
        }
    }

    /** Runs a provisioning step (allocate, write, insert) where no commit can fall between its parts. */
    <T> T provisioning(IoStep<T> step) throws IOException {
        commitGate.readLock().lock();
        try {
            return step.run();
        } finally {
            commitGate.readLock().unlock();
        }
    }

    /**
     * Runs {@code step} with no provisioning or overwrite in flight (pool messages: a snapshot makes its origin's
     * blocks shared, so no write may go in place while it is taken), then forgets the cached lookups.
     */
    public <T> T exclusive(IoStep<T> step) throws IOException {
        commitGate.writeLock().lock();
        try {
            return step.run();
        } finally {
            if (mappings instanceof MetadataMappings m) m.clearCache();
            commitGate.writeLock().unlock();
        }
    }

    public interface IoStep<T> {
        T run() throws IOException;
    }

    /** A free block, or -1 when the pool is full (the caller leaves the commit gate and calls {@link #awaitSpace}). */
    long tryAllocate() throws IOException {
        try {
            return mappings.allocate();
        } catch (PoolMappings.PoolFullException e) {
            return -1;
        }
    }

    /** The deadline of a write that found the pool full now, for {@link #awaitSpace}. */
    long noSpaceDeadline() { return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(noSpaceTimeoutMs); }

    /**
     * Waits a while for the pool to grow: with --errorwhenfull y, or past {@code deadline}, fails the write at once
     * (dm-thin's error_if_no_space, and queue_if_no_space's timeout).
     */
    void awaitSpace(long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (errorWhenFull || left <= 0) throw new Volume.NoSpaceException("the thin pool is full");
        spaceLock.lock();
        try {
            spaceAdded.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new Volume.NoSpaceException("the thin pool is full");
        } finally {
            spaceLock.unlock();
        }
    }

    /** Copies block {@code from} to block {@code to} whole, through a buffer of at most 1 MiB. */
    void copyBlock(long from, long to) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(blockBytes, 1 << 20));
        for (long at = 0; at < blockBytes; at += b.capacity()) {
            b.clear().limit((int) Math.min(b.capacity(), blockBytes - at));
            data.readFully(from * blockBytes + at, b);
            b.flip();
            data.writeFully(to * blockBytes + at, b);
        }
    }

    /** Writes zeros over {@code [from, to)} of block {@code block}. */
    void zero(long block, long from, long to) throws IOException {
        if (to > from) BlockDevice.writeZeros(data, block * blockBytes + from, to - from);
    }
}
