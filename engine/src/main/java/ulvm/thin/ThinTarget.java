package ulvm.thin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import ulvm.io.Allocation;
import ulvm.mapping.Target;

/**
 * One thin device of an active pool as a segment target (dm-thin's thin target): unmapped blocks read zeros; a write
 * to an unmapped block provisions one (zeroing the rest with -Z y), a write to a block shared with a snapshot breaks
 * the sharing (copy-on-write of the whole block), a write to the device's own block goes in place. A flush forces the
 * data and commits the pool's metadata. Offsets are bytes from the device's start; I/O stops at block boundaries.
 */
public final class ThinTarget implements Target {
    private static final int RETRY = -1;
    /** The most an overwrite over consecutive blocks writes at once (a FUSE write's 1 MiB). */
    private static final long RUN_BYTES = 1 << 20;

    private final PoolIo pool;
    private final long dev, size, bs;

    ThinTarget(PoolIo pool, long dev, long size) {
        this.pool = pool;
        this.dev = dev;
        this.size = size;
        this.bs = pool.blockBytes;
    }

    public long deviceId() { return dev; }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        long vb = offset / bs, within = offset % bs;
        int n = (int) Math.min(dst.remaining(), bs - within);
        Lock l = pool.cells.cell(dev, vb).readLock();
        l.lock();
        try {
            PoolMappings.Mapping m = pool.mappings.lookup(dev, vb);
            ByteBuffer piece = dst.slice(dst.position(), n);
            if (m == null) {
                while (piece.hasRemaining()) piece.put((byte) 0);
            } else {
                pool.data.readFully(m.block() * bs + within, piece);
            }
        } finally {
            l.unlock();
        }
        dst.position(dst.position() + n);
        return n;
    }

    @Override
    public int write(long offset, ByteBuffer src) throws IOException {
        long vb = offset / bs, within = offset % bs;
        if (within + src.remaining() > bs) {
            int run = overwriteRun(vb, within, src);
            if (run > 0) return run;
        }
        int n = (int) Math.min(src.remaining(), bs - within);
        ByteBuffer piece = src.slice(src.position(), n);
        ReadWriteLock cell = pool.cells.cell(dev, vb);
        cell.readLock().lock();
        try { // the common case: an overwrite of the device's own block, in place (no snapshot taken meanwhile)
            boolean done = pool.provisioning(() -> {
                PoolMappings.Mapping m = pool.mappings.lookup(dev, vb);
                if (m == null || m.shared()) return false;
                pool.data.writeFully(m.block() * bs + within, piece);
                return true;
            });
            if (done) {
                src.position(src.position() + n);
                return n;
            }
        } finally {
            cell.readLock().unlock();
        }
        cell.writeLock().lock();
        try {
            long deadline = 0;
            while (provision(vb, within, piece.duplicate()) == RETRY) {
                if (deadline == 0) deadline = pool.noSpaceDeadline();
                pool.awaitSpace(deadline);
            }
        } finally {
            cell.writeLock().unlock();
        }
        src.position(src.position() + n);
        return n;
    }

    /**
     * A write over several blocks that are the device's own (not shared) and lie back to back in the pool: one write
     * in place, under all their cells. Returns the bytes written, or 0 when the first two blocks are not such a run or
     * a cell is taken (the write then goes block by block, waiting only for its own block's cell).
     */
    private int overwriteRun(long vb, long within, ByteBuffer src) throws IOException {
        Lock own = pool.cells.cell(dev, vb).readLock(); // first, the first block alone: a write that provisions stops here
        if (!own.tryLock()) return 0;
        try {
            PoolMappings.Mapping m = pool.provisioning(() -> pool.mappings.lookup(dev, vb));
            if (m == null || m.shared()) return 0;
        } finally {
            own.unlock();
        }
        long len = Math.min(src.remaining(), RUN_BYTES);
        int k = (int) ((within + len + bs - 1) / bs);
        ReadWriteLock[] cells = pool.cells.cells(dev, vb, k);
        int locked = 0;
        try { // never waits: a cell held alone (a provisioning write queued on a full pool) sends the write block by block
            for (; locked < cells.length; locked++) if (!cells[locked].readLock().tryLock()) return 0;
            int n = pool.provisioning(() -> {
                PoolMappings.Mapping first = pool.mappings.lookup(dev, vb);
                if (first == null || first.shared()) return 0;
                int run = 1;
                for (; run < k; run++) {
                    PoolMappings.Mapping m = pool.mappings.lookup(dev, vb + run);
                    if (m == null || m.shared() || m.block() != first.block() + run) break;
                }
                if (run < 2) return 0;
                int bytes = (int) Math.min(len, run * bs - within);
                pool.data.writeFully(first.block() * bs + within, src.slice(src.position(), bytes));
                return bytes;
            });
            src.position(src.position() + n);
            return n;
        } finally {
            for (int i = 0; i < locked; i++) cells[i].readLock().unlock();
        }
    }

    /** Under the cell's exclusive lock: writes {@code piece} at {@code within} of block {@code vb}; RETRY when full. */
    private int provision(long vb, long within, ByteBuffer piece) throws IOException {
        return pool.provisioning(() -> {
            PoolMappings.Mapping m = pool.mappings.lookup(dev, vb);
            if (m != null && !m.shared()) { // provisioned while this write waited for the cell
                pool.data.writeFully(m.block() * bs + within, piece);
                return 0;
            }
            long nb = pool.tryAllocate();
            if (nb < 0) return RETRY;
            long end = within + piece.remaining();
            if (m != null) {
                if (within > 0 || end < bs) pool.copyBlock(m.block(), nb); // break sharing: the rest is the old data
            } else if (pool.zeroNewBlocks()) {
                pool.zero(nb, 0, within);
                pool.zero(nb, end, bs);
            }
            pool.data.writeFully(nb * bs + within, piece);
            pool.mappings.insert(dev, vb, nb);
            return 0;
        });
    }

    /**
     * Unmaps the whole blocks of the range (their blocks freed when no other device maps them, and with --discards
     * passdown given back by the data device after the next commit); the partial blocks at its ends are zeroed where
     * mapped, so the whole range reads zeros afterwards. With --discards ignore the pool takes no discards.
     */
    @Override
    public long discard(long offset, long len) throws IOException {
        if (pool.discards() == PoolIo.Discards.IGNORE) throw new ulvm.io.Volume.NotSupportedException("the thin pool ignores discards");
        long vb = offset / bs, within = offset % bs;
        long n = Math.min(len, bs - within);
        if (n < bs) {
            zeroMapped(vb, within, n);
            return n;
        }
        ReadWriteLock cell = pool.cells.cell(dev, vb);
        cell.writeLock().lock();
        try {
            pool.provisioning(() -> {
                pool.freed(pool.mappings.remove(dev, vb));
                return null;
            });
        } finally {
            cell.writeLock().unlock();
        }
        return n;
    }

    private void zeroMapped(long vb, long within, long n) throws IOException {
        Lock l = pool.cells.cell(dev, vb).readLock();
        l.lock();
        boolean mapped;
        try {
            mapped = pool.mappings.lookup(dev, vb) != null;
        } finally {
            l.unlock();
        }
        if (!mapped) return; // reads zeros already
        ByteBuffer zeros = ByteBuffer.allocate((int) n);
        while (zeros.hasRemaining()) {
            write(vb * bs + within + zeros.position(), zeros);
        }
    }

    /** Unmapped blocks are holes: they read zeros and take no pool space. */
    @Override
    public Allocation allocation(long offset, long len) throws IOException {
        long vb = offset / bs;
        boolean hole = pool.mappings.lookup(dev, vb) == null;
        long run = Math.min(len, bs - offset % bs);
        for (long at = offset + run; run < len && at < size; at += bs) {
            if ((pool.mappings.lookup(dev, at / bs) == null) != hole) break;
            run = Math.min(len, run + bs);
        }
        return hole ? Allocation.hole(run) : Allocation.data(run);
    }

    @Override
    public void flush() throws IOException { pool.commit(); }
}
