package ulvm.move;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulvm.copy.CopyPipeline;
import ulvm.io.BlockDevice;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.Vg;
import ulvm.segtype.MirrorType;

/**
 * Copies a pvmove LV's data from source to destination, segment by segment in LE order, a chunk at a time.
 * After each chunk the destination is forced to disk; then, inside a segment, the new extents_moved is handed to the
 * {@link Progress} (a record of its own, {@link MoveRecord}), and at a segment's end to the {@link Checkpoint} (a
 * metadata commit), so a crash re-copies at most one chunk. The value that completes the last segment is not
 * committed here: the finish commits the whole result (as LVM2 does). Without a {@link Progress} every chunk is
 * committed.
 *
 * <p>Pipelined ({@link #pipelined}): chunk n is forced and recorded on a thread of the copier's while chunk n + 1 is
 * read into memory under its lock; chunk n + 1 is written only once chunk n is recorded, so still at most one chunk
 * is on the destination past the record.
 *
 * <p>Free of any command-line concern: the offline {@code pvmove} drives it in a loop; a daemon can drive it from a
 * thread, with a {@link ChunkLock} that holds writes to the chunk being copied and a checkpoint that swaps its
 * mapping tables after the commit.
 */
public final class MoveCopier {
    /** Commits the VG with a new extents_moved value; returns the VG as committed. */
    public interface Checkpoint { Vg commit(Vg next) throws IOException; }

    /** Progress inside a segment, recorded outside the metadata. */
    public interface Progress {
        /** Records durably that segment {@code segment} of {@code next} is copied up to its extents_moved (may run on the copier's own thread). */
        void record(Vg next, int segment) throws IOException;

        /** On the caller's thread once {@code next} is recorded. */
        default void recorded(Vg next) throws IOException { }
    }

    /**
     * Held while one chunk is copied: pvmove LV extents [le, le + count). The daemon blocks writes to that range
     * until it is released (then its mirror target writes to both copies); offline there is nothing to lock.
     */
    public interface ChunkLock { AutoCloseable lock(String pvmove, long le, long count) throws IOException; }

    public static final ChunkLock NO_LOCK = (lv, le, n) -> () -> { };

    /** Default checkpoint size: 4 MiB, rounded up to whole extents. */
    public static final long CHECKPOINT_BYTES = 4L << 20;

    private static final int BUF = 1 << 20;

    /** Chunks larger than this are copied straight through, not read ahead into memory. */
    private static final long READ_AHEAD_MAX = 64L << 20;

    private Vg vg;
    private final String name;
    private final Map<String, ? extends BlockDevice> devices;
    private final long chunkExtents;
    private final Checkpoint checkpoint;
    private final ChunkLock lock;
    private final Progress progress;
    private CopyPipeline pipeline = new CopyPipeline("pvmove-force", false);
    private long bytesCopied;
    /** The buffer of a straight copy (direct, reused). */
    private ByteBuffer copyBuf;

    /** {@code devices}: PV id to the open PV image. */
    public MoveCopier(Vg vg, String pvmove, Map<String, ? extends BlockDevice> devices, Checkpoint checkpoint, ChunkLock lock) {
        this(vg, pvmove, devices, Math.max(1, (CHECKPOINT_BYTES + vg.extentBytes() - 1) / vg.extentBytes()), checkpoint, lock);
    }

    public MoveCopier(Vg vg, String pvmove, Map<String, ? extends BlockDevice> devices, long chunkExtents, Checkpoint checkpoint, ChunkLock lock) {
        this(vg, pvmove, devices, chunkExtents, checkpoint, null, lock);
    }

    /** {@code progress}: where progress inside a segment goes (null: committed as at a segment's end). */
    public MoveCopier(Vg vg, String pvmove, Map<String, ? extends BlockDevice> devices, Checkpoint checkpoint, Progress progress, ChunkLock lock) {
        this(vg, pvmove, devices, Math.max(1, (CHECKPOINT_BYTES + vg.extentBytes() - 1) / vg.extentBytes()), checkpoint, progress, lock);
    }

    public MoveCopier(Vg vg, String pvmove, Map<String, ? extends BlockDevice> devices, long chunkExtents, Checkpoint checkpoint, Progress progress,
            ChunkLock lock) {
        this.progress = progress;
        this.vg = vg;
        this.name = pvmove;
        this.devices = devices;
        this.chunkExtents = Math.max(1, chunkExtents);
        this.checkpoint = checkpoint;
        this.lock = lock;
    }

    /**
     * Reads chunk n + 1 while chunk n is forced and recorded (needs a {@link Progress}). Off by default; a caller
     * that pauses after each checkpoint leaves it off, so the pause holds no chunk's lock.
     */
    public MoveCopier pipelined(boolean on) {
        pipeline.close();
        pipeline = new CopyPipeline("pvmove-force", on && progress != null);
        return this;
    }

    /** The VG as it stands: committed, plus the uncommitted completion of the last segment once copied. */
    public Vg vg() { return vg; }

    public Lv lv() { return vg.lv(name).orElseThrow(); }

    public long bytesCopied() { return bytesCopied; }

    public long movedExtents() { return MoveProgress.moved(lv()); }

    public long totalExtents() { return MoveProgress.total(lv()); }

    public boolean done() { return running() < 0; }

    /** Index of the first segment not yet complete, or -1. */
    private int running() {
        List<Segment> segs = lv().segments();
        for (int i = 0; i < segs.size(); i++)
            if (MirrorType.incomplete(segs.get(i))) return i;
        return -1;
    }

