package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed article's backup workflow for real: ext4 on the origin through a loop device, a snapshot taken while the
 * VG is mounted, the snapshot attached read-only (losetup -r) and mounted while the origin is mounted and changed,
 * the snapshot still showing the old files (SHA-256), then removed; the origin keeps its new files throughout.
 */
class SnapshotBackupTest {
    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void aSnapshotKeepsTheOldFilesWhileTheOriginChanges(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 256L << 20);
            rig.ulvm("lvcreate", "-L", "64M", "-n", "lv", "vg").ok();
            rig.mount();
            Path origin = rig.lvFile("vg", "lv");
            String dev = rig.losetup(origin);
            // no lazy inode-table or journal init: the kernel would otherwise write them in the background, after the
            // snapshot too, and a loaded machine makes that land anywhere in the test
            MountRig.sh("mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0", dev).ok();
            Path fs = rig.mountExt4(dev, tmp.resolve("origin"));
            Random rnd = new Random(1);
            for (int i = 0; i < 20; i++) {
                byte[] b = new byte[rnd.nextInt(300 << 10) + 1];
                rnd.nextBytes(b);
                Files.createDirectories(fs.resolve("d" + i % 3));
                Files.write(fs.resolve("d" + i % 3).resolve("f" + i), b);
            }
            SortedMap<String, String> before = SnapshotSteps.checksums(fs);

            // the snapshot of the live, mounted origin: ext4 frozen around it, as dm's suspend does with lockfs
            MountRig.sh("fsfreeze", "-f", fs.toString()).ok();
            try {
                rig.ulvm("lvcreate", "-s", "-L", "32M", "-p", "r", "-n", "snap", "vg/lv").ok();
            } finally {
                MountRig.sh("fsfreeze", "-u", fs.toString()).ok();
            }
            Path snapFile = rig.lvFile("vg", "snap");
            assertEquals(64L << 20, Files.size(snapFile), "the snapshot's file has the origin's size");
            assertEquals(java.util.List.of("lv owi-aos---", "snap sri-a-s--- lv"), rig.lvs("vg", "lv_name,lv_attr,origin"));
            double used = Double.parseDouble(rig.lvs("vg/snap", "snap_percent").get(0));
            assertTrue(used < 1, "a new snapshot's Data% (the thaw's own writes at most): " + used);

            // the origin goes on: files changed, removed, added
            for (int i = 0; i < 20; i += 2) Files.write(fs.resolve("d" + i % 3).resolve("f" + i), ("changed " + i).getBytes());
            Files.delete(fs.resolve("d1").resolve("f1"));
            byte[] big = new byte[4 << 20];
            rnd.nextBytes(big);
            Files.write(fs.resolve("new.bin"), big);
            MountRig.sh("sync").ok();
            SortedMap<String, String> after = SnapshotSteps.checksums(fs);
            assertNotEquals(before, after);

            // the backup: the snapshot attached read-only and mounted beside the live origin
            String snapDev = rig.losetup(snapFile, "-r");
            Path backup = tmp.resolve("backup");
            Files.createDirectories(backup);
            MountRig.sh("mount", "-t", "ext4", "-o", "ro,noload", snapDev, backup.toString()).ok();
            rig.onClose(() -> MountRig.sh("umount", backup.toString()));
            assertEquals(before, SnapshotSteps.checksums(backup), "the snapshot shows the files as they were");
            Files.write(fs.resolve("during-backup"), big); // the origin keeps changing during the copy
            MountRig.sh("sync").ok();
            MountRig.dropCaches();
            assertEquals(before, SnapshotSteps.checksums(backup), "still, after more origin writes and dropped caches");
            MountRig.Result w = MountRig.sh("dd", "if=/dev/zero", "of=" + snapFile, "bs=4096", "count=1", "conv=notrunc");
            assertNotEquals(0, w.rc(), "a read-only snapshot refuses writes: " + w);

            MountRig.umountExt4(backup);
            rig.detach(snapDev);
            MountRig.umountExt4(fs);
            rig.detach(dev);
            MountRig.Result fsck = MountRig.sh("fsck.ext4", "-fn", snapFile.toString());
            assertEquals(0, fsck.rc(), () -> "the snapshot is a clean file system: " + fsck);

            SnapshotSteps.Store st = SnapshotSteps.readStore(rig, "vg", "snap");
            SnapshotSteps.assertStoreValid(st, true);
            assertTrue(st.exceptions().size() > 1000, "exceptions on disk: " + st.exceptions().size());
            SnapshotSteps.remove(rig, "vg", "snap");
            assertFalse(Files.exists(snapFile));
            dev = rig.losetup(origin);
            fs = rig.mountExt4(dev, tmp.resolve("origin"));
            after.put("during-backup", SnapshotSteps.sha256(big));
            assertEquals(after, SnapshotSteps.checksums(fs), "the origin kept every change");
        }
    }
}
