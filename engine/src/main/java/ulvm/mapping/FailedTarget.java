package ulvm.mapping;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The mapping of an LV whose new table could not be loaded after its metadata committed: every I/O fails with EIO
 * (as dm's error target), because the old table no longer describes where the data is. Reactivation replaces it.
 */
public final class FailedTarget implements Target {
    private final String why;

    public FailedTarget(String why) { this.why = why; }

    /** A whole LV of {@code size} bytes that fails every I/O. */
    public static LvTable table(long size, String why) {
        return new LvTable(new long[] {0}, new Target[] {new FailedTarget(why)}, size);
    }

    @Override public int read(long offset, ByteBuffer dst) throws IOException { throw fail(); }

    @Override public int write(long offset, ByteBuffer src) throws IOException { throw fail(); }

    @Override public long discard(long offset, long len) throws IOException { throw fail(); }

    @Override public void flush() { } // nothing was written through it

    private IOException fail() { return new IOException("Input/output error: " + why); }
}