    private static long moved(MirrorSegment m) { return m.extentsMoved() == null ? 0 : m.extentsMoved(); }

    /** Copies the next chunk and checkpoints it; false when there was nothing left to copy. */
    public boolean step() throws IOException {
        int i = running();
        if (i < 0) {
            drain();
            return false;
        }
        if (!pipeline.pipelined()) drain();
        Lv lv = lv();
        MirrorSegment m = (MirrorSegment) lv.segments().get(i);
        long from = moved(m), n = Math.min(chunkExtents, m.count() - from);
        Set<BlockDevice> written = new LinkedHashSet<>();
        try (AutoCloseable held = lock.lock(name, m.start() + from, n)) {
            long ext = vg.extentBytes();
            if (pipeline.busy() && n * ext <= READ_AHEAD_MAX) {
                ByteBuffer chunkBuf = pipeline.buffer((int) (n * ext));
                for (long e = 0; e < n; e++) {
                    ByteBuffer part = chunkBuf.duplicate().position((int) (e * ext)).limit((int) ((e + 1) * ext)).slice();
                    Area.OnPv src = resolve(m.mirrors().get(0), from + e);
                    device(src.pvId()).readFully(offset(src), part);
                }
                drain(); // chunk n - 1 is recorded before chunk n reaches the destination
                for (long e = 0; e < n; e++) {
                    ByteBuffer part = chunkBuf.duplicate().position((int) (e * ext)).limit((int) ((e + 1) * ext)).slice();
                    Area.OnPv dst = resolve(m.mirrors().get(1), from + e);
                    device(dst.pvId()).writeFully(offset(dst), part);
                    written.add(device(dst.pvId()));
                    bytesCopied += ext;
                }
            } else {
                drain();
                for (long e = from; e < from + n; e++) {
                    Area.OnPv src = resolve(m.mirrors().get(0), e), dst = resolve(m.mirrors().get(1), e);
                    copyExtent(src, dst);
                    written.add(device(dst.pvId()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
        List<Segment> segs = new ArrayList<>(lv.segments());
        segs.set(i, new MirrorSegment(m.start(), m.count(), m.regionSize(), m.mirrorLog(), from + n, m.mirrors()));
        Vg next = vg.withLv(lv.withSegments(segs));
        boolean segmentEnd = from + n == m.count();
        boolean last = segmentEnd && laterIncomplete(segs, i) < 0;
        if (progress == null || segmentEnd) {
            for (BlockDevice d : written) d.flush(); // the destination copy is durable before the commit
            vg = last ? next : checkpoint.commit(next);
            return true;
        }
        vg = next;
        int seg = i;
        pipeline.submit(new CopyPipeline.Batch() {
            @Override
            public void force() throws IOException {
                for (BlockDevice d : written) d.flush(); // the destination copy is durable before the record says it is there
            }

            @Override
            public void record() throws IOException { progress.record(next, seg); }

            @Override
            public void recorded() throws IOException { progress.recorded(next); }
        });
        return true;
    }

    /** Waits for the last chunk's force and record, then tells the {@link Progress}; a failure there is thrown here. */
    public void drain() throws IOException { pipeline.drain(); }

    /** Ends the copier's forcing thread, after the last chunk's force and record (whose failure is dropped). */
    public void close() { pipeline.close(); }

    private static int laterIncomplete(List<Segment> segs, int i) {
        for (int k = i + 1; k < segs.size(); k++) if (MirrorType.incomplete(segs.get(k))) return k;
        return -1;
    }

    /** Copies until done (checkpointing as it goes). */
    public void run() throws IOException {
        try {
            while (step()) { }
        } finally {
            close();
        }
    }

    /** The PV extent behind extent {@code e} of a mirror area (a PV area, or an image LV of an atomic move). */
    Area.OnPv resolve(Area a, long e) {
        if (a instanceof Area.OnPv p) return new Area.OnPv(p.pvId(), p.pe() + e);
        Area.OnLv l = (Area.OnLv) a;
        Lv img = vg.lv(l.lv()).orElseThrow();
        long le = l.le() + e;
        for (Segment s : img.segments())
            if (le >= s.start() && le < s.end() && s.areas().size() == 1) return resolve(s.areas().get(0), le - s.start());
        throw new IllegalStateException("extent " + le + " of " + l.lv() + " is not mapped to one PV");
    }

    private BlockDevice device(String pvId) throws IOException {
        BlockDevice d = devices.get(pvId);
        if (d == null) throw new IOException("PV " + pvId + " is not available.");
        return d;
    }

    private long offset(Area.OnPv a) {
        Pv pv = vg.pv(a.pvId()).orElseThrow();
        return pv.peStart() * 512 + a.pe() * vg.extentBytes();
    }

    private void copyExtent(Area.OnPv src, Area.OnPv dst) throws IOException {
        BlockDevice in = device(src.pvId()), out = device(dst.pvId());
        long s = offset(src), d = offset(dst), len = vg.extentBytes();
        if (copyBuf == null) copyBuf = ByteBuffer.allocateDirect(BUF); // direct: no copy through a temporary buffer
        ByteBuffer buf = copyBuf;
        for (long done = 0; done < len; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), len - done));
            in.readFully(s + done, buf);
            buf.flip();
            out.writeFully(d + done, buf);
            done += buf.limit();
        }
        bytesCopied += len;
    }
}
