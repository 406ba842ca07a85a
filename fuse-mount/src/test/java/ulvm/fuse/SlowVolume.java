package ulvm.fuse;

import java.io.IOException;
import java.nio.ByteBuffer;
import ulvm.io.Volume;

/** A test {@link Volume} whose reads and writes each take at least {@code delayMs}, so that overlapping ones show. */
final class SlowVolume implements Volume {
    private final Volume inner;
    private final long delayMs;

    SlowVolume(Volume inner, long delayMs) {
        this.inner = inner;
        this.delayMs = delayMs;
    }

    @Override public long size() { return inner.size(); }

    @Override public boolean readOnly() { return inner.readOnly(); }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        pause();
        return inner.read(offset, dst);
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        pause();
        inner.write(offset, src);
    }

    @Override public void flush() throws IOException { inner.flush(); }

    private void pause() throws IOException {
        try {
            Thread.sleep(delayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }
}
