package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.*;
import static ulvm.e2e.mount.RaidSteps.random;
import static ulvm.e2e.mount.RaidSteps.readAt;
import static ulvm.e2e.mount.RaidSteps.writeSynced;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 4 MiB COW overfilled: the snapshot goes invalid (header valid 0 on disk, reads EIO), the origin's data is intact. */
class SnapshotOverflowTest {
    private static final int MiB = 1 << 20;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void aFullCowInvalidatesTheSnapshotAndTheOriginGoesOn(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 128L * MiB);
            rig.ulvm("lvcreate", "-L", "32M", "-n", "lv", "vg").ok();
            rig.mount();
            Path lv = rig.lvFile("vg", "lv");
            byte[] a = random(1, 32 * MiB);
            writeSynced(lv, 0, a);
            SnapshotSteps.create(rig, "vg", "lv", "snap", "4M", 8, false);
            Path snap = rig.lvFile("vg", "snap");
            writeSynced(lv, 0, random(2, 2 * MiB)); // fits: about 1020 chunks of 4 KiB
            assertArrayEquals(a, readAt(snap, 0, 32 * MiB), "the snapshot holds while the COW has room");
            SnapshotSteps.assertStoreValid(SnapshotSteps.readStore(rig, "vg", "snap"), true);

            // lvextend of the COW while mounted: the live store gets the room
            SnapshotSteps.extendCow(rig, "vg", "snap", 1); // 4 MiB extents: 8 MiB
            writeSynced(lv, 2 * MiB, random(5, 2 * MiB)); // 2 MiB more than the old 4 MiB could take
            SnapshotSteps.assertStoreValid(SnapshotSteps.readStore(rig, "vg", "snap"), true);
            assertArrayEquals(a, readAt(snap, 0, 32 * MiB), "the snapshot holds in the grown COW");

            byte[] b = random(3, 12 * MiB);
            writeSynced(lv, 4 * MiB, b); // overflows
            byte[] expect = a.clone();
            System.arraycopy(random(2, 2 * MiB), 0, expect, 0, 2 * MiB);
            System.arraycopy(random(5, 2 * MiB), 0, expect, 2 * MiB, 2 * MiB);
            System.arraycopy(b, 0, expect, 4 * MiB, b.length);
            assertArrayEquals(expect, readAt(lv, 0, 32 * MiB), "every origin write went through");
            IOException e = assertThrows(IOException.class, () -> readAt(snap, 0, 4096));
            assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
            SnapshotSteps.assertStoreValid(SnapshotSteps.readStore(rig, "vg", "snap"), false);
            MountRig.Result m = rig.ulvm("lvconvert", "--merge", "vg/snap");
            assertEquals(5, m.rc(), m.toString());
            assertEquals("  Unable to merge invalidated snapshot LV vg/snap.\n", m.err());
            SnapshotSteps.extendCow(rig, "vg", "snap", 1);
            assertThrows(IOException.class, () -> readAt(snap, 0, 4096), "a grown invalid snapshot stays invalid");

            rig.umount();
            rig.mount();
            assertArrayEquals(expect, readAt(lv, 0, 32 * MiB), "the origin after a remount");
            assertThrows(IOException.class, () -> readAt(snap, 0, 4096), "invalid stays invalid");
            try (FileChannel ch = FileChannel.open(lv, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(random(4, 65536)), 20L * MiB);
                ch.force(false);
            }
            System.arraycopy(random(4, 65536), 0, expect, 20 * MiB, 65536);
            assertArrayEquals(expect, readAt(lv, 0, 32 * MiB));
        }
    }
}
