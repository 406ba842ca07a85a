package ulvm.fuse.nbd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import ulvm.io.Allocation;
import ulvm.io.Volume;
import ulvm.live.LiveVolume;
import ulvm.nbd.Export;
import ulvm.raid.TrackedRegions;

/**
 * One client's open LV: its I/O goes to the LV's live volume (the object the FUSE file uses); block status from the
 * images' holes and, for a raid1 LV with a tracked split image, the regions written since the split ("track").
 */
final class LvExport implements Export {
    /** Extents per block-status reply at most (the client asks again for the rest). */
    static final int MAX_EXTENTS = 1024;
    static final String TRACK = "track";
    private final Volume volume;
    private final boolean readOnly;
    private final Runnable closed;
    private final AtomicBoolean open = new AtomicBoolean(true);

    LvExport(Volume live, boolean readOnly, Runnable closed) {
        this.volume = readOnly && !live.readOnly() ? readOnlyView(live) : live;
        this.readOnly = readOnly;
        this.closed = closed;
    }

    @Override public Volume volume() { return volume; }

    @Override public boolean readOnly() { return readOnly; }

    @Override
    public List<Extent> allocation(long offset, long length) throws IOException {
        if (!(unwrapped() instanceof LiveVolume lv)) return Export.super.allocation(offset, length);
        long end = Math.min(offset + length, lv.size());
        List<Extent> out = new ArrayList<>();
        for (long at = offset; at < end && out.size() < MAX_EXTENTS; ) {
            Allocation a = lv.allocation(at, end - at);
            if (a.length() <= 0) break;
            add(out, a.length(), a.hole() ? HOLE | ZERO : 0);
            at += a.length();
        }
        return out.isEmpty() ? pastTheEnd(length) : out;
    }

    @Override
    public List<String> dirtyBitmaps() {
        return unwrapped() instanceof LiveVolume lv && lv.tracked() != null ? List.of(TRACK) : List.of();
    }

    @Override
    public List<Extent> dirtyBitmap(String name, long offset, long length) throws IOException {
        TrackedRegions t = TRACK.equals(name) && unwrapped() instanceof LiveVolume lv ? lv.tracked() : null;
        long end = Math.min(offset + length, volume.size());
        if (offset >= end) return pastTheEnd(length);
        if (t == null) return Export.super.dirtyBitmap(name, offset, length);
        List<Extent> out = new ArrayList<>();
        for (long at = offset; at < end && out.size() < MAX_EXTENTS; ) {
            long to = t.runEnd(at, end);
            add(out, to - at, t.dirty(at) ? DIRTY : 0);
            at = to;
        }
        return out;
    }

    /** Past the end of an LV that shrank while the client had it open: data, as the default says. */
    private static List<Extent> pastTheEnd(long length) { return List.of(new Extent(Math.max(1, length), 0)); }

    /** Appends an extent, merged into the last one when its flags are the same. */
    private static void add(List<Extent> out, long length, int flags) {
        int last = out.size() - 1;
        if (last >= 0 && out.get(last).flags() == flags) out.set(last, new Extent(out.get(last).length() + length, flags));
        else out.add(new Extent(length, flags));
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) closed.run();
    }

    private Volume unwrapped() { return volume instanceof ReadOnlyView r ? r.live : volume; }

    private static Volume readOnlyView(Volume live) { return new ReadOnlyView(live); }

    /** An LV exported --readonly: its reads, no writes. */
    private record ReadOnlyView(Volume live) implements Volume {
        @Override public long size() { return live.size(); }

        @Override public boolean readOnly() { return true; }

        @Override public int read(long offset, ByteBuffer dst) throws IOException { return live.read(offset, dst); }

        @Override public void write(long offset, ByteBuffer src) throws IOException { throw new IOException("read-only export"); }

        @Override public void flush() throws IOException { live.flush(); }

        @Override public void discard(long offset, long len) throws IOException { throw new IOException("read-only export"); }

        @Override public void zero(long offset, long len) throws IOException { throw new IOException("read-only export"); }
    }
}
