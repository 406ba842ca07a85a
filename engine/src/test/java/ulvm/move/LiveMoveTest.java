package ulvm.move;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.move.MoveVgs.*;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.alloc.Policy;
import ulvm.io.BlockDevice;
import ulvm.mapping.DeviceMap;
import ulvm.mapping.LvTable;
import ulvm.mapping.MoveLocks;
import ulvm.mapping.TableBuilder;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.Segment;
import ulvm.model.Vg;

/** LVs in the middle of a move are mapped through the pvmove LV; writes racing the copier are never lost. */
class LiveMoveTest {
    @TempDir Path dir;

    private MoveRunTest runs() {
        MoveRunTest t = new MoveRunTest();
        t.dir = dir;
        return t;
    }

    private static Vg setUp(Vg vg, boolean atomic) throws Exception {
        return MoveSetup.build(vg, req("pv0", List.of(), List.of("pv1", "pv2"), Policy.NORMAL, atomic), m -> { });
    }

    private static byte[] read(LvTable t) throws Exception {
        byte[] b = new byte[(int) t.size()];
        assertEquals(b.length, t.read(0, ByteBuffer.wrap(b)));
        return b;
    }

    private static byte[] at(BlockDevice d, Vg vg, String pv, long pe, int len) throws Exception {
        return d.read(vg.pv(pv).orElseThrow().peStart() * 512 + pe * vg.extentBytes(), len);
    }

    @Test
    void incompleteSegmentsReadTheSourceAndWriteBothCompleteOnesOnlyTheDestination() throws Exception {
        Vg vg = MoveRunTest.example();
        Map<String, BlockDevice> devs = runs().devices(vg);
        byte[] before = read(TableBuilder.build(vg, vg.lv("lv1").orElseThrow(), devs::get));
        Vg moving = setUp(vg, false);
        DeviceMap map = DeviceMap.of(devs::get, new MoveLocks());
        LvTable t = TableBuilder.build(moving, moving.lv("lv1").orElseThrow(), map);
        assertArrayEquals(before, read(t), "reads come from the source");
        MirrorSegment first = (MirrorSegment) moving.lv("pvmove0").orElseThrow().segments().get(0);
        Area.OnPv src = (Area.OnPv) first.mirrors().get(0), dst = (Area.OnPv) first.mirrors().get(1);
        byte[] w = new byte[4096];
        new Random(1).nextBytes(w);
        t.write(0, ByteBuffer.wrap(w));
        assertArrayEquals(w, at(devs.get(src.pvId()), moving, src.pvId(), src.pe(), w.length), "source written");
        assertArrayEquals(w, at(devs.get(dst.pvId()), moving, dst.pvId(), dst.pe(), w.length), "destination written");

        // the first segment stored as complete: its extents live on the destination only
        Lv mv = moving.lv("pvmove0").orElseThrow();
        List<Segment> segs = new java.util.ArrayList<>(mv.segments());
        segs.set(0, new MirrorSegment(first.start(), first.count(), first.regionSize(), null, first.count(), first.mirrors()));
        Vg done = moving.withLv(mv.withSegments(segs));
        LvTable t2 = TableBuilder.build(done, done.lv("lv1").orElseThrow(), map);
        byte[] w2 = new byte[4096];
        new Random(2).nextBytes(w2);
        t2.write(0, ByteBuffer.wrap(w2));
        assertArrayEquals(w2, at(devs.get(dst.pvId()), done, dst.pvId(), dst.pe(), w2.length));
        assertArrayEquals(w, at(devs.get(src.pvId()), done, src.pvId(), src.pe(), w.length), "source untouched once complete");
        byte[] back = new byte[4096];
        t2.read(0, ByteBuffer.wrap(back));
        assertArrayEquals(w2, back, "reads of a complete segment come from the destination");
    }

    /** A discard during a move is a write: both copies of an incomplete segment, only the destination of a complete one. */
    @Test
    void aDiscardDuringAMoveReachesBothCopies() throws Exception {
        Vg vg = MoveRunTest.example();
        Map<String, BlockDevice> devs = runs().devices(vg);
        Vg moving = setUp(vg, false);
        DeviceMap map = DeviceMap.of(devs::get, new MoveLocks());
        LvTable t = TableBuilder.build(moving, moving.lv("lv1").orElseThrow(), map);
        MirrorSegment first = (MirrorSegment) moving.lv("pvmove0").orElseThrow().segments().get(0);
        Area.OnPv src = (Area.OnPv) first.mirrors().get(0), dst = (Area.OnPv) first.mirrors().get(1);
        byte[] w = new byte[3 * 4096];
        new Random(4).nextBytes(w);
        t.write(0, ByteBuffer.wrap(w));
        t.discard(100, 8192);
        byte[] expect = w.clone();
        java.util.Arrays.fill(expect, 100, 8292, (byte) 0);
        assertArrayEquals(expect, at(devs.get(src.pvId()), moving, src.pvId(), src.pe(), w.length), "source discarded");
        assertArrayEquals(expect, at(devs.get(dst.pvId()), moving, dst.pvId(), dst.pe(), w.length), "destination discarded");
        byte[] back = new byte[w.length];
        t.read(0, ByteBuffer.wrap(back));
        assertArrayEquals(expect, back);
    }

