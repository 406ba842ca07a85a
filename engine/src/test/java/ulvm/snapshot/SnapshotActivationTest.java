package ulvm.snapshot;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.live.Activation;
import ulvm.live.LiveVolume;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.SnapshotSegment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;
import ulvm.store.VgCopies;

/**
 * The daemon's side of a snapshot made while the origin is written: the commit suspends the origin (writes in flight
 * drain, new ones wait), the new table copies for every write after the resume, so the snapshot is exactly the origin
 * at one cut of a sequential writer. Then lvextend of the COW and removal of the snapshot, both live.
 */
class SnapshotActivationTest {
    static final int BLOCK = 4096;
    static final int BLOCKS = 2048; // 8 MiB origin
    @TempDir Path dir;

    Vg vg(Path img) throws Exception {
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), (2048 + 40L * 2048) * 512);
        }
        Pv pv = new Pv("pv0", img.toString(), List.of("ALLOCATABLE"), List.of(), 2048 + 40L * 2048, 2048, 40, List.of());
        Vg vg = new Vg("vg", "vgid", 1, List.of("RESIZEABLE", "READ", "WRITE"), List.of(), 2048, 0, 0, 0, List.of(), List.of(pv), List.of());
        return vg.withLv(lv("lv", 0, 8)).withLv(lv("snap", 8, 10));
    }

    static Lv lv(String name, long pe, long count) {
        return new Lv(name, name + "id", List.of("READ", "WRITE", "VISIBLE"), List.of(), List.of(), 1L, "h", null, List.of(),
                List.of(StripedSegment.linear(0, count, new Area.OnPv("pv0", pe))));
    }

    static Vg withSnapshot(Vg vg) {
        Lv internal = new Lv("snapshot0", "snapshot0id", List.of("READ", "WRITE", "VISIBLE"), List.of(), List.of(), 1L, "h", null,
                List.of(), List.of(new SnapshotSegment(0, 8, 8, "lv", "snap", false)));
        return vg.withLv(vg.lv("snap").orElseThrow().withStatusFlag("WRITE", false).withStatusFlag("VISIBLE", false)).withLv(internal).withSeqno(vg.seqno() + 1);
    }

    static long valueAt(LiveVolume v, int block) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(8);
        v.read((long) block * BLOCK, b);
        return b.getLong(0);
    }

    @Test
    void aSnapshotCommittedUnderASequentialWriterIsOneCutOfItsWrites() throws Exception {
        Map<String, LiveVolume> shown = new ConcurrentHashMap<>();
        Activation act = new Activation(new Activation.Listener() {
            @Override public void shown(String vg, String lv, LiveVolume v) { shown.put(lv, v); }
            @Override public void hidden(String vg, String lv) { shown.remove(lv); }
        });
        Vg v0 = vg(dir.resolve("pv0.img"));
        act.activateVg(v0, null);
        LiveVolume origin = shown.get("lv");
        shown.get("snap").write(0, ByteBuffer.allocate(4096)); // lvcreate's zeroing of the COW's start
        AtomicLong next = new AtomicLong(1);
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            ByteBuffer b = ByteBuffer.allocate(BLOCK);
            try {
                while (!stop.get()) {
                    long i = next.get();
                    b.clear();
                    while (b.hasRemaining()) b.putLong(i);
                    b.flip();
                    origin.write((i % BLOCKS) * BLOCK, b);
                    next.incrementAndGet();
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        while (next.get() < 3000) Thread.sleep(1);
        Vg v1 = withSnapshot(v0);
        VgCopies before = new VgCopies(v0, Map.of(), List.of());
        act.suspend(v1, before);
        // the writer waits in write #n (or has finished #n-1 and not yet counted it): the cut is n or n+1
        long seen = next.get();
        act.committed(v1, before);
        while (next.get() < seen + 5000) Thread.sleep(1);
        stop.set(true);
        writer.join();

        LiveVolume snap = shown.get("snap");
        assertNotSame(origin, snap);
        assertTrue(snap.readOnly());
        assertEquals(8L << 20, snap.size());
        long cut = valueAt(snap, (int) (seen % BLOCKS)) == seen ? seen + 1 : seen;
        for (int blk = 0; blk < BLOCKS; blk++) {
            long expect = 0;
            for (long i = cut - 1; i >= Math.max(1, cut - BLOCKS); i--) if (i % BLOCKS == blk) { expect = i; break; }
            assertEquals(expect, valueAt(snap, blk), "snapshot block " + blk + " at the cut " + cut);
        }
        long last = next.get() - 1;
        for (long i = last; i > last - BLOCKS; i--) assertEquals(i, valueAt(origin, (int) (i % BLOCKS)));
        SnapshotStatus st = act.snapshotStatus("vg", "snap");
        assertNotNull(st);
        assertTrue(st.valid());

        // lvextend of the COW: more room, same store; then the snapshot goes and the origin writes straight through
        Vg v2 = v1.withLv(v1.lv("snap").orElseThrow().withSegments(List.of(StripedSegment.linear(0, 14, new Area.OnPv("pv0", 8))))).withSeqno(3);
        before = new VgCopies(v1, Map.of(), List.of());
        act.suspend(v2, before);
        act.committed(v2, before);
        assertEquals(14L * 2048, act.snapshotStatus("vg", "snap").totalSectors());
        assertEquals(st.allocatedSectors(), act.snapshotStatus("vg", "snap").allocatedSectors());
        // lvchange -an/-ay of the origin or the snapshot takes the whole family, as LVM2
        long[] view = new long[BLOCKS];
        for (int blk = 0; blk < BLOCKS; blk++) view[blk] = valueAt(snap, blk);
        act.deactivate("vg", java.util.Set.of("lv"));
        assertFalse(shown.containsKey("lv"));
        assertFalse(shown.containsKey("snap"));
        act.activateVg(v2, java.util.Set.of("snap"));
        assertTrue(shown.containsKey("lv"));
        LiveVolume snapAgain = shown.get("snap");
        for (int blk = 0; blk < BLOCKS; blk++) assertEquals(view[blk], valueAt(snapAgain, blk));
        LiveVolume originAgain = shown.get("lv");
        Vg v3 = v2.withoutLv("snapshot0").withoutLv("snap").withSeqno(4);
        before = new VgCopies(v2, Map.of(), List.of());
        act.suspend(v3, before);
        act.committed(v3, before);
        assertFalse(shown.containsKey("snap"));
        assertSame(originAgain, shown.get("lv"));
        ByteBuffer w = ByteBuffer.allocate(BLOCK);
        originAgain.write(0, w);
        assertEquals(0, valueAt(originAgain, 0));
        act.close();
    }
}
