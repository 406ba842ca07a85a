package ulvm.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import ulvm.mapping.Target;

/**
 * The target of a snapshot's file: a chunk with an exception reads from (and is written to) the COW; any other
 * reads from the origin under the chunk's lock, so an origin write cannot slip between the lookup and the read. A
 * write to a chunk without exception copies the origin chunk, writes over it and commits the exception. An invalid
 * store fails every read and write (EIO).
 */
final class SnapshotView implements Target {
    private final SnapshotOrigin origin;
    private final CowStore store;

    SnapshotView(SnapshotOrigin origin, CowStore store) {
        this.origin = origin;
        this.store = store;
    }

    private void checkValid() throws IOException {
        if (!store.valid()) throw new IOException("snapshot " + store.name() + " is invalid (its COW store overflowed)");
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        checkValid();
        int cb = store.chunkBytes();
        long chunk = offset / cb;
        int n = (int) Math.min(dst.remaining(), (chunk + 1) * cb - offset);
        int lim = dst.limit();
        dst.limit(dst.position() + n);
        try {
            long cc = store.lookup(chunk);
            if (cc != 0) {
                store.cow().read(cc * cb + (offset - chunk * cb), dst);
            } else {
                ReentrantLock l = origin.lockOf(offset);
                l.lock();
                try {
                    cc = store.lookup(chunk);
                    if (cc != 0) store.cow().read(cc * cb + (offset - chunk * cb), dst);
                    else origin.base().read(offset, dst);
                } finally {
                    l.unlock();
                }
            }
            checkValid(); // overflowed meanwhile: what was read may be the origin's new data
            return n;
        } finally {
            dst.limit(lim);
        }
    }

    @Override
    public int write(long offset, ByteBuffer src) throws IOException {
        checkValid();
        int cb = store.chunkBytes();
        long chunk = offset / cb;
        int within = (int) (offset - chunk * cb);
        int n = (int) Math.min(src.remaining(), cb - within);
        int lim = src.limit();
        src.limit(src.position() + n);
        try {
            long cc = store.lookup(chunk);
            if (cc != 0) {
                store.cow().write(cc * cb + within, src);
                return n;
            }
            ReentrantLock l = origin.lockOf(offset);
            l.lock();
            try {
                cc = store.lookup(chunk);
                if (cc != 0) {
                    store.cow().write(cc * cb + within, src);
                    return n;
                }
                cc = store.allocate();
                if (cc < 0) {
                    store.invalidate();
                    throw new IOException("snapshot " + store.name() + " is full: invalidated");
                }
                ByteBuffer b = ByteBuffer.allocate(cb);
                if (n < cb) {
                    b.limit((int) Math.max(0, Math.min(cb, origin.size() - chunk * cb)));
                    origin.base().read(chunk * cb, b);
                }
                b.clear().position(within);
                b.put(src);
                b.clear();
                store.writeData(cc, b);
                store.commit(chunk, cc);
                return n;
            } finally {
                l.unlock();
            }
        } finally {
            src.limit(lim);
        }
    }

    /** A snapshot's file keeps its space: its chunks are allocated in the COW store for good. */
    @Override
    public long discard(long offset, long len) throws IOException {
        throw new ulvm.io.Volume.NotSupportedException("snapshot " + store.name() + " cannot discard");
    }

    @Override
    public void flush() throws IOException { store.cow().flush(); }
}
