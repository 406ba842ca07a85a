package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvm.conf's {@code activation/raid_fault_policy = "allocate"}: when a raid1 leg fails under fio, the daemon replaces
 * it on the free PV by itself (as dmeventd runs lvconvert --repair), logs it and syncs the new image; fio's own
 * verification of everything it wrote passes, and real LVM2 reads the result (issue 19 part 5). The leg fails for
 * real: its PV image lives on a small tmpfs that another file fills (as in RaidFaultTest).
 */
class RaidFaultPolicyTest {
    private static final long MiB = 1L << 20;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void allocateReplacesAFailedLegWhileFioRuns(@TempDir Path tmp) throws Exception {
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
            Files.writeString(rig.sys.resolve("lvm.conf"), "activation {\n\traid_fault_policy = \"allocate\"\n}\n");
            rig.mount();
            Path r = rig.lvFile("vg", "r");
            // 48 MiB at 6 MiB/s, then fio reads it all back and checks every block's checksum
            ProcessBuilder pb = new ProcessBuilder("fio", "--name=w", "--filename=" + r, "--rw=write", "--bs=64k", "--size=48M", "--rate=6m",
                    "--ioengine=psync", "--fsync=16", "--verify=crc32c", "--do_verify=1", "--verify_fatal=1", "--output-format=terse")
                    .redirectErrorStream(true);
            Process fio = pb.start();
            MountRig.sleep(1500);
            RaidSteps.fill(small); // the first leg's image cannot grow any more: its next write fails
            RaidSteps.awaitLog(rig, "vg/r: r_rimage_0 failed (", 20);
            RaidSteps.awaitLog(rig, "vg/r: replacing the failed image (raid_fault_policy = \"allocate\")", 20);
            RaidSteps.awaitLog(rig, "vg/r: failed image replaced, syncing the new one", 30);
            String out = new String(fio.getInputStream().readAllBytes());
            assertEquals(0, fio.waitFor(), "fio wrote and verified through the repair:\n" + out);
            RaidSteps.awaitInSync(rig, "vg/r");
            assertEquals(pv2, RaidSteps.extentOf(rig, "vg", "r_rimage_0").image(), "the new image is on the free PV");
            assertNull(RaidSteps.firstDifference(rig, "vg", "r_rimage_0", "r_rimage_1", 64 * MiB), "images identical after the sync");
            rig.umount();
            ulvm.e2e.RealLvm.Result ck = ulvm.e2e.RealLvm.run(rig.images, "vgck", "vg");
            assertEquals(0, ck.rc(), () -> "real vgck: " + ck);
            ulvm.e2e.RealLvm.Result real = ulvm.e2e.RealLvm.run(rig.images, "lvs", "-a", "--noheadings", "-o", "lv_name,devices", "vg");
            assertTrue(real.out().contains(pv2 + "("), real.toString());
        } finally {
            MountRig.sh("umount", "-l", small.toString());
        }
    }
}
