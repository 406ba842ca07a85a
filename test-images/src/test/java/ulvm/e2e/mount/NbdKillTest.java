package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the daemon while nbdcopy writes into an export: after the remount, what NBD clients had flushed is intact
 * (a finished `nbdcopy --flush` into one LV, an NBD_CMD_FLUSH after writes into a raid1 LV), and the interrupted copy's
 * LV is served again.
 */
class NbdKillTest {
    private static final long MiB = 1L << 20;

    @BeforeAll
    static void needs() {
        MountRig.assumeRootWithFuse();
        NbdSteps.needTools();
    }

    @Test
    void flushedDataSurvivesAKillDuringNbdcopy(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 96 * MiB);
            NbdSteps.mount(rig);
            rig.ulvm("lvcreate", "-L", "16M", "-n", "a", "vg").ok();
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "8M", "-n", "r", "vg").ok();
            rig.ulvm("lvcreate", "-L", "48M", "-n", "b", "vg").ok();
            RaidSteps.awaitInSync(rig, "vg/r");
            Path a = Files.write(tmp.resolve("a.raw"), RaidSteps.random(1, (int) (16 * MiB)));
            NbdSteps.tool("nbdcopy", "--flush", a.toString(), NbdSteps.uri(rig, "vg/a")).ok();
            byte[] r = RaidSteps.random(2, (int) MiB);
            Files.write(tmp.resolve("r.raw"), r);
            NbdSteps.tool("nbdsh", "-u", NbdSteps.uri(rig, "vg/r"), "-c",
                    "h.pwrite(open('" + tmp.resolve("r.raw") + "', 'rb').read(), 3 * 1024 * 1024)\nh.flush()").ok();

            Path b = Files.write(tmp.resolve("b.raw"), RaidSteps.random(3, (int) (40 * MiB)));
            // 8 MiB at once, then the rest after a pause the kill falls into
            Process copy = NbdSteps.start(rig, "sh", "-c", "{ head -c 8M '" + b + "'; sleep 8; tail -c +8388609 '" + b + "'; } | nbdcopy - '"
                    + NbdSteps.uri(rig, "vg/b") + "'");
            long deadline = System.currentTimeMillis() + 20_000;
            while (!rig.ulvm("nbd").ok().lines().contains("vg/b rw 1") && System.currentTimeMillis() < deadline) MountRig.sleep(50);
            assertTrue(rig.ulvm("nbd").ok().lines().contains("vg/b rw 1"), "nbdcopy is connected");
            MountRig.sleep(500);
            rig.kill9();
            assertTrue(copy.waitFor(40, TimeUnit.SECONDS));
            assertNotEquals(0, copy.exitValue(), "nbdcopy lost its server");

            rig.mount(); // the same --nbd socket, left by the killed daemon
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(rig.lvFile("vg", "a")), "nbdcopy --flush");
            assertArrayEquals(r, RaidSteps.readAt(rig.lvFile("vg", "r"), 3 * MiB, (int) MiB), "written and flushed over NBD");
            assertArrayEquals(Files.readAllBytes(rig.lvFile("vg", "b")), NbdSteps.copyOut(rig, "vg/b", tmp.resolve("b.copy")),
                    "the interrupted LV is served again");
            assertEquals(List.of("vg/a", "vg/b", "vg/r"), NbdSteps.listed(rig));
        }
    }
}
