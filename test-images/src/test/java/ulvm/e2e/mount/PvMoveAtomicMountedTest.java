package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.e2e.mount.PvMoves.MiB;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pvmove --atomic} of an LV with several segments (three on the source, one elsewhere) served by a live
 * mount: run to the end under a writer; killed, resumed by the remount and aborted in the middle.
 */
class PvMoveAtomicMountedTest {
    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    /** VG of 3 PVs; LV a: 2 extents on PV0 at 0, 2 on PV1 at 0, 2 on PV0 at 4, 2 on PV0 at 8 (32 MiB). */
    private static String[] multiSegment(MountRig rig) throws Exception {
        rig.vg("vg", 3, 64 * MiB);
        String p0 = rig.images.get(0).toString(), p1 = rig.images.get(1).toString(), p2 = rig.images.get(2).toString();
        rig.ulvm("lvcreate", "-l", "2", "-n", "a", "vg", p0 + ":0-1").ok();
        rig.ulvm("lvextend", "-l", "+2", "vg/a", p1 + ":0-1").ok();
        rig.ulvm("lvextend", "-l", "+2", "vg/a", p0 + ":4-5").ok();
        rig.ulvm("lvextend", "-l", "+2", "vg/a", p0 + ":8-9").ok();
        assertEquals(List.of("a " + p0 + "(0)", "a " + p1 + "(0)", "a " + p0 + "(4)", "a " + p0 + "(8)"), PvMoves.devices(rig, "vg"));
        return new String[] {p0, p1, p2};
    }

    @Test
    void atomicMoveUnderAWriterEndsOnTheDestination(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            String[] pv = multiSegment(rig);
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", "300");
            rig.mount();
            Path file = rig.lvFile("vg", "a");
            try (PvMoves.BlockWriter w = new PvMoves.BlockWriter(file, 32 * MiB, 11)) {
                MountRig.Result r = rig.ulvm("pvmove", "--atomic", "-i", "1", pv[0], pv[2]);
                assertEquals(0, r.rc(), () -> r + "\n" + rig.daemonLog());
                assertTrue(r.out().contains(pv[0] + ": Moved: 100.00%"), r::toString);
                long writes = w.stop();
                assertTrue(writes > 100, "the writer wrote during the move: " + writes);
                assertEquals(List.of("a " + pv[2] + "(0)", "a " + pv[1] + "(0)", "a " + pv[2] + "(2)"), PvMoves.devices(rig, "vg"),
                        "one move of all three source segments, the PV1 segment untouched, no pvmove0 or images left");
                w.check("after the atomic move");
                rig.umount();
                RaidSteps.sameLayoutAsRealLvm(rig, "vg", "lv_name,devices,segtype");
                PvMoves.vgckClean(rig, "vg");
            }
        }
    }

    /**
     * kill -9 in the middle of an atomic move, the remount resumes it, data fsynced before the crash and written
     * through the resumed move holds, and --abort (still in the middle) returns everything to the source.
     */
    @Test
    void atomicKilledResumedThenAbortedLeavesEverythingOnTheSource(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            String[] pv = multiSegment(rig);
            List<String> before = PvMoves.devices(rig, "vg");
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", "2500"); // > 10 s from the remount to the end of the move
            rig.mount();
            Path file = rig.lvFile("vg", "a");
            byte[] a = RaidSeedExamplesTest.pattern(21, 32 * MiB);
            RaidSteps.writeSynced(file, 0, a);
            rig.ulvm("pvmove", "--atomic", "-b", pv[0], pv[2]).ok();
            PvMoves.waitMoved(rig, "vg", 2, 20_000);
            byte[] b = RaidSeedExamplesTest.pattern(22, 20 * MiB);
            RaidSteps.writeSynced(file, 2 * MiB, b); // over the copied extents, the PV1 segment and the rest
            System.arraycopy(b, 0, a, (int) (2 * MiB), b.length);
            rig.kill9();
            assertEquals(2, PvMoves.movedInImages(rig, "vg"), "killed at the second checkpoint");

            rig.mount(); // resumes the move
            assertArrayEquals(a, RaidSeedExamplesTest.readAt(file, 0, a.length), "fsynced data after kill -9");
            byte[] c = RaidSeedExamplesTest.pattern(23, 8 * MiB);
            RaidSteps.writeSynced(file, 20 * MiB, c);
            System.arraycopy(c, 0, a, (int) (20 * MiB), c.length);
            long at = PvMoves.movedInImages(rig, "vg");
            assertTrue(at >= 2 && at < 6, "aborted in the middle: " + at + " of 6 extents moved");
            rig.ulvm("pvmove", "--abort").ok();
            assertEquals(before, PvMoves.devices(rig, "vg"), "an atomic move is all or nothing: all back on the source, no pvmove0 or images");
            MountRig.sleep(500); // a mover that went on would commit within this
            assertEquals(before, PvMoves.devices(rig, "vg"));
            assertArrayEquals(a, RaidSeedExamplesTest.readAt(file, 0, a.length), "data after the abort");
            rig.umount();
            PvMoves.vgckClean(rig, "vg");
        }
    }
}
