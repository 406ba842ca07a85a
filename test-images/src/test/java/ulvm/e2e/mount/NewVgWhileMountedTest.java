package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VG the daemon did not know when it mounted (issue 13, found translating LVM2's test/shell scripts, which
 * vgcreate and lvcreate with the devices in use): LVM2's lvcreate activates the new LV whatever the VG's other LVs
 * are, so its file appears; the VG's later changes (vgextend, lvextend, vgrename, lvrename) follow it as for a VG
 * active at mount time, and after {@code vgchange -an} only the LVs created afterwards become active.
 */
class NewVgWhileMountedTest {
    private static final long MiB = 1L << 20;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void lvOfAVgCreatedWhileMountedIsActiveAndFollowsItsVg(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            rig.mount();
            Path n1 = rig.image(64 * MiB), n2 = rig.image(64 * MiB);
            rig.ulvm("pvcreate", n1.toString(), n2.toString()).ok();
            rig.ulvm("vgcreate", "nvg", n1.toString()).ok();
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lv", "nvg").ok();
            assertEquals(List.of("lv -wi-a-----"), rig.lvs("nvg", "lv_name,lv_attr"));
            assertEquals(8 * MiB, Files.size(rig.lvFile("nvg", "lv")));
            byte[] data = new byte[256 * 1024];
            new Random(13).nextBytes(data);
            RaidSteps.writeSynced(rig.lvFile("nvg", "lv"), 1 * MiB, data);

            rig.ulvm("vgextend", "nvg", n2.toString()).ok();
            rig.ulvm("lvextend", "-L", "64M", "nvg/lv", n2.toString()).ok();
            assertEquals(64 * MiB, Files.size(rig.lvFile("nvg", "lv")));

            rig.ulvm("vgrename", "nvg", "nvg2").ok();
            assertFalse(Files.exists(rig.mnt.resolve("nvg")), "the old VG directory after vgrename");
            rig.ulvm("lvrename", "nvg2", "lv", "lv2").ok();
            assertArrayEquals(data, RaidSteps.readAt(rig.lvFile("nvg2", "lv2"), 1 * MiB, data.length));
            assertEquals(List.of("lv2 -wi-a----- 64.00m"), rig.lvs("nvg2", "lv_name,lv_attr,lv_size"));

            // after vgchange -an only a new LV becomes active; renaming an inactive LV leaves it inactive
            rig.ulvm("vgchange", "-an", "nvg2").ok();
            rig.ulvm("lvcreate", "-L", "4M", "-n", "x", "nvg2").ok();
            rig.ulvm("lvrename", "nvg2", "lv2", "lv3").ok();
            assertEquals(List.of("lv3 -wi-------", "x -wi-a-----"), rig.lvs("nvg2", "lv_name,lv_attr"));
            try (var s = Files.list(rig.mnt.resolve("nvg2"))) {
                assertEquals(List.of("x"), s.map(p -> p.getFileName().toString()).toList());
            }
            rig.ulvm("vgchange", "-ay", "nvg2").ok();
            assertArrayEquals(data, RaidSteps.readAt(rig.lvFile("nvg2", "lv3"), 1 * MiB, data.length));

            assertEquals(List.of("lv3 64.00m", "x 4.00m"), rig.realLvs("nvg2", "lv_name,lv_size"));
        }
    }
}
