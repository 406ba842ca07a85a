package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `ulvm mount --cache none`: the daemon opens the PV images with O_DIRECT (as qemu's cache=none), and the LV files
 * keep their contents - ext4 with checksums across a remount and fio's verify, on linear, striped and raid1 LVs.
 * A word other than writeback or none is a bad command line, in LVM2's words ("Invalid argument for --X: Y").
 */
class CacheNoneMountTest {
    private static final int O_DIRECT = 040000;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "striped", "raid1"})
    void ext4FilesSurviveUmountAndRemount(String kind, @TempDir Path tmp) throws Exception {
        try (MountRig rig = cacheNone(tmp)) {
            lv(rig, kind, 128L << 20);
            Ext4OnLvFileTest.filesSurviveUmountAndRemount(rig, tmp, new Random(kind.hashCode()));
            assertImagesDirect(rig, true);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "striped", "raid1"})
    void fioVerify(String kind, @TempDir Path tmp) throws Exception {
        ulvm.e2e.Needs.that(MountRig.sh("fio", "--version").rc() == 0, "fio is not installed");
        try (MountRig rig = cacheNone(tmp)) {
            lv(rig, kind, 96L << 20);
            FioVerifyTest.verifyAcrossRemount(rig);
            assertImagesDirect(rig, true);
        }
    }

    /** writeback, the default, keeps the images buffered. */
    @Test
    void theDefaultIsBuffered(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            lv(rig, "linear", 64L << 20);
            rig.mount();
            assertTrue(rig.daemonLog().contains("cache=writeback"), rig::daemonLog);
            assertImagesDirect(rig, false);
        }
    }

    @Test
    void aBadValueIsABadCommandLine(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            MountRig.Result r = rig.ulvm("mount", "--cache", "directsync", rig.mnt.toString());
            assertEquals(3, r.rc(), r::toString);
            assertEquals(List.of("  Invalid argument for --cache: directsync"), r.errLines());
            assertEquals(java.util.Optional.empty(), MountRig.fsType(rig.mnt), "nothing mounted");
            MountRig.Result help = rig.ulvm("mount", "--help").ok();
            assertTrue(help.out().contains("--cache=writeback|none"), help::toString);
        }
    }

    private static MountRig cacheNone(Path tmp) throws IOException {
        MountRig rig = new MountRig(tmp);
        rig.mountArgs.addAll(List.of("--cache", "none"));
        return rig;
    }

    /** A VG of two images of {@code pvBytes} and its 64 MiB LV vg/lv of {@code kind}. */
    private static void lv(MountRig rig, String kind, long pvBytes) throws IOException {
        rig.vg("vg", 2, pvBytes);
        switch (kind) {
            case "linear" -> rig.ulvm("lvcreate", "-L", "64M", "-n", "lv", "vg").ok();
            case "striped" -> rig.ulvm("lvcreate", "-i", "2", "-I", "64k", "-L", "64M", "-n", "lv", "vg").ok();
            default -> rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "64M", "-n", "lv", "vg").ok();
        }
    }

    /** Whether every PV image the daemon holds open has O_DIRECT in its file flags (/proc/PID/fdinfo). */
    private static void assertImagesDirect(MountRig rig, boolean direct) throws IOException {
        Path fds = Path.of("/proc/" + rig.daemonPid() + "/fd");
        int seen = 0;
        try (Stream<Path> s = Files.list(fds)) {
            for (Path fd : s.toList()) {
                Path target;
                try {
                    target = Files.readSymbolicLink(fd);
                } catch (IOException gone) {
                    continue;
                }
                if (!rig.images.contains(target)) continue;
                String flags = Files.readAllLines(Path.of("/proc/" + rig.daemonPid() + "/fdinfo/" + fd.getFileName())).stream()
                        .filter(l -> l.startsWith("flags:")).findFirst().orElseThrow().substring(6).trim();
                assertEquals(direct, (Integer.parseInt(flags, 8) & O_DIRECT) != 0, () -> target + " flags " + flags);
                seen++;
            }
        }
        assertTrue(seen >= rig.images.size(), () -> "the daemon holds every image open\n" + rig.daemonLog());
        if (direct) assertTrue(rig.daemonLog().contains("cache=none"), rig::daemonLog);
    }
}
