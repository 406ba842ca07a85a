package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.e2e.RealLvm;

/**
 * raid5, raid6 and raid10 LV files on the mount (issue 21): the initial sync computes parity (Cpy%Sync rises to
 * 100), data written with checksums survives the loss of one PV image (two for raid6) over a remount,
 * {@code lvconvert --repair} rebuilds the lost images onto spares, {@code --syncaction check} then finds 0 mismatches,
 * and real LVM2 reads the repaired metadata alike (vgck, lvs). Then raid5 and raid10 carry ext4 through a loop device, and
 * after a kill -9 while writing raid6's dirty regions are resynced (check: 0 again) (test/shell/lvconvert-repair-raid.sh,
 * lvchange-raid.sh's syncaction steps).
 */
class RaidLevelsMountTest {
    private static final long MiB = 1L << 20;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    /**
     * One VG of 7 PVs: raid5 (-i 2) on pv0..2, raid6 (-i 3) on pv0..4, raid10 (-i 2 -m 1) on pv0..3; pv5 and pv6 are
     * spares. pv1 and pv3 go away: raid5 loses one image, raid6 two, raid10 one of each mirror set.
     */
    @Test
    void degradedRemountRepairCheck(@TempDir Path tmp) throws Exception {
        String[][] levels = {{"r5", "raid5", "-i", "2"}, {"r6", "raid6", "-i", "3"}, {"r10", "raid10", "-i", "2", "-m", "1"}};
        int[] pvsOf = {3, 5, 4};
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 7, 32 * MiB);
            for (int l = 0; l < levels.length; l++) {
                List<String> create = new ArrayList<>(List.of("lvcreate", "-y", "--type", levels[l][1]));
                create.addAll(List.of(levels[l]).subList(2, levels[l].length));
                create.addAll(List.of("-L", "8M", "-n", levels[l][0], "vg"));
                for (int i = 0; i < pvsOf[l]; i++) create.add(rig.images.get(i).toString());
                rig.ulvm(create.toArray(new String[0])).ok();
            }
            rig.mount(); // written during the initial sync: those stripes are computed whole
            List<byte[]> data = new ArrayList<>();
            for (String[] level : levels) {
                Path r = rig.lvFile("vg", level[0]);
                data.add(random(level[1].hashCode(), (int) Files.size(r)));
                writeSynced(r, 0, data.get(data.size() - 1));
            }
            rig.umount();

            Path[] gone = {rig.images.get(1), rig.images.get(3)};
            for (Path pv : gone) Files.move(pv, tmp.resolve(pv.getFileName() + ".away"));
            rig.mount();
            assertEquals(List.of("r10 rwi-a-r-p- partial", "r5 rwi-a-r-p- partial", "r6 rwi-a-r-p- partial"),
                    rig.lvs("vg", "lv_name,lv_attr,lv_health_status"));
            // a new mount: nothing of the LV files is in the page cache
            for (int l = 0; l < levels.length; l++) {
                Path r = rig.lvFile("vg", levels[l][0]);
                byte[] d = data.get(l);
                assertArrayEquals(d, readAt(r, 0, d.length), levels[l][1] + ": degraded reads reconstruct the lost images' data");
                byte[] patch = random(l, (int) MiB + 4096);
                writeSynced(r, 2 * MiB - 2048, patch); // degraded writes, partial stripes at both ends
                System.arraycopy(patch, 0, d, (int) (2 * MiB - 2048), patch.length);
            }

            for (String[] level : levels) {
                MountRig.Result repair = rig.ulvm("lvconvert", "--repair", "-y", "vg/" + level[0]).ok();
                assertTrue(repair.out().contains("Faulty devices in vg/" + level[0] + " successfully replaced."), repair.toString());
            }
            awaitInSync(rig);
            assertEquals(List.of("r10 rwi-a-r---", "r5 rwi-a-r---", "r6 rwi-a-r---"), rig.lvs("vg", "lv_name,lv_attr"));
            check(rig, "vg/r5", "vg/r6", "vg/r10");
            MountRig.dropCaches();
            for (int l = 0; l < levels.length; l++)
                assertArrayEquals(data.get(l), readAt(rig.lvFile("vg", levels[l][0]), 0, data.get(l).length), levels[l][1] + " after the rebuild");
            rig.ulvm("vgreduce", "--removemissing", "vg").ok();
            rig.umount();