    @Test
    void atomicMovesReadTheSourceAndWriteBothUntilTheFinish() throws Exception {
        Vg vg = MoveRunTest.example();
        Map<String, BlockDevice> devs = runs().devices(vg);
        byte[] before = read(TableBuilder.build(vg, vg.lv("lv2").orElseThrow(), devs::get));
        Vg moving = setUp(vg, true);
        assertTrue(MoveLvs.atomic(moving.lv("pvmove0").orElseThrow()));
        LvTable t = TableBuilder.build(moving, moving.lv("lv2").orElseThrow(), DeviceMap.of(devs::get, new MoveLocks()));
        assertArrayEquals(before, read(t));
        byte[] w = new byte[(int) t.size()];
        new Random(3).nextBytes(w);
        t.write(0, ByteBuffer.wrap(w));
        for (Vg step : MoveFinish.steps(moving, "pvmove0", true)) moving = step; // aborted: back on the source
        assertArrayEquals(w, read(TableBuilder.build(moving, moving.lv("lv2").orElseThrow(), devs::get)), "source kept every write");
    }

    /**
     * A writer rewrites blocks of both LVs while the copier runs chunk by chunk with checkpoints that swap the tables
     * (as the daemon's suspend/commit/resume does); after the finish every block holds its last write.
     */
    @Test
    void writesDuringTheCopyAreAllOnTheDestination() throws Exception {
        for (boolean atomic : new boolean[] {false, true}) {
            Vg vg = MoveRunTest.example();
            Map<String, BlockDevice> devs = runs().devices(vg);
            MoveLocks locks = new MoveLocks();
            DeviceMap map = DeviceMap.of(devs::get, locks);
            Vg moving = setUp(vg, atomic);
            String id = moving.lv("pvmove0").orElseThrow().id();
            ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
            AtomicReference<LvTable[]> tables = new AtomicReference<>(tables(moving, map));
            byte[][] model = {read(tables.get()[0]), read(tables.get()[1])};
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                Random r = new Random(11);
                byte[] b = new byte[4096];
                try {
                    while (!stop.get()) {
                        int lv = r.nextInt(2);
                        int blocks = model[lv].length / b.length;
                        int off = r.nextInt(blocks) * b.length;
                        r.nextBytes(b);
                        gate.readLock().lock();
                        try {
                            tables.get()[lv].write(off, ByteBuffer.wrap(b));
                        } finally {
                            gate.readLock().unlock();
                        }
                        System.arraycopy(b, 0, model[lv], off, b.length);
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            writer.start();
            ulvm.mapping.MoveLock chunk = locks.of(vg.name(), id);
            long eb = vg.extentBytes();
            MoveCopier c = new MoveCopier(moving, "pvmove0", devs, 1, next -> {
                gate.writeLock().lock();
                try {
                    tables.set(tables(next, map));
                } finally {
                    gate.writeLock().unlock();
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    throw new java.io.IOException(e);
                }
                return next;
            }, (n, le, count) -> chunk.copy(le * eb, (le + count) * eb));
            c.run();
            Vg end = c.vg();
            gate.writeLock().lock();
            try {
                for (Vg step : MoveFinish.steps(end, "pvmove0", false)) end = step;
                tables.set(tables(end, map));
            } finally {
                gate.writeLock().unlock();
            }
            Thread.sleep(20);
            stop.set(true);
            writer.join();
            if (failed.get() != null) throw new AssertionError(failed.get());
            assertFalse(MoveLvs.isOn(end, end.lv("lv1").orElseThrow(), "pv0"), "lv1 left pv0");
            LvTable[] fin = tables(end, devs::get);
            assertArrayEquals(model[0], read(fin[0]), "lv1 atomic=" + atomic);
            assertArrayEquals(model[1], read(fin[1]), "lv2 atomic=" + atomic);
        }
    }

    private static LvTable[] tables(Vg vg, java.util.function.Function<String, BlockDevice> devs) throws java.io.IOException {
        return new LvTable[] {TableBuilder.build(vg, vg.lv("lv1").orElseThrow(), devs), TableBuilder.build(vg, vg.lv("lv2").orElseThrow(), devs)};
    }
}
