package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.e2e.mount.PvMoves.MiB;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An NBD client writes and flushes all through a pvmove of its LV: NBD requests go through the same volume as the
 * FUSE file, so the move's chunk locks and table switches hold them as they hold the file's writes, and nothing the
 * client wrote is lost or left behind on the source.
 */
class NbdPvMoveTest {
    @BeforeAll
    static void needs() {
        MountRig.assumeRootWithFuse();
        NbdSteps.needTools();
    }

    @Test
    void writesOverNbdDuringAPvmoveAllLand(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 48 * MiB);
            String p0 = rig.images.get(0).toString(), p1 = rig.images.get(1).toString();
            rig.ulvm("lvcreate", "-L", "16M", "-n", "m", "vg", p0).ok();
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", "300");
            NbdSteps.mount(rig);
            Path stop = tmp.resolve("stop"), expected = tmp.resolve("expected.raw"), count = tmp.resolve("count");
            // 64 KiB blocks in a scattered order, each write followed by a flush, until the stop file appears
            Process writer = NbdSteps.start(rig, "nbdsh", "-u", NbdSteps.uri(rig, "vg/m"), "-c", """
                    import os
                    img = bytearray(16 << 20)
                    i = 0
                    while not os.path.exists('%s') or i < 64:
                        off = (i * 7919 %% 256) << 16
                        block = bytes([(i * 31 + 7) %% 251]) * 65536
                        h.pwrite(block, off)
                        h.flush()
                        img[off:off + 65536] = block
                        i += 1
                    open('%s', 'wb').write(img)
                    open('%s', 'w').write(str(i))
                    """.formatted(stop, expected, count));
            MountRig.Result move = rig.ulvm("pvmove", "-i", "1", p0, p1);
            Files.writeString(stop, "");
            assertTrue(writer.waitFor(60, TimeUnit.SECONDS), "the writer ends");
            assertEquals(0, writer.exitValue(), () -> "writer: " + rig.dir.resolve("client.log"));
            assertEquals(0, move.rc(), () -> move + "\n" + rig.daemonLog());
            assertTrue(move.out().contains(p0 + ": Moved: 100.00%"), move::toString);
            assertTrue(Integer.parseInt(Files.readString(count)) > 64, "the writer wrote during the move");

            assertEquals(List.of("m " + p1 + "(0)"), PvMoves.devices(rig, "vg"));
            byte[] want = Files.readAllBytes(expected);
            assertArrayEquals(want, NbdSteps.copyOut(rig, "vg/m", tmp.resolve("m.copy")), "read back over NBD");
            assertArrayEquals(want, Files.readAllBytes(rig.lvFile("vg", "m")), "the LV file");
            rig.umount();
            PvMoves.vgckClean(rig, "vg");
        }
    }
}
