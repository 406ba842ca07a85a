package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `ulvm mount --dev-links`: each active LV gets a loop device (direct I/O, read-only for a read-only LV) and the links
 * DEVDIR/VG/LV and DEVDIR/mapper/VG-LV to it, DEVDIR being $ULVM_DEV_DIR (a temporary directory here, never /dev).
 * The seed article's backup script runs as written with only lvcreate/lvremove prefixed by `ulvm`; deactivating a
 * mounted linked LV is refused in LVM2's words, an unmounted one loses its loop and links; lvextend grows the loop,
 * lvchange -p follows, vgrename moves the links;
 * `ulvm umount` detaches every loop of ours. The libfuse2 runs ask for the links with lvm.conf's devices/dev_links = 1. (LVM2: test/shell/lvcreate-usage.sh and snapshot-usage.sh mount
 * /dev/VG/LV the same way.)
 */
class DevLinksMountTest {
    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    /** A rig whose mount has --dev-links under {@code tmp}/dev, with vg00/home (ext4, mounted at tmp/home). */
    private static MountRig rig(Path tmp) throws IOException { return rig(tmp, "kernel"); }

    /** As {@link #rig(Path)}, with the FUSE session {@code session}. */
    private static MountRig rig(Path tmp, String session) throws IOException {
        MountRig rig = new MountRig(tmp).session(session);
        Path dev = tmp.resolve("dev");
        rig.env.put("ULVM_DEV_DIR", dev.toString());
        if (session.equals("libfuse2")) { // ulvm's lvm.conf setting devices/dev_links = 1 does what --dev-links does
            Files.createDirectories(rig.sys);
            Files.writeString(rig.sys.resolve("lvm.conf"), "devices {\n\tdev_links = 1\n}\n");
        } else rig.mountArgs.add("--dev-links");
        rig.vg("vg00", 1, 256L << 20);
        rig.ulvm("lvcreate", "-n", "home", "-L", "64M", "vg00").ok();
        rig.mount();
        rig.onClose(() -> detachOurs(rig)); // runs before the rig's umount: whatever a failure left mounted
        return rig;
    }

    private static Path devDir(MountRig rig) { return Path.of(rig.env.get("ULVM_DEV_DIR")); }

    /** Under both sessions: losetup opens a file the daemon itself serves, from a thread of its own. */
    @ParameterizedTest
    @ValueSource(strings = {"kernel", "libfuse2"})
    void theSeedBackupScriptRunsAsWritten(String session, @TempDir Path tmp) throws Exception {
        try (MountRig rig = rig(tmp, session)) {
            Path dev = devDir(rig);
            String home = loopOf(dev.resolve("vg00/home"));
            assertEquals(home, loopOf(dev.resolve("mapper/vg00-home")));
            assertEquals("1 0", MountRig.sh("losetup", "-n", "-O", "DIO,RO", home).ok().out().trim().replaceAll("\\s+", " "));
            MountRig.sh("mkfs.ext4", "-q", dev.resolve("vg00/home").toString()).ok();
            Path homeMnt = rig.mountExt4(dev.resolve("vg00/home").toString(), tmp.resolve("home"));
            Files.writeString(homeMnt.resolve("a"), "before\n");
            Files.createDirectories(homeMnt.resolve("d"));
            Files.write(homeMnt.resolve("d/big"), new byte[300_000]);
            MountRig.sh("sync").ok();
            Files.createDirectories(tmp.resolve("mnt-snap"));
            Files.createDirectories(tmp.resolve("backup"));
            // the seed article's script; only lvcreate and lvremove are ulvm's (cp -a stands for rsync when missing)
            String script = """
                    set -e
                    ulvm lvcreate -vs -p r -n home-snap -L 16M $DEV/vg00/home
                    echo after > $HOME_MNT/a
                    mount -o ro $DEV/vg00/home-snap $T/mnt-snap
                    if command -v rsync >/dev/null; then rsync -a $T/mnt-snap/ $T/backup/; else cp -a $T/mnt-snap/. $T/backup/; fi
                    umount $T/mnt-snap
                    ulvm lvremove -f $DEV/vg00/home-snap
                    """;
            Path bin = Files.createDirectories(tmp.resolve("bin"));
            Files.createSymbolicLink(bin.resolve("ulvm"), MountRig.launcher());
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", script);
            pb.environment().putAll(rig.env);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            pb.environment().put("ULVM_SKIP_BUILD", "1");
            pb.environment().put("ULVM_SYSTEM_DIR", rig.sys.toString());
            pb.environment().put("DEV", dev.toString());
            pb.environment().put("HOME_MNT", homeMnt.toString());
            pb.environment().put("T", tmp.toString());
            MountRig.Result r = MountRig.exec(pb, 120);
            assertEquals(0, r.rc(), () -> r + rig.daemonLog());
            assertTrue(r.out().contains("Logical volume \"home-snap\" created."), r::toString);
            assertEquals("before\n", Files.readString(tmp.resolve("backup/a")), "the copy is the origin at snapshot time");
            assertEquals("after\n", Files.readString(homeMnt.resolve("a")));
            assertEquals(300_000, Files.size(tmp.resolve("backup/d/big")));
            assertFalse(Files.exists(dev.resolve("vg00/home-snap"), LinkOption()), "the snapshot's link went with it");
            assertFalse(Files.exists(dev.resolve("mapper/vg00-home--snap"), LinkOption()));
            assertEquals(List.of(home), loopsUnder(rig), "the snapshot's loop was detached");
        }
    }

