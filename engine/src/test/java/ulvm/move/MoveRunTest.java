package ulvm.move;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.move.MoveVgs.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.alloc.Policy;
import ulvm.io.BlockDevice;
import ulvm.io.FileBlockDevice;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.MirrorSegment;
import ulvm.model.Segment;
import ulvm.model.StripedSegment;
import ulvm.model.Vg;

/** The copy engine (checkpoints, resume) and the finish / abort metadata. */
class MoveRunTest {
    @TempDir Path dir;

    /** Example 1 of the seed: lv1 in two segments with lv2 between them on pv0; 1 MiB extents. */
    static Vg example() {
        Vg vg = vg(20, 20, 20);
        vg = new Vg("vg", "id", 1, List.of(), List.of(), 2048, 0, 0, 0, List.of(), vg.pvs().stream().map(p -> p.withSize(p.devSize(), p.peCount())).toList(), List.of());
        vg = linear(vg, "lv1", "pv0", 0, 2, "pv0", 5, 3);
        return linear(vg, "lv2", "pv0", 2, 3);
    }

    Map<String, BlockDevice> devices(Vg vg) throws IOException {
        Map<String, BlockDevice> out = new LinkedHashMap<>();
        Random rnd = new Random(7);
        for (var p : vg.pvs()) {
            Path f = dir.resolve(p.id());
            FileBlockDevice d = FileBlockDevice.open(createFile(f, (p.peStart() + p.peCount() * vg.extentSize()) * 512), true);
            byte[] b = new byte[(int) (p.peCount() * vg.extentBytes())];
            rnd.nextBytes(b);
            d.write(p.peStart() * 512, b);
            out.put(p.id(), d);
        }
        return out;
    }

