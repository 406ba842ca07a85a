package ulvm.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Stands for a missing PV in an LV activated with {@code --activationmode partial}: every I/O fails, as dm's error target. */
public final class MissingDevice implements BlockDevice {
    private final String name;
    private final long size;

    public MissingDevice(String name, long size) {
        this.name = name;
        this.size = size;
    }

    @Override public String name() { return name; }

    @Override public long size() { return size; }

    @Override public void readFully(long pos, ByteBuffer dst) throws IOException { throw gone(); }

    @Override public void writeFully(long pos, ByteBuffer src) throws IOException { throw gone(); }

    @Override public void flush() { } // nothing of it was written

    @Override public void close() { }

    private IOException gone() { return new IOException("PV " + name + " is missing"); }
}
