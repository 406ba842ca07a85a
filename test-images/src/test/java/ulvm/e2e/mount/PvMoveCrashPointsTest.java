package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static ulvm.e2e.mount.PvMoves.MiB;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the daemon during a background pvmove of an LV with three 2-extent segments (six checkpoints of one
 * extent), at chosen points: inside the first segment, between two segments, in the last segment. Each remount
 * resumes the move, fsynced data holds; --abort after a crash keeps the finished segment on the destination.
 */
class PvMoveCrashPointsTest {
    private static final long EXTENT = 4 * MiB;
    /** The daemon pauses this long after each checkpoint: the window in which the test writes and kills. */
    private static final String DELAY = "1500";

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    /** VG of 2 PVs; LV a: PV0 extents 0-1, 4-5 and 8-9 (24 MiB). */
    private static String[] threeSegments(MountRig rig) throws Exception {
        rig.vg("vg", 2, 64 * MiB);
        String p0 = rig.images.get(0).toString(), p1 = rig.images.get(1).toString();
        rig.ulvm("lvcreate", "-l", "6", "-n", "a", "vg", p0 + ":0-1:4-5:8-9").ok();
        assertEquals(List.of("a " + p0 + "(0)", "a " + p0 + "(4)", "a " + p0 + "(8)"), PvMoves.devices(rig, "vg"));
        return new String[] {p0, p1};
    }

    @Test
    void killedInsideBetweenAndNearTheEndEachRemountResumes(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            String[] pv = threeSegments(rig);
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", DELAY);
            rig.mount();
            Path file = rig.lvFile("vg", "a");
            byte[] data = RaidSeedExamplesTest.pattern(41, 6 * EXTENT);
            RaidSteps.writeSynced(file, 0, data);
            rig.ulvm("pvmove", "-b", pv[0], pv[1]).ok();

            crashAt(rig, file, data, 1, 42); // (a) inside the first segment
            crashAt(rig, file, data, 2, 43); // (b) first segment complete, second not begun
            crash(rig, file, data, 5, 44); // (c) the last checkpoint of the last segment
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", "0");
            rig.mount();
            assertArrayEquals(data, RaidSeedExamplesTest.readAt(file, 0, data.length), "fsynced data after the third kill -9");
            PvMoves.waitDone(rig, "vg", 30_000);
            assertEquals(List.of("a " + pv[1] + "(0)"), PvMoves.devices(rig, "vg"), "all moved, the three segments merged");
            assertArrayEquals(data, RaidSeedExamplesTest.readAt(file, 0, data.length), "data after the move");
            rig.umount();
            PvMoves.vgckClean(rig, "vg");
        }
    }

    @Test
    void abortAfterACrashKeepsTheFinishedSegmentOnTheDestination(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            String[] pv = threeSegments(rig);
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", DELAY);
            rig.mount();
            Path file = rig.lvFile("vg", "a");
            byte[] data = RaidSeedExamplesTest.pattern(51, 6 * EXTENT);
            RaidSteps.writeSynced(file, 0, data);
            rig.ulvm("pvmove", "-b", pv[0], pv[1]).ok();
            crash(rig, file, data, 3, 52); // first segment complete, the second half copied
            MountRig.Result abort = rig.ulvm("pvmove", "--abort"); // no daemon: offline
            assertEquals(0, abort.rc(), abort::toString);
            assertEquals(List.of("a " + pv[1] + "(0)", "a " + pv[0] + "(4)", "a " + pv[0] + "(8)"), PvMoves.devices(rig, "vg"),
                    "no pvmove0 left; the complete segment on the destination, the half-copied and the untouched on the source");
            PvMoves.vgckClean(rig, "vg");
            rig.mount();
            assertArrayEquals(data, RaidSeedExamplesTest.readAt(file, 0, data.length), "fsynced data after kill -9 and abort");
            assertFalse(PvMoves.moving(rig, "vg"), "the mount found no move to resume");
            rig.umount();
        }
    }

    /** {@link #crash}, then the remount: the move is resumed and the fsynced data reads back at once. */
    private static void crashAt(MountRig rig, Path file, byte[] data, long moved, long seed) throws Exception {
        crash(rig, file, data, moved, seed);
        rig.mount();
        assertArrayEquals(data, RaidSeedExamplesTest.readAt(file, 0, data.length), "fsynced data after kill -9 at " + moved + " extents");
    }

    /**
     * Waits for checkpoint {@code moved}, writes (fsynced) 512 KiB into every extent of the LV, kills the daemon
     * with -9 within the pause after that checkpoint, and checks that the metadata stopped there.
     */
    private static void crash(MountRig rig, Path file, byte[] data, long moved, long seed) throws Exception {
        PvMoves.waitMoved(rig, "vg", moved, 30_000);
        byte[] w = RaidSeedExamplesTest.pattern(seed, 6 * 512 * 1024);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int e = 0; e < 6; e++) {
                int at = (int) (e * EXTENT + (seed * 131 + e * 977) % (EXTENT - 512 * 1024)) & ~4095;
                ByteBuffer b = ByteBuffer.wrap(w, e * 512 * 1024, 512 * 1024);
                while (b.hasRemaining()) ch.write(b, at + (b.position() - e * 512 * 1024));
                System.arraycopy(w, e * 512 * 1024, data, at, 512 * 1024);
            }
            ch.force(true);
        }
        rig.kill9();
        assertEquals(moved, PvMoves.movedInImages(rig, "vg"), "killed at checkpoint " + moved + " (the pause of " + DELAY + " ms was not missed)");
    }
}
