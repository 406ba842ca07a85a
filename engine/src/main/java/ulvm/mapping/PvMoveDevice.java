package ulvm.mapping;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import ulvm.io.BlockDevice;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;
import ulvm.segtype.MirrorType;
import ulvm.segtype.StripedType;

/**
 * A pvmove LV seen as a device (positions are bytes of the pvmove LV), for the stripes of moved LVs that point into
 * it. Built from committed metadata, immutable: a segment stored as complete (extents_moved = length, non-atomic)
 * maps to its destination only; every other extent reads from the source and writes to the source, then the
 * destination, under the move's read lock (the copier holds the write lock while it copies a chunk). An incomplete
 * segment keeps the source current because an abort or a crash followed by an abort returns it there.
 *
 * <p>The table is flattened into pieces (split at segment, image-segment and PV boundaries) when built; I/O narrows
 * the buffer's limit in place and allocates nothing.
 */
public final class PvMoveDevice implements BlockDevice {
    private final String name;
    private final long[] starts;
    private final long size;
    private final BlockDevice[] src;
    private final long[] srcPos;
    /** null for a piece with one copy. */
    private final BlockDevice[] dst;
    private final long[] dstPos;
    private final BlockDevice[] all;
    private final MoveLock writes;

    private PvMoveDevice(String name, List<long[]> pos, List<BlockDevice[]> devs, long size, MoveLock writes) {
        this.name = name;
        int n = pos.size();
        starts = new long[n];
        srcPos = new long[n];
        dstPos = new long[n];
        src = new BlockDevice[n];
        dst = new BlockDevice[n];
        Set<BlockDevice> every = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            starts[i] = pos.get(i)[0];
            srcPos[i] = pos.get(i)[1];
            dstPos[i] = pos.get(i)[2];
            src[i] = devs.get(i)[0];
            dst[i] = devs.get(i)[1];
            every.add(src[i]);
            if (dst[i] != null) every.add(dst[i]);
        }
        this.all = every.toArray(new BlockDevice[0]);
        this.size = size;
        this.writes = writes;
    }

    /** The device of pvmove LV {@code mv}; {@code writes}: the move's lock. */
    public static PvMoveDevice of(Vg vg, Lv mv, Function<String, BlockDevice> devices, MoveLock writes) throws IOException {
        List<long[]> pos = new ArrayList<>();
        List<BlockDevice[]> devs = new ArrayList<>();
        long eb = vg.extentBytes();
        boolean atomic = MirrorType.atomic(mv);
        for (Segment s : mv.segments()) {
            MirrorSegment m = MirrorType.view(s);
            StripedSegment st = StripedType.linear(s);
            if (m != null && m.mirrors().size() == 2) {
                boolean complete = !atomic && m.extentsMoved() != null && m.extentsMoved() >= m.count();
                for (long e = 0; e < m.count(); ) {
                    Run a = run(vg, m.mirrors().get(0), e), b = run(vg, m.mirrors().get(1), e);
                    long len = Math.min(m.count() - e, Math.min(a.len, b.len));
                    Run one = complete ? b : a;
                    pos.add(new long[] {(s.start() + e) * eb, offset(vg, one), complete ? 0 : offset(vg, b)});
                    devs.add(new BlockDevice[] {device(devices, one.pv), complete ? null : device(devices, b.pv)});
                    e += len;
                }
            } else if (st != null) { // an atomic move collapsed by the finish
                for (long e = 0; e < s.count(); ) {
                    Run a = run(vg, st.stripes().get(0), e);
                    long len = Math.min(s.count() - e, a.len);
                    pos.add(new long[] {(s.start() + e) * eb, offset(vg, a), 0});
                    devs.add(new BlockDevice[] {device(devices, a.pv), null});
                    e += len;
                }
            } else {
                throw new IOException(mv.name() + ": segment type " + s.type() + " is not mapped");
            }
        }
        return new PvMoveDevice(mv.name(), pos, devs, mv.extents() * eb, writes);
    }

    /** A PV extent run: {@code pv}, first extent {@code pe}, {@code len} extents contiguous from there. */
    private record Run(String pv, long pe, long len) {}

    private static Run run(Vg vg, Area a, long e) throws IOException {
        if (a instanceof Area.OnPv p) return new Run(p.pvId(), p.pe() + e, Long.MAX_VALUE);
        Area.OnLv l = (Area.OnLv) a;
        Lv img = vg.lv(l.lv()).orElseThrow(() -> new IOException("image " + l.lv() + " not found"));
        long le = l.le() + e;
        for (Segment s : img.segments())
            if (le >= s.start() && le < s.end() && StripedType.linear(s) != null && s.areas().get(0) instanceof Area.OnPv p)
                return new Run(p.pvId(), p.pe() + (le - s.start()), s.end() - le);
        throw new IOException("extent " + le + " of " + l.lv() + " is not on one PV");
    }

    private static long offset(Vg vg, Run r) throws IOException {
        Pv pv = vg.pv(r.pv).orElseThrow(() -> new IOException("PV " + r.pv + " not in VG"));
        return pv.peStart() * 512 + r.pe * vg.extentBytes();
    }

    private static BlockDevice device(Function<String, BlockDevice> devices, String pv) throws IOException {
        BlockDevice d = devices.apply(pv);
        if (d == null) throw new IOException("PV " + pv + " is missing");
        return d;
    }

    @Override public String name() { return name; }

    @Override public long size() { return size; }

    private int find(long pos) throws IOException {
        if (pos < 0 || pos >= size || starts.length == 0) throw new IOException(name + ": offset " + pos + " outside the LV");
        int i = Arrays.binarySearch(starts, pos);
        return i >= 0 ? i : -i - 2;
    }

    @Override
    public void readFully(long pos, ByteBuffer dst) throws IOException {
        io(pos, dst, false);
    }

    @Override
    public void writeFully(long pos, ByteBuffer src) throws IOException {
        io(pos, src, true);
    }

    private void io(long pos, ByteBuffer buf, boolean write) throws IOException {
        int end = buf.limit();
        long p = pos;
        try {
            while (buf.position() < end) {
                int i = find(p);
                long pieceEnd = i + 1 < starts.length ? starts[i + 1] : size;
                int n = (int) Math.min(end - buf.position(), pieceEnd - p);
                buf.limit(buf.position() + n);
                long within = p - starts[i];
                if (!write) src[i].readFully(srcPos[i] + within, buf);
                else if (dst[i] == null) src[i].writeFully(srcPos[i] + within, buf);
                else {
                    writes.beginWrite(p, p + n);
                    try {
                        int at = buf.position();
                        src[i].writeFully(srcPos[i] + within, buf);
                        buf.position(at);
                        dst[i].writeFully(dstPos[i] + within, buf);
                    } finally {
                        writes.endWrite(p, p + n);
                    }
                }
                buf.limit(end);
                p += n;
            }
        } finally {
            buf.limit(end);
        }
    }

    /** A discard is a write: on the source, and on the destination too where the piece has one (under the move's lock). */
    @Override
    public void discard(long pos, long len) throws IOException {
        long end = pos + len;
        for (long p = pos; p < end; ) {
            int i = find(p);
            long pieceEnd = i + 1 < starts.length ? starts[i + 1] : size;
            long n = Math.min(end, pieceEnd) - p;
            long within = p - starts[i];
            if (dst[i] == null) {
                src[i].discard(srcPos[i] + within, n);
            } else {
                writes.beginWrite(p, p + n);
                try {
                    src[i].discard(srcPos[i] + within, n);
                    dst[i].discard(dstPos[i] + within, n);
                } finally {
                    writes.endWrite(p, p + n);
                }
            }
            p += n;
        }
    }

    @Override
    public void flush() throws IOException {
        for (BlockDevice d : all) d.flush();
    }

    @Override public void close() { } // the images belong to the caller
}
