package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulvm.e2e.mount.PvMoves.MiB;

import java.nio.file.Path;
import java.util.List;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.store.Scan;
import ulvm.store.VgCopies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pvmove of the PV under one leg of a mounted raid1 (legs on PV0 and PV1, PV2 and PV3 free): LVM2 never puts a leg
 * on a PV holding another leg of the array, so naming only PV1 as destination is refused; the move to a free PV
 * keeps the array in sync and both legs identical, with writes during the move and a kill -9 of the daemon in it.
 */
class PvMoveRaidMountedTest {
    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @Test
    void legMovesToAFreePvNeverOntoTheOtherLeg(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 4, 64 * MiB);
            String[] pv = rig.images.stream().map(Path::toString).toArray(String[]::new);
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "16M", "-n", "r", "vg", pv[0], pv[1]).ok();
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", "1000");
            rig.mount();
            Path file = rig.lvFile("vg", "r");
            byte[] a = RaidSeedExamplesTest.pattern(31, 16 * MiB);
            RaidSteps.writeSynced(file, 0, a);
            RaidSteps.awaitInSync(rig, "vg/r");
            List<String> before = PvMoves.devices(rig, "vg");
            String seqno = rig.lvs("vg/r", "vg_seqno").get(0);

            MountRig.Result refused = rig.ulvm("pvmove", pv[0], pv[1]);
            assertEquals(5, refused.rc(), refused::toString);
            assertEquals(List.of("Insufficient free space: 5 extents needed, but only 0 available",
                    "Unable to allocate mirror extents for vg/pvmove0.", "Failed to convert pvmove LV to mirrored."),
                    refused.errLines().stream().map(String::trim).toList(), "LVM2 2.03.16's refusal when only the other leg's PV is given");
            assertEquals(before, PvMoves.devices(rig, "vg"), "nothing changed");
            assertEquals(seqno, rig.lvs("vg/r", "vg_seqno").get(0), "nothing written");

            rig.ulvm("pvmove", "-b", pv[0]).ok();
            PvMoves.waitMoved(rig, "vg", 1, 20_000);
            byte[] b = RaidSeedExamplesTest.pattern(32, 10 * MiB);
            RaidSteps.writeSynced(file, 3 * MiB, b); // through the moving leg, over copied and uncopied extents
            System.arraycopy(b, 0, a, (int) (3 * MiB), b.length);
            long at = PvMoves.movedInImages(rig, "vg");
            assertTrue(at >= 1 && at < 5, "written in the middle of the move: " + at + " of 5 extents moved");
            rig.kill9(); // the remount activates the raid1 with a leg under pvmove0 and resumes the move
            rig.env.put("ULVM_PVMOVE_TEST_DELAY_MS", "0");
            rig.mount();
            assertArrayEquals(a, RaidSeedExamplesTest.readAt(file, 0, a.length), "fsynced data after kill -9 in the move");
            PvMoves.waitDone(rig, "vg", 30_000);

            List<String> after = PvMoves.devices(rig, "vg");
            for (String sub : List.of("r_rimage_0", "r_rmeta_0"))
                assertTrue(List.of(pv[2], pv[3]).contains(pvOf(after, sub)), () -> sub + " went to a free PV, not to the other leg's: " + after);
            for (String sub : List.of("r_rimage_1", "r_rmeta_1")) assertEquals(pv[1], pvOf(after, sub), () -> sub + " stays: " + after);
            assertFalse(after.toString().contains("pvmove") || after.toString().contains(pv[0] + "("), "nothing left on the source: " + after);
            assertEquals("100.00", rig.lvs("vg/r", "copy_percent").get(0), "the array stayed in sync");
            assertArrayEquals(a, RaidSeedExamplesTest.readAt(file, 0, a.length), "data through the LV after the move");
            rig.umount();
            for (String leg : List.of("r_rimage_0", "r_rimage_1")) {
                RaidSteps.Extent e = extent(rig, leg);
                assertArrayEquals(a, RaidSeedExamplesTest.readAt(e.image(), e.offset(), a.length), leg + " in its PV image holds the data");
            }
            RaidSteps.sameLayoutAsRealLvm(rig, "vg", "lv_name,devices,segtype");
            PvMoves.vgckClean(rig, "vg");
        }
    }

    /** Where sub-LV {@code lv}'s one linear segment starts in its PV image, read from the images in this JVM. */
    private static RaidSteps.Extent extent(MountRig rig, String lv) {
        try (Scan scan = Scan.of(rig.images, false)) {
            VgCopies vc = scan.vg("vg").orElseThrow();
            Lv l = vc.vg().lv(lv).orElseThrow();
            assertEquals(1, l.segments().size(), lv + " in one segment");
            Area.OnPv at = (Area.OnPv) l.segments().get(0).areas().get(0);
            long pos = vc.vg().pv(at.pvId()).orElseThrow().peStart() * 512 + at.pe() * vc.vg().extentBytes();
            return new RaidSteps.Extent(vc.device(at.pvId()).path(), pos);
        }
    }

    /** The PV of hidden sub-LV {@code lv} ("[lv] PV(PE)") in lines of {@link PvMoves#devices} (one segment). */
    private static String pvOf(List<String> devices, String lv) {
        List<String> l = devices.stream().filter(d -> d.startsWith("[" + lv + "] ")).toList();
        assertEquals(1, l.size(), () -> lv + " in one segment: " + devices);
        String dev = l.get(0).substring(lv.length() + 3);
        return dev.substring(0, dev.indexOf('('));
    }
}
