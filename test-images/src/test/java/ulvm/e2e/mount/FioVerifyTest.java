package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fio straight on an LV file with O_DIRECT: four jobs, each on its own 16 MiB of a 64 MiB striped LV, random 4 KiB
 * writes with crc32c verification; then, after ulvm umount and mount, the same jobs in verify-only mode read it all
 * back; and one block overwritten behind fio's back must make the verify fail (the check really checks).
 */
class FioVerifyTest {
    @BeforeAll
    static void fuse() {
        MountRig.assumeRootWithFuse();
        ulvm.e2e.Needs.that(MountRig.sh("fio", "--version").rc() == 0, "fio is not installed");
    }

    @Test
    void randwriteVerifyDirectNumjobs4(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            randwriteVerifyDirectNumjobs4(rig);
        }
    }

    /** The test on {@code rig} (its session chosen by the caller). */
    static void randwriteVerifyDirectNumjobs4(MountRig rig) throws Exception {
        rig.vg("vg", 2, 64L << 20);
        rig.ulvm("lvcreate", "-i", "2", "-I", "64k", "-L", "64M", "-n", "lv", "vg").ok();
        verifyAcrossRemount(rig);
    }

    /** The test on the 64 MiB LV vg/lv that {@code rig} already has. */
    static void verifyAcrossRemount(MountRig rig) throws Exception {
        rig.mount();
        Path file = rig.lvFile("vg", "lv");
        assertEquals(64L << 20, Files.size(file));

        MountRig.Result w = fio(file, false);
        assertEquals(0, w.rc(), () -> "fio randwrite+verify: " + w + "\n" + rig.daemonLog());
        assertEquals("0", terse(w, 5), "fio error code");
        assertEquals(String.valueOf(64 << 10), terse(w, 47), "KiB written");
        assertEquals(String.valueOf(64 << 10), terse(w, 6), "KiB read back by the verify");

        rig.umount();
        rig.mount();
        MountRig.dropCaches();
        MountRig.Result v = fio(file, true);
        assertEquals(0, v.rc(), () -> "fio verify_only after remount: " + v + "\n" + rig.daemonLog());

        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(5L << 20);
            raf.write(new byte[4096]);
            raf.getFD().sync();
        }
        MountRig.Result bad = fio(file, true);
        assertNotEquals(0, bad.rc(), () -> "verify_only must notice the zeroed block: " + bad);
        assertTrue((bad.out() + bad.err()).contains("verify"), bad::toString);
    }

    private static MountRig.Result fio(Path file, boolean verifyOnly) {
        List<String> c = new ArrayList<>(List.of("fio", "--name=v", "--filename=" + file, "--direct=1", "--ioengine=psync",
                "--rw=randwrite", "--bs=4k", "--size=16M", "--offset_increment=16M", "--numjobs=4", "--fallocate=none",
                "--verify=crc32c", "--verify_fatal=1", "--verify_state_save=0", "--group_reporting", "--minimal"));
        if (verifyOnly) c.add("--verify_only");
        return MountRig.sh(c.toArray(new String[0]));
    }

    /** Field {@code i} (1-based, as fio's HOWTO counts) of fio's terse v3 line: 5 = error, 6 = read KiB, 47 = write KiB. */
    private static String terse(MountRig.Result r, int i) {
        String line = r.out().lines().filter(l -> l.startsWith("3;")).findFirst().orElseThrow(() -> new AssertionError("no terse line: " + r));
        return line.split(";")[i - 1];
    }
}
