package ulvm.mapping;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The lock of one running pvmove, by byte ranges of its pvmove LV. A write to an incomplete piece (it goes to source
 * and destination) registers its range for as long as it runs; the copier claims the chunk it copies (read source,
 * write destination, force): new writes to that chunk wait, writes in flight there drain first, and writes anywhere
 * else in the move go on meanwhile, so no write slips between the copier's read and its write.
 */
public final class MoveLock {
    /** The chunk being copied, [copyFrom, copyTo); copyFrom -1 when none. */
    private long copyFrom = -1, copyTo = -1;
    private final List<long[]> writing = new ArrayList<>();

    /** Before a write to [from, to): waits while the copier holds an overlapping chunk. */
    public synchronized void beginWrite(long from, long to) throws IOException {
        while (copyFrom >= 0 && from < copyTo && copyFrom < to) await();
        writing.add(new long[] {from, to});
    }

    /** After the write begun with the same range. */
    public synchronized void endWrite(long from, long to) {
        for (int i = writing.size() - 1; i >= 0; i--) {
            long[] w = writing.get(i);
            if (w[0] == from && w[1] == to) {
                writing.remove(i);
                break;
            }
        }
        notifyAll();
    }

    /** The copier claims [from, to): returns once no write there is in flight; closing releases it. */
    public synchronized AutoCloseable copy(long from, long to) throws IOException {
        while (copyFrom >= 0) await(); // one copier at a time
        copyFrom = from;
        copyTo = to;
        try {
            while (writingWithin(from, to)) await();
        } catch (IOException e) {
            release();
            throw e;
        }
        return this::release;
    }

    private synchronized void release() {
        copyFrom = copyTo = -1;
        notifyAll();
    }

    private boolean writingWithin(long from, long to) {
        for (long[] w : writing) if (from < w[1] && w[0] < to) return true;
        return false;
    }

    private void await() throws IOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a pvmove chunk");
        }
    }
}
