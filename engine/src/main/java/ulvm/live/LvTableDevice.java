package ulvm.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import ulvm.io.BlockDevice;
import ulvm.mapping.LvTable;

/** A sub-LV's mapping as a block device (a thin pool's data and metadata LVs); closing it closes no image. */
final class LvTableDevice implements BlockDevice {
    private final String name;
    private final LvTable table;

    LvTableDevice(String name, LvTable table) {
        this.name = name;
        this.table = table;
    }

    @Override public String name() { return name; }

    @Override public long size() { return table.size(); }

    @Override
    public void readFully(long pos, ByteBuffer dst) throws IOException {
        if (pos < 0 || pos + dst.remaining() > table.size()) throw new IOException(name + ": read past the end");
        while (dst.hasRemaining()) pos += table.read(pos, dst);
    }

    @Override
    public void writeFully(long pos, ByteBuffer src) throws IOException {
        if (pos < 0 || pos + src.remaining() > table.size()) throw new IOException(name + ": write past the end");
        table.write(pos, src);
    }

    /** As an LV's discard: the images punch the range (a pool's data LV with --discards passdown). */
    @Override
    public void discard(long pos, long len) throws IOException {
        if (pos < 0 || pos + len > table.size()) throw new IOException(name + ": discard past the end");
        table.discard(pos, len);
    }

    @Override public void flush() throws IOException { table.flush(); }

    @Override public void close() { }
}
