package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libfuse 2 session (`ulvm mount --session libfuse2`, and the automatic choice when mount(2) is not permitted:
 * UnprivilegedMountTest)
 * keeps serving the same volumes: a smoke subset of the mount suites runs on it - ext4 with checksums, fio verify,
 * an online lvextend and kill -9 - while every suite runs on the default, the kernel session of our own.
 */
class Libfuse2SessionTest {
    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void ext4FilesSurviveUmountAndRemount(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp).session("libfuse2")) {
            Ext4OnLvFileTest.filesSurviveUmountAndRemount(rig, "linear", tmp);
            assertServedBy(rig, "libfuse2");
        }
    }

    @Test
    void fioVerify(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(MountRig.sh("fio", "--version").rc() == 0, "fio is not installed");
        try (MountRig rig = new MountRig(tmp).session("libfuse2")) {
            FioVerifyTest.randwriteVerifyDirectNumjobs4(rig);
            assertServedBy(rig, "libfuse2");
        }
    }

    @Test
    void lvextendWhileOpenAndBeingWritten(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp).session("libfuse2")) {
            OnlineChangesTest.lvextendWhileOpenAndBeingWritten(rig);
            assertServedBy(rig, "libfuse2");
        }
    }

    @Test
    void kill9AfterFsyncThenRemount(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp).session("libfuse2")) {
            OnlineChangesTest.kill9AfterFsyncThenRemountKeepsTheData(rig);
            assertServedBy(rig, "libfuse2");
        }
    }

    /** The default for root is the kernel session, with 1 MiB requests and 64 background requests. */
    @Test
    void rootMountsWithTheKernelSessionByDefault(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 16L << 20);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lv", "vg").ok();
            rig.mount();
            assertServedBy(rig, "kernel");
            long dev = ((Number) Files.getAttribute(rig.mnt, "unix:dev")).longValue();
            Path conn = ulvm.fuse.KernelUnmount.connection(dev);
            if (Files.exists(conn.resolve("max_background"))) {
                assertEquals("64", Files.readString(conn.resolve("max_background")).trim());
            }
            assertTrue(rig.daemonLog().contains("maxWrite=" + ulvm.fuse.kernel.KernelSession.maxPagesLimit() * 4096), rig::daemonLog);
        }
    }

    private static void assertServedBy(MountRig rig, String session) {
        assertTrue(rig.daemonLog().contains("with the " + session + " session"), rig::daemonLog);
    }
}
