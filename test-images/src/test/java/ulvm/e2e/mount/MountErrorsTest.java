package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ulvm mount and umount refuse: each refusal is one line on stderr and exit code 5, and changes nothing. */
class MountErrorsTest {
    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    private static void refused(MountRig.Result r, String expectedLine) {
        assertEquals(5, r.rc(), r::toString);
        assertEquals(List.of("  " + expectedLine), r.errLines(), r::toString);
    }

    /**
     * A word --session does not take is a bad command line, in LVM2's words for an option value it does not know
     * (`lvchange --activate foo`: "Invalid argument for --activate: foo", exit 3); picocli's own message never shows.
     * Without a value it is getopt's refusal, as for any LVM2 option. (--cache: CacheNoneMountTest.)
     */
    @Test
    void sessionThatIsNotKernelNorLibfuse2(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            for (String bad : List.of("fuse3", "KERNEL", "")) {
                MountRig.Result r = rig.ulvm("mount", "--session", bad, rig.mnt.toString());
                assertEquals(3, r.rc(), r::toString);
                assertEquals(List.of("  Invalid argument for --session: " + bad), r.errLines(), r::toString);
            }
            MountRig.Result r = rig.ulvm("mount", rig.mnt.toString(), "--session");
            assertEquals(3, r.rc(), r::toString);
            assertEquals(List.of("mount: option '--session' requires an argument", "  Error during parsing of command line."), r.errLines(), r::toString);
            assertEquals(Optional.empty(), MountRig.fsType(rig.mnt));
            assertTrue(Files.notExists(rig.runDir().resolve("ulvmd.pid")));
            MountRig.Result help = rig.ulvm("mount", "--help").ok();
            assertTrue(help.out().contains("--session=kernel|libfuse2"), help::toString);
        }
    }

    @Test
    void mountPointThatDoesNotExist(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            Path nope = tmp.resolve("nope");
            refused(rig.ulvm("mount", nope.toString()), "Mount point " + nope + " does not exist.");
            assertTrue(Files.notExists(nope));
            assertTrue(Files.notExists(rig.runDir().resolve("ulvmd.pid")));
        }
    }

    @Test
    void mountPointThatIsNotEmpty(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            Files.writeString(rig.mnt.resolve("somebody's file"), "x");
            refused(rig.ulvm("mount", rig.mnt.toString()), "Mount point " + rig.mnt + " is not empty.");
            assertEquals(Optional.empty(), MountRig.fsType(rig.mnt));
        }
    }

    @Test
    void mountPointWithATmpfsOnIt(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            MountRig.sh("mount", "-t", "tmpfs", "-o", "size=1m", "ulvmtest", rig.mnt.toString()).ok();
            rig.onClose(() -> MountRig.sh("umount", rig.mnt.toString()));
            refused(rig.ulvm("mount", rig.mnt.toString()), "Mount point " + rig.mnt + " is already mounted (tmpfs).");
            assertEquals(Optional.of("tmpfs"), MountRig.fsType(rig.mnt), "the tmpfs is left alone");
        }
    }

    @Test
    void secondDaemonOnTheSameSystemDir(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 32L << 20);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lv", "vg").ok();
            rig.mount();
            Path other = Files.createDirectories(tmp.resolve("other"));
            refused(rig.ulvm("mount", other.toString()),
                    "A ulvm mount is already running for " + rig.sys + " (pid " + rig.daemonPid() + ", mounted at " + rig.mnt + ").");
            assertEquals(Optional.empty(), MountRig.fsType(other));
            assertTrue(Files.exists(rig.lvFile("vg", "lv")), "the first mount still serves");
        }
    }

    /**
     * A second system dir's `ulvm mount` aimed at a directory a live ulvm daemon serves takes the live mount for a
     * dead one: it lazily unmounts it (umount -l) and mounts over it, so the first daemon's files vanish while it runs.
     */
    @Test
    void mountPointServedByAnotherLiveUlvmDaemon(@TempDir Path tmp) throws Exception {
        try (MountRig first = new MountRig(tmp.resolve("a"), tmp.resolve("a/sys"), tmp.resolve("mnt"));
             MountRig second = new MountRig(tmp.resolve("b"), tmp.resolve("b/sys"), tmp.resolve("mnt"))) {
            first.vg("vg", 1, 32L << 20);
            first.ulvm("lvcreate", "-L", "8M", "-n", "lv", "vg").ok();
            first.mount();
            MountRig.Result r = second.ulvm("mount", first.mnt.toString());
            refused(r, "Mount point " + first.mnt + " is already mounted (fuse.ulvm).");
            assertTrue(Files.exists(first.lvFile("vg", "lv")), "the first mount still serves its LV");
        }
    }

    @Test
    void umountWithALoopDeviceAttachedNamesIt(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 32L << 20);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lv", "vg").ok();
            rig.mount();
            Path file = rig.lvFile("vg", "lv");
            String loop = rig.losetup(file);
            refused(rig.ulvm("umount", rig.mnt.toString()),
                    "Cannot unmount " + rig.mnt + ": " + loop + " is attached to " + file + " (losetup -d " + loop + " first).");
            assertEquals(Optional.of("fuse.ulvm"), MountRig.fsType(rig.mnt), "still mounted");
            assertEquals(8L << 20, MountRig.blockDevSize(loop), "the loop device still works");
            rig.detach(loop);
            rig.umount();
            refused(rig.ulvm("umount", rig.mnt.toString()), "No ulvm mount at " + rig.mnt + ".");
        }
    }

    /**
     * libfuse 2 missing, for the session that needs it: LD_LIBRARY_PATH cannot hide a library in the system directories, so a private mount
     * namespace (unshare -m) binds /dev/null over libfuse.so.2 for the one command; the host never sees it.
     */
    @Test
    void libfuseMissing(@TempDir Path tmp) throws Exception {
        String lib = MountRig.sh("sh", "-c", "ldconfig -p | awk '$1 == \"libfuse.so.2\" {print $NF; exit}'").ok().out().trim();
        ulvm.e2e.Needs.that(!lib.isEmpty(), "libfuse.so.2 is not installed anyway");
        ulvm.e2e.Needs.that(MountRig.sh("unshare", "-m", "true").rc() == 0, "no unshare -m");
        try (MountRig rig = new MountRig(tmp)) {
            String real = Path.of(lib).toRealPath().toString();
            ProcessBuilder pb = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
                    "mount --bind /dev/null \"$1\" && exec \"$2\" mount --session libfuse2 \"$3\"", "sh", real, MountRig.launcher().toString(), rig.mnt.toString());
            pb.environment().put("ULVM_SKIP_BUILD", "1");
            pb.environment().put("ULVM_SYSTEM_DIR", rig.sys.toString());
            MountRig.Result r = MountRig.exec(pb, 60);
            assertEquals(5, r.rc(), r::toString);
            assertEquals(1, r.errLines().size(), r::toString);
            assertTrue(r.errLines().get(0).startsWith("  FUSE unavailable: libfuse 2 (libfuse.so.2) not found; install the libfuse2 package"), r::toString);
            assertEquals(Optional.empty(), MountRig.fsType(rig.mnt));
        }
    }
}
