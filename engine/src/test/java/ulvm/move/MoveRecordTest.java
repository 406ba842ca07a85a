package ulvm.move;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.io.BlockDevice;
import ulvm.io.Devices;
import ulvm.model.Vg;

/**
 * The progress record of a pvmove (issue 17.1): progress inside a segment goes to the record, one forced write per
 * chunk, and the metadata is committed only at segment ends; the record applies only to the move and metadata it
 * was written for; a resume from it re-copies at most one chunk.
 */
class MoveRecordTest {
    @TempDir Path dir;

    /** The example's move (segments of 2, then 3 extents, 1-extent chunks), recording into {@code file}. */
    private static List<Vg> copyRecording(Vg moving, Map<String, BlockDevice> devs, Path file, int steps, List<Vg> commits, boolean pipelined) throws Exception {
        List<Vg> recorded = new ArrayList<>();
        try (MoveRecord rec = MoveRecord.open(Devices.FILES, file)) {
            MoveCopier c = new MoveCopier(moving, "pvmove0", devs, 1, next -> { commits.add(next); return next; }, new MoveCopier.Progress() {
                @Override public void record(Vg next, int segment) throws java.io.IOException {
                    rec.write(next, "pvmove0", segment, ulvm.segtype.MirrorType.moved(next.lv("pvmove0").orElseThrow().segments().get(segment)));
                }

                @Override public void recorded(Vg next) { recorded.add(next); }
            }, MoveCopier.NO_LOCK).pipelined(pipelined);
            try {
                for (int i = 0; i < steps && c.step(); i++) { }
            } finally {
                c.close();
            }
        }
        return recorded;
    }

    @Test
    void insideASegmentTheRecordAtItsEndTheMetadata() throws Exception {
        MoveRunTest t = new MoveRunTest();
        t.dir = dir;
        Vg vg = MoveRunTest.example();
        Map<String, BlockDevice> devs = t.devices(vg);
        byte[] lv1 = MoveRunTest.read(vg, devs, "lv1");
        Vg moving = MoveRunTest.setup(vg, false);
        Path file = MoveRecord.file(dir.resolve("sys"), moving.lv("pvmove0").orElseThrow().id());
        List<Vg> commits = new ArrayList<>();
        List<Vg> recorded = copyRecording(moving, devs, file, 4, commits, true);
        // segment 1: extent 1 recorded, extent 2 committed; segment 2: extents 1 and 2 recorded (the last at close)
        assertEquals(1, commits.size(), "one metadata commit: the end of the first segment");
        assertEquals(3, recorded.size());
        Vg committed = commits.get(0);
        Vg resumed = MoveRecord.apply(Devices.FILES, file, committed, "pvmove0");
        assertEquals(2L + 2, MoveProgress.moved(resumed.lv("pvmove0").orElseThrow()), "the record carries the second segment to 2 of 3");
        MoveCopier r = new MoveCopier(resumed, "pvmove0", devs, 1, next -> next, MoveCopier.NO_LOCK);
        r.run();
        assertEquals(4L * vg.extentBytes(), r.bytesCopied(), "the rest only: 1 + 3 extents");
        assertArrayEquals(lv1, MoveRunTest.read(MoveFinish.steps(r.vg(), "pvmove0", false).get(1), devs, "lv1"));
        MoveRecord.remove(file);
        assertTrue(Files.notExists(file));
    }

    @Test
    void aStaleRecordIsNotTrusted() throws Exception {
        MoveRunTest t = new MoveRunTest();
        t.dir = dir;
        Vg vg = MoveRunTest.example();
        Map<String, BlockDevice> devs = t.devices(vg);
        Vg moving = MoveRunTest.setup(vg, false);
        Path file = MoveRecord.file(dir.resolve("sys"), moving.lv("pvmove0").orElseThrow().id());
        List<Vg> commits = new ArrayList<>();
        copyRecording(moving, devs, file, 1, commits, false);
        assertEquals(1, MoveProgress.moved(MoveRecord.apply(Devices.FILES, file, moving, "pvmove0").lv("pvmove0").orElseThrow()));
        Vg older = new Vg(moving.name(), moving.id(), moving.seqno() - 1, moving.status(), moving.flags(), moving.extentSize(), moving.maxLv(),
                moving.maxPv(), moving.metadataCopies(), moving.extras(), moving.pvs(), moving.lvs());
        assertSame(older, MoveRecord.apply(Devices.FILES, file, older, "pvmove0"), "images older than the record");
        Vg otherVg = new Vg(moving.name(), "other", moving.seqno(), moving.status(), moving.flags(), moving.extentSize(), moving.maxLv(),
                moving.maxPv(), moving.metadataCopies(), moving.extras(), moving.pvs(), moving.lvs());
        assertSame(otherVg, MoveRecord.apply(Devices.FILES, file, otherVg, "pvmove0"), "another VG");
        Vg firstDone = MoveRecord.withMoved(moving, "pvmove0", 0, 2);
        assertSame(firstDone, MoveRecord.apply(Devices.FILES, file, firstDone, "pvmove0"), "its segment is committed complete");
        byte[] raw = Files.readAllBytes(file);
        for (int i = 0; i < raw.length; i++) if (raw[i] == 'm' && raw[i + 1] == 'o' && raw[i + 2] == 'v') raw[i + 6] = '2'; // moved=1 -> moved=2
        Files.write(file, raw);
        assertSame(moving, MoveRecord.apply(Devices.FILES, file, moving, "pvmove0"), "a slot whose checksum fails");
    }
}
