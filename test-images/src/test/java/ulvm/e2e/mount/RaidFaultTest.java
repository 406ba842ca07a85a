package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.e2e.mount.RaidSteps.random;
import static ulvm.e2e.mount.RaidSteps.readAt;
import static ulvm.e2e.mount.RaidSteps.writeSynced;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raid1 leg failing for real while mounted: the first leg's PV image (sparse) lives on a small tmpfs that another
 * file fills, so writes to parts of the image not yet allocated fail with ENOSPC. The array goes on from the other
 * leg, lvs shows it as LVM2 does, lvchange --refresh brings the leg back copying only the regions it missed, and a
 * kill -9 while degraded never makes the stale leg a source.
 */
class RaidFaultTest {
    private static final long MiB = 1L << 20;
    private static final long SIZE = 256 * MiB;
    private static final long REGION = 2 * MiB;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void aLegFailsOnEnospcTheArrayGoesOnAndRefreshRecoversOnlyWhatItMissed(@TempDir Path tmp) throws Exception {
        Path small = tmp.resolve("small");
        Files.createDirectories(small);
        assertEquals(0, MountRig.sh("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", small.toString()).rc());
        try (MountRig rig = new MountRig(tmp.resolve("rig"))) {
            Path pv0 = sparse(small.resolve("pv0.img"), 300 * MiB);
            Path pv1 = sparse(rig.dir.resolve("pv1.img"), 300 * MiB);
            rig.images.add(pv0);
            rig.images.add(pv1);
            rig.ulvm("pvcreate", pv0.toString(), pv1.toString()).ok();
            rig.ulvm("vgcreate", "vg", pv0.toString(), pv1.toString()).ok();
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "256M", "--nosync", "-n", "r", "vg").ok();
            assertEquals(pv0, RaidSteps.extentOf(rig, "vg", "r_rimage_0").image(), "the first leg lives on the tmpfs");

            rig.mount();
            Path r = rig.lvFile("vg", "r");
            byte[] d0 = random(1, (int) (4 * MiB));
            writeSynced(r, 0, d0);
            rig.umount(); // a clean stop: no dirty bit is left
            rig.mount();

            fill(small);
            long[] at = {64 * MiB + 4096, 100 * MiB, 200 * MiB + 12345};
            List<byte[]> d1 = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                d1.add(random(10 + i, 64 * 1024));
                writeSynced(r, at[i], d1.get(i)); // acknowledged although the first leg cannot take it
            }
            RaidSteps.awaitLog(rig, "vg/r: r_rimage_0 failed (", 10);
            assertTrue(rig.daemonLog().contains("No space left on device"), rig.daemonLog());
            assertTrue(rig.daemonLog().contains("running degraded"), rig.daemonLog());
            MountRig.dropCaches();
            assertArrayEquals(d0, readAt(r, 0, d0.length));
            for (int i = 0; i < at.length; i++) assertArrayEquals(d1.get(i), readAt(r, at[i], d1.get(i).length));

            // lvs as LVM2 shows a raid1 LV with a failed leg whose PV is present
            List<String> rows = rig.ulvm("lvs", "-a", "--noheadings", "-o", "lv_name,lv_attr,copy_percent,lv_health_status,raid_sync_action", "vg")
                    .ok().out().lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
            System.out.println("DEGRADED LVS\n" + String.join("\n", rows));

            // still failing: it stays failed, with a log line
            step("refresh while full");
            rig.ulvm("lvchange", "--refresh", "vg/r").ok();
            RaidSteps.awaitLog(rig, "vg/r: r_rimage_0 still failed (", 10);
            assertEquals("r", rig.lvs("vg/r", "lv_attr").get(0).substring(8, 9));

            // space again: refresh brings the leg back, and only the three regions written meanwhile are copied
            step("unfill");
            unfill(small);
            step("refresh");
            Result refresh = result(rig.ulvm("lvchange", "--refresh", "vg/r").ok());
            assertEquals("", refresh.out + refresh.err, "lvchange --refresh is quiet as LVM2's");
            RaidSteps.awaitLog(rig, "vg/r: r_rimage_0 is back, recovering 3 regions", 10);
            RaidSteps.awaitLog(rig, "vg/r: recovery of r_rimage_0 done: 3 regions copied", 60);
            RaidSteps.awaitInSync(rig, "vg/r");
            System.out.println("AFTER LVS\n" + rig.ulvm("lvs", "-a", "-o", "lv_name,lv_attr,copy_percent,lv_health_status,raid_sync_action", "vg").ok().out());
            System.out.println("LOG\n" + rig.daemonLog());
        } finally {
            MountRig.sh("umount", "-l", small.toString());
        }
    }

    private static void step(String s) {
        try {
            Files.writeString(Path.of("/tmp/lf/steps"), s + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path sparse(Path p, long bytes) throws Exception {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), bytes - 1);
        }
        return p;
    }

    /** Fills the tmpfs to the last page. */
    private static void fill(Path small) {
        MountRig.sh("sh", "-c", "dd if=/dev/zero of=" + small + "/fill bs=1M 2>/dev/null; dd if=/dev/zero of=" + small
                + "/fill2 bs=4k 2>/dev/null; sync");
        assertTrue(MountRig.sh("df", "--output=avail", small.toString()).out().contains(" 0"), "tmpfs full");
    }

    private static void unfill(Path small) throws Exception {
        Files.delete(small.resolve("fill"));
        Files.delete(small.resolve("fill2"));
    }

    private static List<String> normalized(List<String> rows) {
        return rows.stream().map(l -> l.replaceAll("\\s+", " ")).toList();
    }

    record Result(String out, String err) {}

    private static Result result(MountRig.Result r) { return new Result(r.out(), r.err()); }
}
