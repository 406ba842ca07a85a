package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.e2e.mount.LvFileSteps.MiB;
import static ulvm.e2e.mount.LvFileSteps.assertSameBytes;
import static ulvm.e2e.mount.LvFileSteps.bytes;
import static ulvm.e2e.mount.LvFileSteps.du;
import static ulvm.e2e.mount.LvFileSteps.randomFile;
import static ulvm.e2e.mount.LvFileSteps.zeroed;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Discards reach the PV images: a loop device over an LV file turns blkdiscard and ext4's fstrim into
 * fallocate(PUNCH_HOLE), the range reads back as zeros and the sparse images shrink (du), on every layout and every
 * raid1 leg. A discard is a write: a snapshot keeps the old data, a tracked split image merges the discarded regions
 * back, a pvmove discards both copies. A snapshot's own file and a read-only LV cannot discard.
 */
class DiscardThroughLoopTest {
    private static final long SIZE = 24 * MiB;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "striped", "raid1"})
    void blkdiscardAndFstrimGiveTheSpaceBack(String kind, @TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            LvFileSteps.create(rig, "vg", "lv", kind, SIZE);
            int copies = kind.equals("raid1") ? 2 : 1;
            rig.mount();
            Path f = rig.lvFile("vg", "lv");
            Path data = randomFile(tmp.resolve("data.raw"), 1, SIZE);
            MountRig.sh("dd", "if=" + data, "of=" + f, "bs=1M", "status=none").ok();
            long full = du(rig);

            String loop = rig.losetup(f);
            String queue = "/sys/block/" + Path.of(loop).getFileName() + "/queue/";
            assertNotEquals("0", Files.readString(Path.of(queue + "discard_max_bytes")).trim(), "the loop device offers discard");
            MountRig.sh("blkdiscard", "-f", "-o", Long.toString(4 * MiB), "-l", Long.toString(8 * MiB), loop).ok();
            byte[] expect = zeroed(bytes(data), 4 * MiB, 8 * MiB);
            assertSameBytes(expect, f, "blkdiscard of 8 MiB at 4 MiB");
            long afterRange = du(rig);
            assertTrue(afterRange <= full - copies * 8 * 1024 + 64, "du " + full + " KiB -> " + afterRange + " KiB");
            if (copies == 2) assertNull(RaidSteps.firstDifference(rig, "vg", "lv_rimage_0", "lv_rimage_1", SIZE));

            // ext4 on it: mkfs discards the device, fstrim the blocks of a removed file
            MountRig.sh("mkfs.ext4", "-q", "-F", loop).ok();
            Path fs = rig.mountExt4(loop, tmp.resolve("ext4"));
            randomFile(fs.resolve("big"), 2, 12 * MiB);
            long withFile = du(rig);
            Files.delete(fs.resolve("big"));
            MountRig.sh("sync").ok();
            MountRig.Result trim = MountRig.sh("fstrim", "-v", fs.toString()).ok();
            long trimmed = du(rig);
            assertTrue(trimmed <= withFile - copies * 11 * 1024, "fstrim: du " + withFile + " KiB -> " + trimmed + " KiB; " + trim.out());
            MountRig.umountExt4(fs);
            MountRig.Result fsck = MountRig.sh("fsck.ext4", "-fn", loop);
            assertEquals(0, fsck.rc(), () -> "fsck after fstrim: " + fsck);

            MountRig.sh("blkdiscard", "-f", loop).ok();
            assertSameBytes(new byte[(int) SIZE], f, "blkdiscard of the whole LV");
            assertTrue(du(rig) < full - copies * (SIZE / 1024) + 1024, "du after blkdiscard: " + du(rig) + " KiB of " + full);
            if (copies == 2) assertNull(RaidSteps.firstDifference(rig, "vg", "lv_rimage_0", "lv_rimage_1", SIZE));
        }
    }

    /**
     * The origin's discard copies the old chunks into the snapshot first. The snapshot's own file refuses a punch
     * (EOPNOTSUPP, as dm-snapshot has no discard): blkdiscard through a loop device over it succeeds with nothing
     * discarded (the kernel drops a discard a device does not support) and the loop device stops offering discard. A
     * read-only LV's loop device is read-only: blkdiscard is refused (EPERM).
     */
    @Test
    void aSnapshotKeepsTheDiscardedDataAndCannotDiscardItself(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lv", "vg").ok();
            rig.ulvm("lvcreate", "-L", "8M", "-n", "ro", "vg").ok();
            rig.mount();
            Path f = rig.lvFile("vg", "lv");
            byte[] data = bytes(randomFile(tmp.resolve("data.raw"), 3, 8 * MiB));
            Files.write(f, data);
            rig.ulvm("lvcreate", "-s", "-L", "12M", "-n", "snap", "vg/lv").ok();
            Path snap = rig.lvFile("vg", "snap");

            String origin = rig.losetup(f);
            MountRig.sh("blkdiscard", "-f", origin).ok();
            assertSameBytes(new byte[data.length], f, "the origin after blkdiscard");
            assertSameBytes(data, snap, "the snapshot keeps the old data");

            MountRig.Result punch = MountRig.sh("fallocate", "-p", "-o", "0", "-l", "4096", snap.toString());
            assertTrue(punch.rc() != 0 && punch.err().contains("unsupported"), punch.toString()); // util-linux's words for EOPNOTSUPP
            String loop = rig.losetup(snap);
            MountRig.sh("blkdiscard", "-f", loop).ok();
            assertSameBytes(data, snap, "a snapshot discards nothing");
            assertEquals("0", Files.readString(Path.of("/sys/block/" + Path.of(loop).getFileName() + "/queue/discard_max_bytes")).trim());

            rig.ulvm("lvchange", "-p", "r", "vg/ro").ok();
            String ro = rig.losetup(rig.lvFile("vg", "ro"));
            MountRig.Result refused = MountRig.sh("blkdiscard", "-f", ro);
            assertTrue(refused.rc() != 0 && refused.err().contains("Operation not permitted"), refused.toString());
        }
    }

    /** A tracked split image records the regions a discard touches; the merge copies exactly those (zeros) to it. */
    @Test
    void aTrackedSplitMergesTheDiscardedRegions(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            LvFileSteps.create(rig, "vg", "lv", "raid1", 16 * MiB);
            rig.mount();
            Path f = rig.lvFile("vg", "lv");
            byte[] data = bytes(randomFile(tmp.resolve("data.raw"), 4, 16 * MiB));
            Files.write(f, data);
            RaidSteps.splitTracked(rig, "vg", "lv_rimage_1");
            String loop = rig.losetup(f);
            MountRig.sh("blkdiscard", "-f", "-o", Long.toString(2 * MiB), "-l", Long.toString(4 * MiB), loop).ok(); // regions 1 and 2
            byte[] expect = zeroed(data, 2 * MiB, 4 * MiB);
            assertSameBytes(expect, f, "the LV after the discard");
            assertSameBytes(data, rig.lvFile("vg", "lv_rimage_1"), "the split image as at the split");
            RaidSteps.merge(rig, "vg", "lv_rimage_1", 0);
            RaidSteps.awaitLog(rig, "vg/lv: merge of lv_rimage_1 done: 2 regions copied", 60);
            assertNull(RaidSteps.firstDifference(rig, "vg", "lv_rimage_0", "lv_rimage_1", 16 * MiB));
            assertSameBytes(expect, f, "the LV after the merge");
        }
    }

    /** A discard while pvmove copies the LV reaches the source and the destination: the moved LV reads zeros there. */
    @Test
    void aDiscardDuringAPvmoveReachesBothCopies(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            String src = rig.images.get(0).toString(), dst = rig.images.get(1).toString();
            rig.ulvm("lvcreate", "-L", "32M", "-n", "lv", "vg", src).ok();
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", "500"); // 8 checkpoints of 4 MiB: about 4 s
            rig.mount();
            Path f = rig.lvFile("vg", "lv");
            byte[] data = bytes(randomFile(tmp.resolve("data.raw"), 5, 32 * MiB));
            Files.write(f, data);
            rig.ulvm("pvmove", "-b", src, dst).ok();
            PvMoves.waitStarted(rig, "vg", 20_000);
            String loop = rig.losetup(f);
            MountRig.sh("blkdiscard", "-f", "-o", "0", "-l", Long.toString(24 * MiB), loop).ok(); // moved and unmoved chunks
            assertTrue(PvMoves.moving(rig, "vg"), "the discard ran during the move");
            byte[] expect = zeroed(data, 0, 24 * MiB);
            assertSameBytes(expect, f, "during the move");
            PvMoves.waitDone(rig, "vg", 60_000);
            assertEquals(dst + "(0)", rig.ulvm("lvs", "--noheadings", "-o", "devices", "vg/lv").ok().out().trim());
            rig.detach(loop);
            rig.umount();
            rig.mount();
            assertSameBytes(expect, f, "on the destination, after umount and mount");
        }
    }
}