    @Test
    void deactivationIsRefusedWhileMountedAndDetachesOtherwise(@TempDir Path tmp) throws Exception {
        try (MountRig rig = rig(tmp)) {
            Path dev = devDir(rig);
            String home = loopOf(dev.resolve("vg00/home"));
            MountRig.sh("mkfs.ext4", "-q", home).ok();
            Path at = rig.mountExt4(dev.resolve("vg00/home").toString(), tmp.resolve("home"));
            // LVM2's words for an open LV (lib/activate/activate.c: "Logical volume %s in use.")
            MountRig.Result r = rig.ulvm("lvchange", "-an", "vg00/home");
            assertEquals(5, r.rc(), r::toString);
            assertEquals(List.of("  Logical volume vg00/home in use."), r.errLines());
            MountRig.Result u = rig.ulvm("umount", rig.mnt.toString());
            assertEquals(5, u.rc(), u::toString);
            assertTrue(u.err().contains(home + " is attached to"), u::toString);
            MountRig.umountExt4(at);
            Process holder = new ProcessBuilder("sleep", "60").redirectInput(new java.io.File(home)).start(); // an open fd
            try {
                MountRig.Result held = rig.ulvm("lvchange", "-an", "vg00/home");
                assertEquals(5, held.rc(), held::toString);
                assertEquals(List.of("  Logical volume vg00/home in use."), held.errLines());
            } finally {
                holder.destroyForcibly().waitFor();
            }
            rig.ulvm("lvchange", "-an", "vg00/home").ok();
            assertEquals(List.of(), loopsUnder(rig));
            assertFalse(Files.exists(dev.resolve("vg00"), LinkOption()), "DEVDIR/VG goes with its last LV, as LVM2's");
            assertFalse(Files.exists(dev.resolve("mapper/vg00-home"), LinkOption()));
            rig.ulvm("lvchange", "-ay", "vg00/home").ok();
            String again = loopOf(dev.resolve("vg00/home"));
            rig.ulvm("lvremove", "-f", "vg00/home").ok();
            assertEquals(List.of(), loopsUnder(rig), "lvremove detached " + again); // (loop numbers are shared with other tests)
            assertFalse(Files.exists(dev.resolve("vg00/home"), LinkOption()));
        }
    }

    @Test
    void lvextendGrowsTheLoopAndUmountDetachesIt(@TempDir Path tmp) throws Exception {
        try (MountRig rig = rig(tmp)) {
            Path dev = devDir(rig);
            String home = loopOf(dev.resolve("vg00/home"));
            assertEquals(64L << 20, MountRig.blockDevSize(home));
            rig.ulvm("lvextend", "-L", "96M", dev.resolve("vg00/home").toString()).ok();
            assertEquals(96L << 20, MountRig.blockDevSize(home));
            rig.ulvm("lvcreate", "-n", "ro", "-L", "8M", "-p", "r", "vg00").ok();
            String ro = loopOf(dev.resolve("vg00/ro"));
            assertEquals("1", MountRig.sh("losetup", "-n", "-O", "RO", ro).ok().out().trim());
            rig.ulvm("lvchange", "-an", "vg00/ro").ok();
            MountRig.Result inactive = rig.ulvm("lvextend", "-r", "-L", "+4M", "vg00/ro");
            assertEquals(5, inactive.rc(), inactive::toString); // lv_manip.c _request_confirmation's words
            assertEquals(List.of("  Logical volume vg00/ro must be activated before resizing filesystem."), inactive.errLines());
            rig.ulvm("lvchange", "-ay", "vg00/ro").ok();
            rig.ulvm("lvchange", "-p", "rw", "vg00/ro").ok();
            String rw = loopOf(dev.resolve("vg00/ro"));
            assertEquals("0", MountRig.sh("losetup", "-n", "-O", "RO", rw).ok().out().trim(), "lvchange -p rw: the loop is writable");
            rig.ulvm("vgrename", "vg00", "vg01").ok(); // the loops stay, their links move
            assertEquals(home, loopOf(dev.resolve("vg01/home")));
            assertEquals(home, loopOf(dev.resolve("mapper/vg01-home")));
            assertFalse(Files.exists(dev.resolve("vg00"), LinkOption()));
            rig.umount();
            assertEquals(List.of(), loopsUnder(rig), "no loop left on " + home + "'s file");
            assertFalse(Files.exists(dev.resolve("vg01/home"), LinkOption()));
            assertFalse(Files.exists(dev.resolve("mapper/vg01-ro"), LinkOption()));
        }
    }

