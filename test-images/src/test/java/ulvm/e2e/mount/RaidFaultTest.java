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
            Path pv0 = RaidSteps.sparse(small.resolve("pv0.img"), 300 * MiB);
            Path pv1 = RaidSteps.sparse(rig.dir.resolve("pv1.img"), 300 * MiB);
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

            RaidSteps.fill(small);
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

            // lvs as LVM2 shows a raid1 LV with a failed leg whose PV is present (lib/metadata/lv.c, lib/report/report.c)
            assertEquals(List.of(
                    "r Rwi-a-r-r- 100.00 refresh needed idle",
                    "[r_rimage_0] Iwi-aor-r- refresh needed",
                    "[r_rimage_1] iwi-aor---",
                    "[r_rmeta_0] ewi-aor-r- refresh needed",
                    "[r_rmeta_1] ewi-aor---"), lvsA(rig));

            // still failing: it stays failed, with a log line
            rig.ulvm("lvchange", "--refresh", "vg/r").ok();
            RaidSteps.awaitLog(rig, "vg/r: r_rimage_0 still failed (No space left on device)", 10);
            assertEquals("r", rig.lvs("vg/r", "lv_attr").get(0).substring(8, 9));

            // space again: refresh brings the leg back, and only the three regions written meanwhile are copied
            unfill(small);
            MountRig.Result refresh = rig.ulvm("vgchange", "--refresh", "vg").ok();
            assertEquals("", refresh.out() + refresh.err(), "vgchange --refresh is quiet as LVM2's");
            RaidSteps.awaitLog(rig, "vg/r: r_rimage_0 is back, recovering 3 regions", 10);
            RaidSteps.awaitLog(rig, "vg/r: recovery of r_rimage_0 done: 3 regions copied", 60);
            RaidSteps.awaitInSync(rig, "vg/r");
            assertEquals(List.of(
                    "r Rwi-a-r--- 100.00 idle",
                    "[r_rimage_0] iwi-aor---",
                    "[r_rimage_1] iwi-aor---",
                    "[r_rmeta_0] ewi-aor---",
                    "[r_rmeta_1] ewi-aor---"), lvsA(rig));
            assertNull(RaidSteps.firstDifference(rig, "vg", "r_rimage_0", "r_rimage_1", SIZE), "images identical after the recovery");

            // degraded again, then kill -9: after the restart the stale first leg is no source, the second is
            RaidSteps.fill(small);
            long[] at2 = {150 * MiB, 220 * MiB + 777};
            List<byte[]> d2 = new ArrayList<>();
            for (int i = 0; i < at2.length; i++) {
                d2.add(random(20 + i, 100_000));
                writeSynced(r, at2[i], d2.get(i));
            }
            assertEquals("r", rig.lvs("vg/r", "lv_attr").get(0).substring(8, 9));
            rig.kill9();
            unfill(small);
            rig.mount();
            RaidSteps.awaitLog(rig, "vg/r: recovery of r_rimage_0 done: 2 regions copied", 60);
            RaidSteps.awaitInSync(rig, "vg/r");
            MountRig.dropCaches();
            assertArrayEquals(d0, readAt(r, 0, d0.length));
            for (int i = 0; i < at.length; i++) assertArrayEquals(d1.get(i), readAt(r, at[i], d1.get(i).length));
            for (int i = 0; i < at2.length; i++) assertArrayEquals(d2.get(i), readAt(r, at2[i], d2.get(i).length), "written while degraded");
            assertNull(RaidSteps.firstDifference(rig, "vg", "r_rimage_0", "r_rimage_1", SIZE), "images identical after the resync");
            rig.umount();
            ulvm.e2e.RealLvm.Result ck = ulvm.e2e.RealLvm.run(rig.images, "vgck", "vg");
            assertEquals(0, ck.rc(), () -> "real vgck: " + ck);
        } finally {
            MountRig.sh("umount", "-l", small.toString());
        }
    }

    /** The leg stays broken: lvconvert --repair replaces it (its PV is present) with a new image on the spare PV. */
    @Test
    void aFailedLegIsRepairedOntoTheSparePvWhileMounted(@TempDir Path tmp) throws Exception {
        Path small = tmp.resolve("small");
        Files.createDirectories(small);
        assertEquals(0, MountRig.sh("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", small.toString()).rc());
        try (MountRig rig = new MountRig(tmp.resolve("rig"))) {
            Path pv0 = RaidSteps.sparse(small.resolve("pv0.img"), 100 * MiB);
            Path pv1 = RaidSteps.sparse(rig.dir.resolve("pv1.img"), 100 * MiB);
            Path pv2 = RaidSteps.sparse(rig.dir.resolve("pv2.img"), 100 * MiB);
            rig.images.addAll(List.of(pv0, pv1, pv2));
            rig.ulvm("pvcreate", pv0.toString(), pv1.toString(), pv2.toString()).ok();
            rig.ulvm("vgcreate", "vg", pv0.toString(), pv1.toString(), pv2.toString()).ok();
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "64M", "--nosync", "-n", "r", "vg", pv0.toString(), pv1.toString()).ok();
            rig.mount();
            Path r = rig.lvFile("vg", "r");
            byte[] d0 = random(31, (int) (2 * MiB));
            writeSynced(r, 0, d0);

            RaidSteps.fill(small);
            byte[] d1 = random(32, 200_000);
            writeSynced(r, 40 * MiB + 999, d1);
            RaidSteps.awaitLog(rig, "vg/r: r_rimage_0 failed (", 10);
            assertEquals("r", rig.lvs("vg/r", "lv_attr").get(0).substring(8, 9));

            MountRig.Result rep = rig.ulvm("lvconvert", "--repair", "-y", "vg/r", pv2.toString()).ok();
            assertTrue(rep.out().contains("Faulty devices in vg/r successfully replaced."), rep.toString());
            RaidSteps.awaitInSync(rig, "vg/r");
            assertEquals(pv2, RaidSteps.extentOf(rig, "vg", "r_rimage_0").image(), "the new image is on the spare PV");
            assertEquals(List.of(
                    "r Rwi-a-r--- 100.00 idle",
                    "[r_rimage_0] iwi-aor---",
                    "[r_rimage_1] iwi-aor---",
                    "[r_rmeta_0] ewi-aor---",
                    "[r_rmeta_1] ewi-aor---"), lvsA(rig));
            MountRig.dropCaches();
            assertArrayEquals(d0, readAt(r, 0, d0.length));
            assertArrayEquals(d1, readAt(r, 40 * MiB + 999, d1.length));
            assertNull(RaidSteps.firstDifference(rig, "vg", "r_rimage_0", "r_rimage_1", 64 * MiB), "images identical after the repair");
            assertEquals(List.of(pv0 + " 0"), rig.ulvm("pvs", "--noheadings", "-o", "pv_name,pv_used", "--units", "m", "--nosuffix", pv0.toString())
                    .ok().out().lines().map(l -> l.trim().replaceAll("\\s+", " ").replace(".00", "")).toList(), "nothing left on the broken PV");
            rig.umount();
            ulvm.e2e.RealLvm.Result ck = ulvm.e2e.RealLvm.run(rig.images, "vgck", "vg");
            assertEquals(0, ck.rc(), () -> "real vgck: " + ck);
            ulvm.e2e.RealLvm.Result real = ulvm.e2e.RealLvm.run(rig.images, "lvs", "-a", "--noheadings", "-o", "lv_name,devices", "vg");
            assertTrue(real.out().contains(pv2 + "(0)") || real.out().contains(pv2 + "("), real.toString());
        } finally {
            MountRig.sh("umount", "-l", small.toString());
        }
    }

    private static void unfill(Path small) throws Exception {
        Files.delete(small.resolve("fill"));
        Files.delete(small.resolve("fill2"));
    }

    private static List<String> lvsA(MountRig rig) {
        return rig.ulvm("lvs", "-a", "--noheadings", "-o", "lv_name,lv_attr,copy_percent,lv_health_status,raid_sync_action", "vg").ok().out()
                .lines().map(l -> l.trim().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
    }
}
