package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.*;
import static ulvm.e2e.mount.RaidSteps.random;
import static ulvm.e2e.mount.RaidSteps.readAt;
import static ulvm.e2e.mount.RaidSteps.writeSynced;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvconvert --merge of a snapshot rolls the origin back: deferred while the origin is open (LVM2's messages) and run
 * by the daemon once it is closed; in the foreground with progress; in the background with origin writes during the
 * merge, another snapshot kept intact and a kill -9 in the middle (resumed at the next mount); offline in the command.
 */
class SnapshotMergeTest {
    private static final int MiB = 1 << 20;
    private static final int SIZE = 32 * MiB;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    private static void awaitGone(MountRig rig, String vg, String lv) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (SnapshotSteps.backup(rig, vg).lv(lv).isPresent()) {
            assertTrue(System.currentTimeMillis() < deadline, () -> lv + " still there; daemon log:\n" + rig.daemonLog());
            MountRig.sleep(100);
        }
    }

    private static byte[] with(byte[] base, long at, byte[] b) {
        byte[] out = base.clone();
        System.arraycopy(b, 0, out, (int) at, b.length);
        return out;
    }

    @Test
    void deferredWhileTheOriginIsOpenThenInTheForeground(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 160L * MiB);
            rig.ulvm("lvcreate", "-L", "32M", "-n", "lv", "vg").ok();
            rig.mount();
            Path lv = rig.lvFile("vg", "lv");
            byte[] a = random(1, SIZE);
            writeSynced(lv, 0, a);
            SnapshotSteps.create(rig, "vg", "lv", "snap", "40M", 8, true);
            byte[] b = random(2, 6 * MiB);
            writeSynced(lv, 3 * MiB, b);

            MountRig.Result r;
            try (FileChannel open = FileChannel.open(lv, StandardOpenOption.READ)) {
                r = rig.ulvm("lvconvert", "--merge", "vg/snap").ok();
                assertEquals("  Delaying merge since origin is open.\n  Merging of snapshot vg/snap will occur on next activation of vg/lv.\n", r.out());
                assertArrayEquals(with(a, 3 * MiB, b), readAt(lv, 0, SIZE), "nothing merged while the origin is open");
                MountRig.Result again = rig.ulvm("lvconvert", "--merge", "vg/snap");
                assertEquals(5, again.rc(), again.toString());
                assertEquals("  Cannot merge snapshot vg/snap into the origin vg/lv with merging snapshot vg/snapshot0.\n", again.err());
            }
            awaitGone(rig, "vg", "snap");
            assertFalse(SnapshotSteps.backup(rig, "vg").lv("snapshot0").isPresent());
            assertArrayEquals(a, readAt(lv, 0, SIZE), "the origin is back to the snapshot's content");
            assertTrue(rig.daemonLog().contains("Merge of snapshot into logical volume vg/lv has finished."), rig.daemonLog());
            RaidSteps.awaitLog(rig, "vg/lv: snapshot merge done: ", 30); // its pace (issue 17.2)
            assertTrue(java.util.regex.Pattern.compile("vg/lv: snapshot merge done: \\d+ chunks copied in [0-9.]+ s, [0-9.]+ MiB/s")
                    .matcher(rig.daemonLog()).find(), rig.daemonLog());
            assertFalse(Files.exists(rig.lvFile("vg", "snap")));

            SnapshotSteps.create(rig, "vg", "lv", "snap2", "40M", 32, false);
            writeSynced(lv, 10 * MiB, random(3, 5 * MiB));
            r = rig.ulvm("lvconvert", "--merge", "-i", "1", "vg/snap2").ok();
            assertTrue(r.out().startsWith("  Merging of volume vg/snap2 started.\n  vg/lv: Merged: "), r.out());
            assertTrue(r.out().endsWith("  vg/lv: Merged: 100.00%\n  Merge of snapshot into logical volume vg/lv has finished.\n"), r.out());
            assertArrayEquals(a, readAt(lv, 0, SIZE));
            assertFalse(SnapshotSteps.backup(rig, "vg").lv("snap2").isPresent());
            RaidSteps.sameLayoutAsRealLvm(rig, "vg", "lv_name,lv_size");
        }
    }

    @Test
    void inTheBackgroundWithWritesAnotherSnapshotAndAKillThenOffline(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 200L * MiB);
            rig.ulvm("lvcreate", "-L", "32M", "-n", "lv", "vg").ok();
            rig.env.put("ULVM_MERGE_TEST_DELAY_MS", "150");
            rig.mount();
            Path lv = rig.lvFile("vg", "lv");
            byte[] a = random(1, SIZE);
            writeSynced(lv, 0, a);
            SnapshotSteps.create(rig, "vg", "lv", "snap", "40M", 8, true);
            byte[] afterB = with(a, 0, random(2, 20 * MiB)); // 5120 chunks to merge back, 64 per step
            writeSynced(lv, 0, java.util.Arrays.copyOf(afterB, 20 * MiB));
            SnapshotSteps.create(rig, "vg", "lv", "keep", "40M", 16, true);
            int before = SnapshotSteps.readStore(rig, "vg", "snap").exceptions().size();
            assertEquals(5120, before);

            MountRig.Result r = rig.ulvm("lvconvert", "--merge", "-b", "vg/snap").ok();
            assertEquals("  Merging of volume vg/snap started.\n", r.out());
            assertFalse(Files.exists(rig.lvFile("vg", "snap")), "a merging snapshot has no file");
            byte[] c = random(3, 64 * 1024);
            writeSynced(lv, 1 * MiB + 4096, c); // not merged yet (merges go from the last exception): goes to the COW
            byte[] expect = with(a, 1 * MiB + 4096, c);
            assertArrayEquals(expect, readAt(lv, 0, SIZE), "during the merge the origin reads as the snapshot plus new writes");
            long deadline = System.currentTimeMillis() + 60_000;
            while (SnapshotSteps.readStore(rig, "vg", "snap").exceptions().size() > before - 10 * 64) {
                assertTrue(System.currentTimeMillis() < deadline, rig::daemonLog);
                MountRig.sleep(50);
            }
            rig.kill9();
            int left = SnapshotSteps.readStore(rig, "vg", "snap").exceptions().size();
            assertTrue(left > 0 && left < before, "progress on disk: " + left);

            rig.env.put("ULVM_MERGE_TEST_DELAY_MS", "0");
            rig.mount();
            awaitGone(rig, "vg", "snap");
            assertArrayEquals(expect, readAt(lv, 0, SIZE), "merged after the kill, with the write made during the merge");
            assertArrayEquals(afterB, readAt(rig.lvFile("vg", "keep"), 0, SIZE), "the other snapshot kept its view");

            // offline: the command copies itself
            SnapshotSteps.create(rig, "vg", "lv", "off", "40M", 8, true);
            writeSynced(lv, 8 * MiB, random(4, 3 * MiB));
            rig.umount();
            r = rig.ulvm("lvconvert", "--merge", "-i", "1", "vg/off").ok();
            assertTrue(r.out().startsWith("  Merging of volume vg/off started.\n"), r.out());
            assertTrue(r.out().endsWith("  Merge of snapshot into logical volume vg/lv has finished.\n"), r.out());
            rig.mount();
            assertArrayEquals(expect, readAt(lv, 0, SIZE));
            assertArrayEquals(afterB, readAt(rig.lvFile("vg", "keep"), 0, SIZE), "keep got its copies from the offline merge");
        }
    }
}
