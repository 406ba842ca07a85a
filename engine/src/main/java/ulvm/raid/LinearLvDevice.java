package ulvm.raid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Function;
import ulvm.io.BlockDevice;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;
import ulvm.segtype.StripedType;

/**
 * A linear sub-LV (an rmeta) as a block device: its segments' extents on PV images, in LV order. Durable writes go
 * through each image's {@link BlockDevice#writeDurably}.
 */
final class LinearLvDevice implements BlockDevice {
    private final String name;
    private final long[] starts;   // byte offset in the LV of each piece
    private final BlockDevice[] devs;
    private final long[] bases;    // byte offset of each piece on its image
    private final long size;

    private LinearLvDevice(String name, long[] starts, BlockDevice[] devs, long[] bases, long size) {
        this.name = name;
        this.starts = starts;
        this.devs = devs;
        this.bases = bases;
        this.size = size;
    }

    static LinearLvDevice of(Vg vg, Lv lv, Function<String, BlockDevice> devices) throws IOException {
        int n = lv.segments().size();
        long[] starts = new long[n];
        BlockDevice[] devs = new BlockDevice[n];
        long[] bases = new long[n];
        long eb = vg.extentBytes();
        for (int i = 0; i < n; i++) {
            Segment s = lv.segments().get(i);
            StripedSegment st = StripedType.linear(s);
            if (st == null || !(st.stripes().get(0) instanceof Area.OnPv on))
                throw new IOException(lv.name() + ": a raid metadata sub-LV must be linear on PVs");
            Pv pv = vg.pv(on.pvId()).orElseThrow(() -> new IOException(lv.name() + ": unknown PV " + on.pvId()));
            devs[i] = devices.apply(on.pvId());
            if (devs[i] == null) throw new IOException(lv.name() + ": PV " + on.pvId() + " is missing");
            starts[i] = s.start() * eb;
            bases[i] = pv.peStart() * 512 + on.pe() * eb;
        }
        return new LinearLvDevice(vg.name() + "/" + lv.name(), starts, devs, bases, lv.extents() * eb);
    }

    @Override public String name() { return name; }

    @Override public long size() { return size; }

    private interface Io { void run(BlockDevice d, long pos, ByteBuffer b) throws IOException; }

    private void io(long pos, ByteBuffer buf, Io op) throws IOException {
        if (pos < 0 || pos + buf.remaining() > size) throw new IOException(name + ": I/O past the end");
        int end = buf.limit();
        try {
            while (buf.position() < end) {
                int i = n(pos);
                long pieceEnd = i + 1 < starts.length ? starts[i + 1] : size;
                buf.limit((int) Math.min(end, buf.position() + (pieceEnd - pos)));
                int len = buf.remaining();
                op.run(devs[i], bases[i] + pos - starts[i], buf);
                pos += len;
                buf.limit(end);
            }
        } finally {
            buf.limit(end);
        }
    }

    private int n(long pos) {
        int i = starts.length - 1;
        while (starts[i] > pos) i--;
        return i;
    }

    @Override public void readFully(long pos, ByteBuffer dst) throws IOException { io(pos, dst, BlockDevice::readFully); }

    @Override public void writeFully(long pos, ByteBuffer src) throws IOException { io(pos, src, BlockDevice::writeFully); }

    @Override public void writeDurably(long pos, ByteBuffer src) throws IOException { io(pos, src, BlockDevice::writeDurably); }

    @Override
    public void flush() throws IOException {
        for (BlockDevice d : devs) d.flush();
    }

    /** The images are shared with the rest of the daemon: closing this view closes nothing. */
    @Override public void close() { }
}
