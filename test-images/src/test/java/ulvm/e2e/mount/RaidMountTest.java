package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.e2e.mount.RaidSteps.random;
import static ulvm.e2e.mount.RaidSteps.readAt;
import static ulvm.e2e.mount.RaidSteps.writeSynced;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raid1 LV file on the mount: initial sync, split with tracking, writes while split, merge of the delta only. */
class RaidMountTest {
    private static final long MiB = 1L << 20;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void cpySyncRisesTo100AfterLvcreate(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            rig.mount();
            // 32 MiB at 16 MiB/s: about two seconds of initial sync
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "32M", "-R", "512k", "--maxrecoveryrate", "16M", "-n", "r1", "vg").ok();
            double first = RaidSteps.copyPercent(rig, "vg", "r1");
            assertTrue(first < 100, "Cpy%Sync right after lvcreate: " + first);
            RaidSteps.awaitLog(rig, "vg/r1: initial sync of r1_rimage_1 done: 64 regions copied", 60);
            // the pace in the daemon log (issue 17.2), held to the rate
            java.util.regex.Matcher pace = java.util.regex.Pattern.compile("initial sync of r1_rimage_1 done: 64 regions copied in ([0-9.]+) s, ([0-9.]+) MiB/s")
                    .matcher(rig.daemonLog());
            assertTrue(pace.find(), rig.daemonLog());
            assertTrue(Double.parseDouble(pace.group(1)) >= 1.0 && Double.parseDouble(pace.group(2)) <= 20, pace.group());
            assertEquals(100.0, RaidSteps.copyPercent(rig, "vg", "r1"));
            assertEquals(32 * MiB, Files.size(rig.lvFile("vg", "r1")));
            assertFalse(Files.exists(rig.lvFile("vg", "r1_rimage_0")), "sub-LVs never show");
            assertNull(RaidSteps.firstDifference(rig, "vg", "r1_rimage_0", "r1_rimage_1", 32 * MiB));
        }
    }

    /**
     * raid1 of 256 MiB (2 MiB regions): data written before the split is in the split image's file, writes after it
     * change the array and not the image, and the merge copies exactly the 5 regions written meanwhile.
     */
    @Test
    void splitTracksAndMergeCopiesOnlyTheDelta(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 300 * MiB);
            rig.mount();
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "256M", "-n", "r1", "vg").ok();
            RaidSteps.awaitLog(rig, "vg/r1: initial sync of r1_rimage_1 done: 128 regions copied", 60);
            Path r1 = rig.lvFile("vg", "r1");
            byte[] before = random(1, (int) (8 * MiB));
            writeSynced(r1, 200 * MiB, before);

            RaidSteps.splitTracked(rig, "vg", "r1_rimage_1");
            Path split = rig.lvFile("vg", "r1_rimage_1");
            assertTrue(Files.exists(split), "the tracked image shows as a file");
            assertEquals(256 * MiB, Files.size(split));
            assertArrayEquals(before, readAt(split, 200 * MiB, before.length), "data written before the split");
            assertThrows(IOException.class, () -> Files.write(split, new byte[512], StandardOpenOption.WRITE), "the split image is read-only");

            // five regions, several writes in each
            long[] regions = {0, 7, 50, 51, 127};
            for (long r : regions) {
                writeSynced(r1, r * 2 * MiB + 4096, random(r, 64 * 1024));
                writeSynced(r1, r * 2 * MiB + MiB, random(r + 1000, 4096));
            }
            for (long r : regions) {
                assertArrayEquals(random(r, 64 * 1024), readAt(r1, r * 2 * MiB + 4096, 64 * 1024));
                assertFalse(java.util.Arrays.equals(random(r, 64 * 1024), readAt(split, r * 2 * MiB + 4096, 64 * 1024)),
                        "region " + r + " of the split image is unchanged");
            }
            assertArrayEquals(before, readAt(split, 200 * MiB, before.length));

            RaidSteps.merge(rig, "vg", "r1_rimage_1", 0);
            assertFalse(Files.exists(split), "merged: the image is hidden again");
            RaidSteps.awaitLog(rig, "vg/r1: merge of r1_rimage_1 done: 5 regions copied in ", 60);
            assertEquals(100.0, RaidSteps.copyPercent(rig, "vg", "r1"));
            assertNull(RaidSteps.firstDifference(rig, "vg", "r1_rimage_0", "r1_rimage_1", 256 * MiB), "images identical after the merge");
            rig.umount();
            rig.mount();
            assertArrayEquals(before, readAt(r1, 200 * MiB, before.length));
            assertEquals(100.0, RaidSteps.copyPercent(rig, "vg", "r1"));
        }
    }
}
