package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14.4: the daemon follows its mount. After {@code umount}, {@code fusermount -u} or {@code umount -l} from
 * outside, it stops as `ulvm umount` would (images forced, the raid's sync checkpointed, the system dir released,
 * why in its log), so a new `ulvm mount` works within seconds and every write (not fsynced) is there. And
 * `ulvm umount` unmounts a ulvm mount whose daemon's pid file is gone.
 */
class MountGoneTest {
    private static final long MiB = 1L << 20;
    private static final int DATA = (int) (4 * MiB);

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @ParameterizedTest
    @ValueSource(strings = {"umount", "fusermount -u", "umount -l"})
    void theDaemonStopsWhenItsMountGoes(String how, @TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lin", "vg").ok();
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "8M", "-n", "r", "vg").ok();
            rig.mount();
            long pid = rig.daemonPid();
            byte[] a = RaidSteps.random(1, DATA), b = RaidSteps.random(2, DATA);
            RaidSteps.write(rig.lvFile("vg", "lin"), 0, a); // no fsync: the daemon's stop forces them
            RaidSteps.write(rig.lvFile("vg", "r"), 0, b);
            List<String> cmd = new java.util.ArrayList<>(List.of(how.split(" ")));
            cmd.add(rig.mnt.toString());
            MountRig.Result r = MountRig.sh(cmd.toArray(new String[0]));
            assertEquals(0, r.rc(), () -> how + ": " + r);
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
            assertTrue(ProcessHandle.of(pid).isEmpty(), "the daemon is still running after " + how);
            assertTrue(rig.daemonLog().contains("was unmounted from outside"), rig.daemonLog());
            assertEquals(List.of("-wi-------"), rig.lvs("vg/lin", "attr"), "inactive once the daemon is gone");
            rig.ulvm("mount", rig.mnt.toString()).ok();
            assertEquals(Optional.of("fuse.ulvm"), MountRig.fsType(rig.mnt));
            assertArrayEquals(a, RaidSteps.readAt(rig.lvFile("vg", "lin"), 0, DATA));
            assertArrayEquals(b, RaidSteps.readAt(rig.lvFile("vg", "r"), 0, DATA));
        }
    }

    @Test
    void umountUnmountsAMountWhosePidFileIsGone(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lin", "vg").ok();
            rig.mount();
            long pid = rig.daemonPid();
            Files.delete(rig.runDir().resolve("ulvmd.pid"));
            rig.ulvm("umount", rig.mnt.toString()).ok();
            assertEquals(Optional.empty(), MountRig.fsType(rig.mnt));
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
            rig.ulvm("mount", rig.mnt.toString()).ok();
        }
    }
}
