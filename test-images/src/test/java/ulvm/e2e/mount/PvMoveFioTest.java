package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.e2e.mount.PvMoves.MiB;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fio with crc32c verify on an LV file all through a background pvmove of its PV (slowed to last seconds): every
 * fio run that overlaps the move verifies, the data verifies again after it, and the LV ends on the destination.
 */
class PvMoveFioTest {
    @BeforeAll
    static void tools() {
        MountRig.assumeRootWithFuse();
        ulvm.e2e.Needs.that(MountRig.sh("fio", "--version").rc() == 0, "fio is not installed");
    }

    @Test
    void fioVerifiesThroughoutAMove(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            String src = rig.images.get(0).toString(), dst = rig.images.get(1).toString();
            rig.ulvm("lvcreate", "-L", "32M", "-n", "lv", "vg", src).ok();
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", "500"); // 8 checkpoints of 4 MiB: about 4 s
            rig.mount();
            Path file = rig.lvFile("vg", "lv");

            rig.ulvm("pvmove", "-b", src).ok();
            assertTrue(PvMoves.moving(rig, "vg"), "pvmove -b returned before the move ended; it goes on in the daemon");
            int runs = 0;
            do {
                MountRig.Result w = fio(file, false);
                assertEquals(0, w.rc(), () -> "fio randwrite+verify during the move: " + w + "\n" + rig.daemonLog());
                assertEquals("0", terse(w, 5), "fio error code");
                runs++;
            } while (PvMoves.moving(rig, "vg") && runs < 20);
            PvMoves.waitDone(rig, "vg", 30_000);
            assertEquals(List.of("lv " + dst + "(0)"), rig.lvs("vg", "lv_name,devices"));
            MountRig.Result v = fio(file, true);
            assertEquals(0, v.rc(), () -> "fio verify_only after the move: " + v + "\n" + rig.daemonLog());
            rig.umount();
            PvMoves.vgckClean(rig, "vg");
        }
    }

    private static MountRig.Result fio(Path file, boolean verifyOnly) {
        List<String> c = new ArrayList<>(List.of("fio", "--name=v", "--filename=" + file, "--direct=1", "--ioengine=psync",
                "--rw=randwrite", "--bs=4k", "--size=8M", "--offset_increment=8M", "--numjobs=4", "--fallocate=none",
                "--verify=crc32c", "--verify_fatal=1", "--verify_state_save=0", "--group_reporting", "--minimal"));
        if (verifyOnly) c.add("--verify_only");
        return MountRig.sh(c.toArray(new String[0]));
    }

    private static String terse(MountRig.Result r, int i) {
        String line = r.out().lines().filter(l -> l.startsWith("3;")).findFirst().orElseThrow(() -> new AssertionError("no terse line: " + r));
        return line.split(";")[i - 1];
    }
}