            List<Path> present = new ArrayList<>(rig.images);
            present.removeAll(List.of(gone));
            RealLvm.Result ck = RealLvm.run(present, "vgck", "vg");
            assertEquals(0, ck.rc(), ck::toString);
            assertEquals("", ck.warnings(), "real vgck finds nothing to say");
            String fields = "name,segtype,stripes,stripe_size,region_size,devices";
            RealLvm.Result real = RealLvm.run(present, "lvs", "-a", "--noheadings", "-o", fields, "vg");
            assertEquals(rig.ulvm("lvs", "-a", "--noheadings", "-o", fields, "vg").ok().lines(),
                    real.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList());

            rig.mount();
            ext4OnLoop(rig, rig.lvFile("vg", "r5"), tmp.resolve("fs"));
            ext4OnLoop(rig, rig.lvFile("vg", "r10"), tmp.resolve("fs10"));
            kill9WhileWriting(rig, rig.lvFile("vg", "r6"), "vg/r6");
            check(rig, "vg/r5", "vg/r6", "vg/r10");
            assertFalse(rig.daemonLog().contains("background sync"), rig.daemonLog());
        }
    }

    /** mkfs.ext4 through a loop device over the LV file, a file written and read back after a remount, fsck clean. */
    private static void ext4OnLoop(MountRig rig, Path lv, Path at) throws Exception {
        String loop = rig.losetup(lv);
        MountRig.sh("mkfs.ext4", "-q", "-F", "-E", "nodiscard", loop).ok();
        Path fs = rig.mountExt4(loop, at);
        byte[] file = random(5, (int) (2 * MiB));
        Files.write(fs.resolve("f"), file);
        MountRig.umountExt4(fs);
        MountRig.dropCaches();
        rig.mountExt4(loop, fs);
        assertArrayEquals(file, Files.readAllBytes(fs.resolve("f")), "a file on ext4 over " + lv.getFileName());
        MountRig.umountExt4(fs);
        rig.detach(loop);
        assertEquals(0, MountRig.sh("fsck.ext4", "-n", "-f", lv.toString()).rc(), "fsck of " + lv.getFileName());
    }

    /**
     * kill -9 of the daemon while a thread writes all over the LV file: after the remount the regions dirty in the
     * rmetas are resynced, and data flushed before the writes is intact.
     */
    private static void kill9WhileWriting(MountRig rig, Path lv, String vgLv) throws Exception {
        long size = Files.size(lv);
        byte[] flushed = random(6, (int) MiB);
        writeSynced(lv, size - MiB, flushed);
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (FileChannel ch = FileChannel.open(lv, StandardOpenOption.WRITE)) {
                java.util.Random rnd = new java.util.Random(7);
                byte[] b = new byte[96 * 1024];
                while (!stop.get()) {
                    rnd.nextBytes(b);
                    ch.write(ByteBuffer.wrap(b), rnd.nextInt((int) (size - 2 * MiB) / 512) * 512L);
                }
            } catch (Exception e) {
                // the daemon died under it
            }
        });
        writer.start();
        MountRig.sleep(700);
        rig.kill9();
        stop.set(true);
        writer.join(10_000);
        rig.mount();
        awaitInSync(rig);
        assertTrue(rig.daemonLog().contains(vgLv + ": resync done: "), rig.daemonLog());
        assertArrayEquals(flushed, readAt(lv, size - MiB, flushed.length), "flushed data intact after the crash");
    }

    /** {@code lvchange --syncaction check} of the LVs, then 0 in raid_mismatch_count once every check is over. */
    private static void check(MountRig rig, String... vgLvs) {
        List<String> cmd = new ArrayList<>(List.of("lvchange", "--syncaction", "check"));
        cmd.addAll(List.of(vgLvs));
        rig.ulvm(cmd.toArray(new String[0])).ok();
        long end = System.nanoTime() + 60_000_000_000L;
        List<String> state;
        while ((state = rig.lvs(vgLvs[0].substring(0, vgLvs[0].indexOf('/')), "raid_sync_action,raid_mismatch_count")).stream()
                .anyMatch(a -> !a.startsWith("idle"))) {
            assertTrue(System.nanoTime() < end, "check still running after 60 s");
            MountRig.sleep(100);
        }
        for (String a : state) assertEquals("idle 0", a);
    }

    /** Waits (60 s at most) for Cpy%Sync 100.00 of every LV of vg. */
    private static void awaitInSync(MountRig rig) {
        long end = System.nanoTime() + 60_000_000_000L;
        while (rig.lvs("vg", "copy_percent").stream().anyMatch(p -> !p.equals("100.00"))) {
            assertTrue(System.nanoTime() < end, "no 100.00 Cpy%Sync within 60 s: " + rig.lvs("vg", "copy_percent"));
            MountRig.sleep(100);
        }
    }
}
