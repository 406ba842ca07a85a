package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.e2e.RealLvm;

/**
 * {@code pvmove -b} without a mount (LVM2's test/shell/pvmove-background.sh, pvmove-abort.sh): the copy runs in a
 * process of its own that takes the system dir's lock per chunk, as LVM2's background poller, not for the whole move.
 * Each chunk is made to take 150 ms (ULVM_PVMOVE_TEST_CHUNK_MS, under the chunk's lock, as a slow disk would), and
 * the progress is read from the images (extents_moved and the move's progress record): lvs returns while the move is in
 * progress, lvcreate gets in between two chunks and the move goes on from the re-read metadata, pvmove --abort stops
 * it within a chunk and nothing is committed after it; real vgck is clean at the end.
 */
class PvMoveBackgroundOfflineTest {
    private static final long MiB = 1L << 20;
    /** 256 MiB in 4 MiB extents: 64 chunks of 150 ms at least. */
    private static final long EXTENTS = 64;

    @BeforeAll
    static void root() { MountRig.assumeRootWithFuse(); }

    private static MountRig rig(Path tmp) throws Exception {
        MountRig rig = new MountRig(tmp);
        rig.vg("vg", 2, 320 * MiB);
        rig.ulvm("lvcreate", "-l", Long.toString(EXTENTS), "-n", "lv", "vg", rig.images.get(0).toString()).ok();
        rig.env.put("ULVM_PVMOVE_TEST_CHUNK_MS", "150");
        rig.onClose(() -> poller(rig).ifPresent(ProcessHandle::destroyForcibly));
        return rig;
    }

    @Test
    void commandsRunBetweenTheChunksAndTheMoveRereadsTheMetadata(@TempDir Path tmp) throws Exception {
        try (MountRig rig = rig(tmp)) {
            String pv0 = rig.images.get(0).toString(), pv1 = rig.images.get(1).toString();
            MountRig.Result b = rig.ulvm("pvmove", "-b", pv0).ok();
            assertEquals("", b.out() + b.err());
            long started = waitForMoved(rig, m -> m >= 1, "the move to start");

            // a report returns while the move runs: what it shows, and the progress after it, say the move is not over
            assertTrue(rig.ulvm("lvs", "-a", "--noheadings", "-o", "lv_name", "vg").ok().lines().contains("[pvmove0]"));
            long afterLvs = moved(rig);
            assertTrue(afterLvs >= started && afterLvs < EXTENTS, "extents moved after lvs: " + afterLvs);

            // a change of the VG gets in between two chunks; the move commits its next checkpoints over it
            rig.ulvm("lvcreate", "-l", "2", "-n", "x", "vg", pv1).ok();
            long afterLvcreate = moved(rig);
            assertTrue(afterLvcreate < EXTENTS, "extents moved after lvcreate: " + afterLvcreate);
            waitForMoved(rig, m -> m > afterLvcreate, "the move to go on after lvcreate");

            waitForPollerExit(rig, 120);
            assertEquals(List.of("lv " + pv1 + "(0)", "x " + pv1 + "(" + EXTENTS + ")"), rig.realLvs("vg", "lv_name,devices"));
            realVgckClean(rig);
        }
    }

    @Test
    void abortStopsTheBackgroundMoveWithinAChunk(@TempDir Path tmp) throws Exception {
        try (MountRig rig = rig(tmp)) {
            String pv0 = rig.images.get(0).toString();
            rig.ulvm("pvmove", "-b", pv0).ok();
            waitForMoved(rig, m -> m >= 2, "the move to get going");
            MountRig.Result a = rig.ulvm("pvmove", "--abort", pv0).ok();
            assertEquals("", a.out() + a.err(), "LVM2's pvmove --abort prints nothing");
            assertEquals(List.of("lv"), rig.ulvm("lvs", "-a", "--noheadings", "-o", "lv_name", "vg").ok().lines());
            String seqno = rig.ulvm("vgs", "--noheadings", "-o", "seqno", "vg").ok().out().trim();
            waitForPollerExit(rig, 10);
            assertEquals(seqno, rig.ulvm("vgs", "--noheadings", "-o", "seqno", "vg").ok().out().trim(), "nothing committed after the abort");
            // one segment not finished: all of it stays on the source, the destination is free again
            assertEquals(List.of("lv " + pv0 + "(0)"), rig.realLvs("vg", "lv_name,devices"));
            realVgckClean(rig);
        }
    }

    /**
     * The extents moved so far, from the images (extents_moved, and the progress record inside a segment: {@link
     * PvMoves#movedExtents}); -1 once no move is left.
     */
    private static long moved(MountRig rig) {
        return PvMoves.movedExtents(rig, "vg");
    }

    private static long waitForMoved(MountRig rig, LongPredicate ok, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            long m = moved(rig);
            if (ok.test(m)) return m;
            assertTrue(m >= 0 && System.nanoTime() < deadline, "timed out waiting for " + what + " (extents moved " + m + ")");
            MountRig.sleep(50);
        }
    }

    /** The background copy's process: a {@code pvmove --poll} of this rig's images. */
    private static Optional<ProcessHandle> poller(MountRig rig) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains(" pvmove --poll ") && c.contains(rig.dir.toString())).orElse(false)).findFirst();
    }

    private static void waitForPollerExit(MountRig rig, int seconds) throws Exception {
        Optional<ProcessHandle> p = poller(rig);
        if (p.isPresent()) p.get().onExit().get(seconds, TimeUnit.SECONDS);
    }

    private static void realVgckClean(MountRig rig) {
        RealLvm.Result r = RealLvm.run(rig.images, "vgck", "vg");
        assertEquals(0, r.rc(), r::toString);
        assertEquals("", r.warnings(), r::toString);
    }
}