    /**
     * lvextend -r grows ext4 on the loop (resize2fs after the extend), lvreduce -r shrinks it first (e2fsck -f,
     * resize2fs to the new size) and keeps its files; a mounted one is not reduced. (LVM2: test/shell/lvresize-fs.sh,
     * fsadm.sh.)
     */
    @Test
    void resizefsResizesExt4OnTheLoop(@TempDir Path tmp) throws Exception {
        try (MountRig rig = rig(tmp)) {
            String home = devDir(rig).resolve("vg00/home").toString();
            MountRig.sh("mkfs.ext4", "-q", "-b", "1024", home).ok();
            Path at = rig.mountExt4(home, tmp.resolve("home"));
            Files.writeString(at.resolve("kept"), "kept\n");
            MountRig.Result busy = rig.ulvm("lvreduce", "-r", "-L", "48M", home);
            assertEquals(5, busy.rc(), busy::toString);
            assertEquals(List.of("fsadm: Cannot proceed with mounted filesystem \"" + at + "\".", "  Filesystem resize failed."), busy.errLines());
            assertEquals(64L << 20, MountRig.blockDevSize(loopOf(Path.of(home))), "nothing reduced");
            MountRig.umountExt4(at);
            rig.ulvm("lvextend", "-r", "-L", "+32M", home).ok();
            assertEquals(96 * 1024L, ext4Blocks(home));
            rig.ulvm("lvreduce", "-r", "-L", "48M", "vg00/home").ok();
            assertEquals(48 * 1024L, ext4Blocks(home));
            assertEquals(48L << 20, MountRig.blockDevSize(loopOf(Path.of(home))));
            MountRig.sh("e2fsck", "-f", "-n", home).ok();
            rig.mountExt4(home, at);
            assertEquals("kept\n", Files.readString(at.resolve("kept")));
        }
    }

    private static long ext4Blocks(String dev) {
        String out = MountRig.sh("dumpe2fs", "-h", dev).ok().out();
        return Long.parseLong(out.lines().filter(l -> l.startsWith("Block count:")).findFirst().orElseThrow().split(":")[1].trim());
    }

    /**
     * lvconvert --merge into an origin whose loop nobody holds starts at once (the loop is not "open"), and the loop
     * then reads the merged content, not what it cached before. (LVM2: test/shell/snapshot-merge.sh.)
     */
    @Test
    void aSnapshotMergesIntoALinkedOrigin(@TempDir Path tmp) throws Exception {
        try (MountRig rig = rig(tmp)) {
            String home = devDir(rig).resolve("vg00/home").toString();
            MountRig.sh("mkfs.ext4", "-q", home).ok();
            Path at = rig.mountExt4(home, tmp.resolve("home"));
            Files.writeString(at.resolve("a"), "before\n");
            rig.ulvm("lvcreate", "-s", "-n", "snap", "-L", "16M", home).ok();
            Files.writeString(at.resolve("a"), "after\n");
            MountRig.umountExt4(at);
            MountRig.sh("dd", "if=" + home, "of=/dev/null", "bs=1M").ok(); // the loop caches the origin as it is now
            MountRig.Result m = rig.ulvm("lvconvert", "--merge", "vg00/snap").ok();
            assertTrue(m.out().contains("Merge of snapshot into logical volume vg00/home has finished."), m::toString);
            rig.mountExt4(home, at);
            assertEquals("before\n", Files.readString(at.resolve("a")));
        }
    }

    /** The loop device a link points to (checked to be attached to the LV's file under the mount). */
    private static String loopOf(Path link) throws IOException {
        assertTrue(Files.isSymbolicLink(link), link + " is a link");
        String target = Files.readSymbolicLink(link).toString();
        assertTrue(target.startsWith("/dev/loop"), target);
        assertTrue(MountRig.backingFile(target).isPresent(), target + " is attached");
        return target;
    }

    /** The loop devices attached to files under the rig's mount. */
    private static List<String> loopsUnder(MountRig rig) {
        return MountRig.sh("losetup", "-n", "-O", "NAME,BACK-FILE").ok().out().lines().map(String::trim)
                .filter(l -> l.contains(rig.mnt.toString() + "/")).map(l -> l.split("\\s+")[0]).sorted().toList();
    }

    private static void detachOurs(MountRig rig) {
        for (String d : loopsUnder(rig)) {
            Optional<String> at = Optional.ofNullable(MountRig.sh("findmnt", "-n", "-o", "TARGET", "--source", d).out().trim())
                    .filter(s -> !s.isEmpty());
            at.ifPresent(a -> MountRig.sh("umount", a));
        }
    }

    private static java.nio.file.LinkOption LinkOption() { return java.nio.file.LinkOption.NOFOLLOW_LINKS; }
}
