package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.e2e.mount.PvMoves.MiB;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the daemon in the middle of a background pvmove; --abort of a move the daemon runs. */
class PvMoveCrashTest {
    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void killedMidMoveThenTheRemountFinishesIt(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            String src = rig.images.get(0).toString(), dst = rig.images.get(1).toString();
            rig.ulvm("lvcreate", "-L", "32M", "-n", "lv", "vg", src).ok();
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", "800");
            rig.mount();
            Path file = rig.lvFile("vg", "lv");
            byte[] a = RaidSeedExamplesTest.pattern(1, 32 * MiB);
            writeSynced(file, 0, a);
            rig.ulvm("pvmove", "-b", src).ok();
            PvMoves.waitStarted(rig, "vg", 20_000);
            byte[] b = RaidSeedExamplesTest.pattern(2, 20 * MiB);
            writeSynced(file, 6 * MiB, b); // across the copied part, the chunk in copy and the rest
            System.arraycopy(b, 0, a, (int) (6 * MiB), b.length);
            rig.kill9();
            long at = PvMoves.movedExtents(rig, "vg");
            assertTrue(at > 0 && at < 8, "killed in the middle: " + at + " of 8 extents moved");

            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", "50");
            rig.mount(); // the move found in metadata goes on by itself
            assertArrayEquals(a, RaidSeedExamplesTest.readAt(file, 0, a.length), "fsynced data after kill -9, during the resumed move");
            PvMoves.waitDone(rig, "vg", 30_000);
            assertEquals(List.of("lv " + dst + "(0)"), rig.lvs("vg", "lv_name,devices"));
            assertArrayEquals(a, RaidSeedExamplesTest.readAt(file, 0, a.length), "data after the move");
            rig.umount();
            PvMoves.vgckClean(rig, "vg");
        }
    }

    @Test
    void abortStopsTheDaemonsMove(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            String src = rig.images.get(0).toString();
            rig.ulvm("lvcreate", "-L", "32M", "-n", "lv", "vg", src).ok();
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", "400");
            rig.mount();
            Path file = rig.lvFile("vg", "lv");
            byte[] a = RaidSeedExamplesTest.pattern(3, 32 * MiB);
            writeSynced(file, 0, a);
            rig.ulvm("pvmove", "-b", src).ok();
            PvMoves.waitStarted(rig, "vg", 20_000);
            byte[] b = RaidSeedExamplesTest.pattern(4, 8 * MiB);
            writeSynced(file, 0, b); // into the part already copied: the abort returns it to the source
            System.arraycopy(b, 0, a, 0, b.length);
            rig.ulvm("pvmove", "--abort").ok();
            assertTrue(!PvMoves.moving(rig, "vg"), "no move left");
            assertEquals(List.of("lv " + src + "(0)"), rig.lvs("vg", "lv_name,devices"), "one segment, not complete: back on the source");
            MountRig.sleep(1000); // a mover that went on would commit within this
            assertEquals(List.of("lv " + src + "(0)"), rig.lvs("vg", "lv_name,devices"));
            assertArrayEquals(a, RaidSeedExamplesTest.readAt(file, 0, a.length), "data after the abort");
            rig.umount();
            PvMoves.vgckClean(rig, "vg");
        }
    }

    private static void writeSynced(Path file, long at, byte[] data) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) ch.write(buf, at + buf.position());
            ch.force(true);
        }
    }
}