    static Path createFile(Path f, long size) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size);
            ch.write(java.nio.ByteBuffer.allocate(1), size - 1);
        }
        return f;
    }

    /** The bytes of an LV, read through its linear segments. */
    static byte[] read(Vg vg, Map<String, BlockDevice> devs, String lv) throws IOException {
        Lv l = vg.lv(lv).orElseThrow();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Segment s : l.segments()) {
            Area.OnPv a = (Area.OnPv) s.areas().get(0);
            var pv = vg.pv(a.pvId()).orElseThrow();
            out.write(devs.get(a.pvId()).read(pv.peStart() * 512 + a.pe() * vg.extentBytes(), (int) (s.count() * vg.extentBytes())));
        }
        return out.toByteArray();
    }

    static Vg setup(Vg vg, boolean atomic) throws Exception {
        return MoveSetup.build(vg, req("pv0", List.of(), List.of("pv1", "pv2"), Policy.NORMAL, atomic), x -> { });
    }

    @Test
    void copyCheckpointsThenFinishRemapsAndMerges() throws Exception {
        Vg vg = example();
        Map<String, BlockDevice> devs = devices(vg);
        byte[] lv1 = read(vg, devs, "lv1"), lv2 = read(vg, devs, "lv2");
        Vg moving = setup(vg, false);
        List<Vg> commits = new ArrayList<>();
        MoveCopier c = new MoveCopier(moving, "pvmove0", devs, 1, next -> { commits.add(next); return next; }, MoveCopier.NO_LOCK);
        c.run();
        // 8 extents, one checkpoint per extent but the very last (the finish commits it)
        assertEquals(7, commits.size());
        assertEquals(8L * vg.extentBytes(), c.bytesCopied());
        MirrorSegment first = (MirrorSegment) commits.get(0).lv("pvmove0").orElseThrow().segments().get(0);
        assertEquals(1L, first.extentsMoved(), "a partial extents_moved is committed");
        List<Vg> fin = MoveFinish.steps(c.vg(), "pvmove0", false);
        assertEquals(2, fin.size());
        Lv err = fin.get(0).lv("pvmove0").orElseThrow();
        assertEquals(List.of("READ", "WRITE"), err.status());
        assertEquals("error", err.segments().get(0).type());
        assertEquals(1, err.segments().get(0).count());
        Vg end = fin.get(1);
        assertTrue(end.lv("pvmove0").isEmpty());
        assertEquals(1, end.lv("lv1").orElseThrow().segments().size(), "lv1's two segments are now adjacent on pv1 and merged");
        assertEquals(List.of("READ", "WRITE", "VISIBLE"), end.lv("lv1").orElseThrow().status());
        assertEquals(new Area.OnPv("pv1", 0), end.lv("lv1").orElseThrow().segments().get(0).areas().get(0));
        assertArrayEquals(lv1, read(end, devs, "lv1"));
        assertArrayEquals(lv2, read(end, devs, "lv2"));
    }

    @Test
    void resumeFromAPartialCheckpointCopiesOnlyWhatIsLeft() throws Exception {
        Vg vg = example();
        Map<String, BlockDevice> devs = devices(vg);
        byte[] lv1 = read(vg, devs, "lv1");
        Vg moving = setup(vg, false);
        List<Vg> commits = new ArrayList<>();
        MoveCopier c = new MoveCopier(moving, "pvmove0", devs, 1, next -> { commits.add(next); return next; }, MoveCopier.NO_LOCK);
        for (int i = 0; i < 3; i++) c.step(); // segment 1 (2 extents) done, segment 2 at 1 of 3
        Vg crashed = commits.get(commits.size() - 1);
        MoveCopier r = new MoveCopier(crashed, "pvmove0", devs, 1, next -> next, MoveCopier.NO_LOCK);
        r.run();
        assertEquals(5L * vg.extentBytes(), r.bytesCopied(), "only the 5 extents not yet checkpointed are copied again");
        Vg end = MoveFinish.steps(r.vg(), "pvmove0", false).get(1);
        assertArrayEquals(lv1, read(end, devs, "lv1"));
    }

    @Test
    void abortKeepsCompletedSegmentsOnTheDestination() throws Exception {
        Vg vg = example();
        Map<String, BlockDevice> devs = devices(vg);
        byte[] lv1 = read(vg, devs, "lv1"), lv2 = read(vg, devs, "lv2");
        Vg moving = setup(vg, false);
        List<Vg> commits = new ArrayList<>();
        MoveCopier c = new MoveCopier(moving, "pvmove0", devs, 1, next -> { commits.add(next); return next; }, MoveCopier.NO_LOCK);
        for (int i = 0; i < 3; i++) c.step();
        List<Vg> fin = MoveFinish.steps(commits.get(commits.size() - 1), "pvmove0", true);
        Vg end = fin.get(fin.size() - 1);
        List<Segment> s = end.lv("lv1").orElseThrow().segments();
        assertEquals(new Area.OnPv("pv1", 0), s.get(0).areas().get(0), "the completed first segment stays moved");
        assertEquals(new Area.OnPv("pv0", 5), s.get(1).areas().get(0), "the half-copied one returns to the source");
        assertEquals(new Area.OnPv("pv0", 2), end.lv("lv2").orElseThrow().segments().get(0).areas().get(0));
        assertArrayEquals(lv1, read(end, devs, "lv1"));
        assertArrayEquals(lv2, read(end, devs, "lv2"));
        for (Lv l : end.lvs()) assertFalse(l.hasStatus("LOCKED"));
    }

    @Test
    void atomicSwitchesEverythingAtTheEndOrNothingOnAbort() throws Exception {
        Vg vg = example();
        Map<String, BlockDevice> devs = devices(vg);
        byte[] lv1 = read(vg, devs, "lv1"), lv2 = read(vg, devs, "lv2");
        Vg moving = setup(vg, true);
        List<Vg> commits = new ArrayList<>();
        MoveCopier c = new MoveCopier(moving, "pvmove0", devs, 2, next -> { commits.add(next); return next; }, MoveCopier.NO_LOCK);
        c.step();
        List<Vg> ab = MoveFinish.steps(commits.get(0), "pvmove0", true);
        assertEquals(3, ab.size());
        Vg back = ab.get(2);
        assertEquals(new Area.OnPv("pv0", 0), back.lv("lv1").orElseThrow().segments().get(0).areas().get(0));
        assertEquals(2, back.lv("lv1").orElseThrow().segments().size());
        assertEquals(List.of("lv1", "lv2"), back.lvs().stream().map(Lv::name).toList());
        c.run();
        assertEquals(8L * vg.extentBytes(), c.bytesCopied());
        List<Vg> fin = MoveFinish.steps(c.vg(), "pvmove0", false);
        assertEquals(3, fin.size());
        assertTrue(fin.get(0).lv("pvmove0_mimage_0").isEmpty());
        Vg end = fin.get(2);
        assertEquals(List.of("lv1", "lv2"), end.lvs().stream().map(Lv::name).toList());
        assertEquals(1, end.lv("lv1").orElseThrow().segments().size());
        assertTrue(end.lv("lv1").orElseThrow().segments().get(0) instanceof StripedSegment);
        assertArrayEquals(lv1, read(end, devs, "lv1"));
        assertArrayEquals(lv2, read(end, devs, "lv2"));
    }

    @Test
    void percentages() {
        assertEquals("23.53", MoveProgress.percent(4, 17));
        assertEquals("0.00", MoveProgress.percent(0, 17));
        assertEquals("0.01", MoveProgress.percent(1, 100000));
        assertEquals("99.99", MoveProgress.percent(99999, 100000));
        assertEquals("100.00", MoveProgress.percent(17, 17));
    }
}
