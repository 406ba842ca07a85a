package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thin LVs over the mount: a pool and a thin LV made offline (their create message queued in the VG metadata, as
 * LVM2 queues it for an inactive pool) are served at the mount, unwritten blocks read zeros, a thin snapshot taken on
 * the running mount keeps what the origin held while the origin is rewritten, and after the umount the pool's
 * metadata passes thin_check and thin_dump maps what ulvm wrote.
 */
class ThinMountTest {
    private static final long MiB = 1L << 20;

    @BeforeAll
    static void needs() {
        MountRig.assumeRootWithFuse();
        ulvm.e2e.Needs.that(MountRig.sh("sh", "-c", "command -v thin_check && command -v thin_dump").rc() == 0,
                "no thin_check/thin_dump (thin-provisioning-tools)");
    }

    @Test
    void thinLvsAndSnapshotsServeTheirDataAndThePoolPassesThinCheck(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 128 * MiB);
            rig.ulvm("lvcreate", "--type", "thin-pool", "-L", "48M", "-n", "pool", "vg").ok();
            rig.ulvm("lvcreate", "-V", "200M", "-T", "vg/pool", "-n", "thin").ok();
            rig.mount();
            Path thin = rig.lvFile("vg", "thin");
            assertEquals(200 * MiB, Files.size(thin));
            byte[] a = RaidSteps.random(1, (int) (8 * MiB));
            writeSynced(thin, 100 * MiB, a);
            assertArrayEquals(a, RaidSteps.readAt(thin, 100 * MiB, a.length));
            assertArrayEquals(new byte[(int) MiB], RaidSteps.readAt(thin, 10 * MiB, (int) MiB), "never written: zeros");

            rig.ulvm("lvcreate", "-s", "vg/thin", "-n", "snap").ok();
            rig.ulvm("lvchange", "-ay", "-K", "vg/snap").ok();
            byte[] b = RaidSteps.random(2, (int) (2 * MiB));
            writeSynced(thin, 101 * MiB + 4096, b); // over the shared blocks, not on their boundaries
            byte[] now = a.clone();
            System.arraycopy(b, 0, now, (int) MiB + 4096, b.length);
            assertArrayEquals(now, RaidSteps.readAt(thin, 100 * MiB, a.length), "the origin has the new data");
            assertArrayEquals(a, RaidSteps.readAt(rig.lvFile("vg", "snap"), 100 * MiB, a.length), "the snapshot kept the old");

            String lvs = rig.ulvm("lvs", "-a", "--noheadings", "-o", "lv_name,lv_attr,pool_lv,origin", "vg").ok().out();
            assertTrue(lvs.contains("snap") && lvs.contains("thin"), lvs);
            rig.umount();

            Path meta = tmp.resolve("tmeta.bin");
            Files.write(meta, subLv(rig, "vg", "pool_tmeta"));
            MountRig.Result check = MountRig.sh("thin_check", meta.toString());
            assertEquals(0, check.rc(), check::toString);
            String dump = MountRig.sh("thin_dump", meta.toString()).out();
            assertTrue(dump.contains("<device dev_id=\"1\"") && dump.contains("<device dev_id=\"2\""), dump);

            rig.mount(); // opened again from what was committed
            assertArrayEquals(now, RaidSteps.readAt(thin, 100 * MiB, a.length));
            assertEquals(List.of(), rig.ulvm("lvs", "-a", "vg").ok().err().lines().filter(l -> l.contains("WARNING: Thin")).toList());
        }
    }

    /**
     * lvchange -ay VG/POOL keeps the pool open without thin LVs (Data% shown) until -an names it; with the pool down,
     * lvchange -ay -y VG/POOL_tmeta shows the metadata read-only and thin_check reads it; LVM2's refusals either way round;
     * then lvconvert --repair of the inactive pool, the thin LV reading its data through the repaired metadata and real
     * LVM2 (vgck, lvs -a) reading the VG (test/shell/lvconvert-repair-thin.sh, component-thin.sh); last a thin snapshot's
     * merge into its open origin waits for the origin's next activation (lv_attr 'O' and 'S' meanwhile), which the next
     * mount's start-up is (test/shell/lvconvert-thin.sh's merge steps).
     */
    @Test
    void aPoolActivatedAloneAndItsMetadataLvShownForThinCheck(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            rig.ulvm("lvcreate", "--type", "thin-pool", "-L", "16M", "-n", "pool", "vg").ok();
            rig.ulvm("lvcreate", "-V", "16M", "-T", "vg/pool", "-n", "t").ok();
            rig.mount();
            byte[] a = RaidSteps.random(7, (int) MiB);
            writeSynced(rig.lvFile("vg", "t"), 0, a);
            rig.ulvm("lvchange", "-ay", "vg/pool").ok();
            rig.ulvm("lvchange", "-an", "vg/t").ok();
            assertTrue(dataPercent(rig, "vg/pool") > 5, "the pool stays open alone");
            MountRig.Result no = rig.ulvm("lvchange", "-ay", "-y", "vg/pool_tmeta");
            assertEquals(5, no.rc(), no::toString);
            assertTrue(no.err().contains("Activation of logical volume vg/pool_tmeta is prohibited while logical volume vg/pool is active."), no::toString);
            rig.ulvm("lvchange", "-an", "vg/pool").ok();
            assertEquals("", rig.ulvm("lvs", "--noheadings", "-o", "data_percent", "vg/pool").ok().out().trim(), "inactive");

            assertTrue(rig.ulvm("lvchange", "-ay", "-y", "vg/pool_tmeta").ok().out().contains("Allowing activation of component LV."));
            Path tmeta = rig.lvFile("vg", "pool_tmeta");
            assertTrue(!Files.getPosixFilePermissions(tmeta).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), "shown read-only");
            org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> writeSynced(tmeta, 0, new byte[512]));
            MountRig.Result check = MountRig.sh("thin_check", tmeta.toString());
            assertEquals(0, check.rc(), check::toString);
            no = rig.ulvm("lvchange", "-ay", "vg/t");
            assertEquals(5, no.rc(), no::toString);
            assertTrue(no.err().contains("Activation of logical volume vg/t is prohibited while logical volume vg/pool_tmeta is active."), no::toString);
            rig.ulvm("lvchange", "-an", "vg/pool_tmeta").ok();

            // lvconvert --repair: thin_repair into the spare, which becomes pool_tmeta; real LVM2 reads the result
            MountRig.Result repair = rig.ulvm("lvconvert", "--repair", "vg/pool");
            assertEquals(0, repair.rc(), repair::toString);
            assertTrue(repair.err().contains("WARNING: LV vg/pool_meta0 holds a backup of the unrepaired metadata."), repair::toString);
            rig.ulvm("lvchange", "-ay", "vg/t").ok();
            assertArrayEquals(a, RaidSteps.readAt(rig.lvFile("vg", "t"), 0, a.length), "read through the repaired metadata");
            assertEquals(0, ulvm.e2e.RealLvm.run(rig.images, "vgck", "vg").rc());
            ulvm.e2e.RealLvm.Result lvs = ulvm.e2e.RealLvm.run(rig.images, "lvs", "-a", "--noheadings", "-o", "lv_name,lv_attr,pool_lv,metadata_lv", "vg");
            assertEquals(0, lvs.rc(), lvs::toString);
            assertEquals(List.of("[lvol1_pmspare] ewi-XX----", "pool twi-XXtz-- [pool_tmeta]", "pool_meta0 -wi-XX----", "[pool_tdata] Twi-XX----",
                    "[pool_tmeta] ewi-XX----", "t Vwi-XXtz-- pool"), lvs.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")).toList());

            // lvconvert --merge while the origin is open waits for its next activation (merge = "t" on s1's segment)
            rig.ulvm("lvcreate", "-s", "vg/t", "-n", "s1").ok();
            writeSynced(rig.lvFile("vg", "t"), 0, RaidSteps.random(8, (int) MiB));
            try (FileChannel open = FileChannel.open(rig.lvFile("vg", "t"), StandardOpenOption.READ)) {
                assertEquals(List.of("  Delaying merge since origin volume is open.", "  Merging of thin snapshot vg/s1 will occur on next activation of vg/t."),
                        rig.ulvm("lvconvert", "--merge", "vg/s1").ok().out().lines().toList());
            }
            assertEquals(0, ulvm.e2e.RealLvm.run(rig.images, "vgck", "vg").rc(), "real LVM2 reads the waiting merge");
            // lv_attr 'O' (origin with a merging snapshot) and 'S' (the merging thin snapshot), public, as real LVM2 shows them
            lvs = ulvm.e2e.RealLvm.run(rig.images, "lvs", "-a", "--noheadings", "-o", "lv_name,lv_attr,lv_role", "vg/t", "vg/s1");
            assertEquals(List.of("[s1] Swi-XXtz-k public,snapshot,thinsnapshot", "t Owi-XXtz-- public,origin,thinorigin"),
                    lvs.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")).toList(), lvs::toString);
            assertEquals(List.of("[s1] Swi---tz-k public,snapshot,thinsnapshot", "t Owi-a-tz-- public,origin,thinorigin"),
                    rig.ulvm("lvs", "-a", "--noheadings", "-o", "lv_name,lv_attr,lv_role", "vg/t", "vg/s1").ok().out().lines()
                            .map(l -> l.trim().replaceAll("\\s+", " ")).toList());
            // the next mount's start-up is the origin's next activation: the merge is finished before vg/t is shown
            rig.umount();
            rig.mount();
            assertTrue(rig.daemonLog().contains("ulvm daemon: Merge of snapshot into logical volume vg/t has finished."), rig.daemonLog());
            assertArrayEquals(a, RaidSteps.readAt(rig.lvFile("vg", "t"), 0, a.length), "the origin holds what the snapshot held");
            // a VG's activation takes its pool too (vgchange's _activate_lvs_in_vg), counted with its visible LVs, and
            // the pool stays active without thin LVs until it is deactivated itself
            assertEquals("0 logical volume(s) in volume group \"vg\" now active", rig.ulvm("vgchange", "-an", "vg").ok().out().trim());
            assertEquals("3 logical volume(s) in volume group \"vg\" now active", rig.ulvm("vgchange", "-ay", "vg").ok().out().trim(),
                    "pool, pool_meta0 and t");
            rig.ulvm("lvchange", "-an", "vg/t").ok();
            assertEquals("twi-aotz--", rig.ulvm("lvs", "--noheadings", "-o", "lv_attr", "vg/pool").ok().out().trim());
            assertTrue(dataPercent(rig, "vg/pool") > 5, "Data% of the pool activated with its VG");
            // lvchange -an VG/POOL with a thin LV active: quiet success, the pool runs on for it (libdm leaves the open
            // -tpool layer), shown inactive as LVM2 shows it, Data% still there
            rig.ulvm("lvchange", "-ay", "vg/t").ok();
            MountRig.Result off = rig.ulvm("lvchange", "-an", "vg/pool").ok();
            assertEquals("", off.out() + off.err());
            assertEquals("twi---tz--", rig.ulvm("lvs", "--noheadings", "-o", "lv_attr", "vg/pool").ok().out().trim());
            assertArrayEquals(a, RaidSteps.readAt(rig.lvFile("vg", "t"), 0, a.length), "the thin LV goes on");
            assertEquals(0, ulvm.e2e.RealLvm.run(rig.images, "vgck", "vg").rc());
            lvs = ulvm.e2e.RealLvm.run(rig.images, "lvs", "-a", "--noheadings", "-o", "lv_name,lv_attr,origin", "vg/t");
            assertEquals("t Vwi-XXtz--", lvs.out().trim().replaceAll("\\s+", " "), lvs::toString);
        }
    }

    /**
     * ext4 on a thin LV through a loop device: files take pool blocks, fstrim gives them back (Data% goes down), and with
     * --discards passdown punches them out of the PV image too; nopassdown frees them in the pool only
     * (test/shell/discards-thin.sh).
     */
    @Test
    void ext4OnAThinLvAndFstrimGivesBlocksBack(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 160 * MiB);
            rig.ulvm("lvcreate", "--type", "thin-pool", "-L", "96M", "-n", "pool", "vg").ok();
            rig.mount();
            rig.ulvm("lvcreate", "-V", "256M", "-T", "vg/pool", "-n", "fs").ok(); // on the running mount
            String loop = rig.losetup(rig.lvFile("vg", "fs"));
            MountRig.sh("mkfs.ext4", "-q", "-F", loop).ok();
            Path fs = rig.mountExt4(loop, tmp.resolve("ext4"));
            byte[] big = RaidSteps.random(3, (int) (40 * MiB));
            Files.write(fs.resolve("big"), big);
            MountRig.sh("sync").ok();
            double full = dataPercent(rig, "vg/pool");
            assertTrue(full > 40, "40 MiB of 96 MiB used: " + full);
            assertTrue(dataPercent(rig, "vg/fs") > 10, "the thin LV's own Data%");
            long image = allocatedMiB(rig.images.get(0));
            Files.delete(fs.resolve("big"));
            MountRig.sh("sync").ok();
            MountRig.sh("fstrim", "-v", fs.toString()).ok();
            MountRig.sh("sync", rig.lvFile("vg", "fs").toString()).ok(); // fsync: the pool commits, then passes the discards down
            double trimmed = dataPercent(rig, "vg/pool");
            assertTrue(trimmed < full - 35, "fstrim gave the file's blocks back: " + full + "% -> " + trimmed + "%");
            long punched = allocatedMiB(rig.images.get(0));
            assertTrue(punched < image - 35, "--discards passdown (the default) punched them out of the PV image: " + image + " -> " + punched + " MiB");

            rig.ulvm("lvchange", "--discards", "nopassdown", "vg/pool").ok(); // on the running pool, as LVM2 allows
            Files.write(fs.resolve("again"), big); // the freed blocks are used again
            MountRig.sh("sync").ok();
            image = allocatedMiB(rig.images.get(0));
            assertTrue(image > punched + 35, "written again: " + punched + " -> " + image + " MiB");
            Files.delete(fs.resolve("again"));
            MountRig.sh("sync").ok();
            MountRig.sh("fstrim", "-v", fs.toString()).ok();
            MountRig.sh("sync", rig.lvFile("vg", "fs").toString()).ok();
            assertTrue(dataPercent(rig, "vg/pool") < full - 35, "nopassdown frees the pool's blocks");
            assertTrue(allocatedMiB(rig.images.get(0)) > image - 4, "and leaves the image as it is");
            MountRig.umountExt4(fs);
            MountRig.Result fsck = MountRig.sh("fsck.ext4", "-fn", loop);
            assertEquals(0, fsck.rc(), () -> "fsck: " + fsck);
        }
    }

    /** The space a (sparse) PV image takes on its file system, in MiB (stat's allocated blocks). */
    private static long allocatedMiB(Path image) {
        return Long.parseLong(MountRig.sh("stat", "-c", "%b", image.toString()).ok().out().trim()) * 512 / MiB;
    }

    /** kill -9 while a writer provisions blocks: after the remount the fsynced data is there and thin_check is clean. */
    @Test
    void aKillUnderWritersLeavesFlushedDataAndCleanMetadata(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 96 * MiB);
            rig.ulvm("lvcreate", "--type", "thin-pool", "-L", "48M", "-c", "64k", "-n", "pool", "vg").ok();
            rig.ulvm("lvcreate", "-V", "64M", "-T", "vg/pool", "-n", "t").ok();
            rig.mount();
            Path t = rig.lvFile("vg", "t");
            byte[] synced = RaidSteps.random(4, (int) (12 * MiB));
            writeSynced(t, 0, synced);
            Thread writer = new Thread(() -> {
                byte[] b = new byte[4096];
                try (FileChannel ch = FileChannel.open(t, StandardOpenOption.WRITE)) {
                    for (long i = 0; ; i++) {
                        java.util.Arrays.fill(b, (byte) i);
                        ch.write(ByteBuffer.wrap(b), 16 * MiB + (i * 69632) % (40 * MiB));
                        if (i % 64 == 0) ch.force(false);
                    }
                } catch (IOException e) {
                    // the daemon is gone
                }
            });
            writer.start();
            MountRig.sleep(1500);
            rig.kill9();
            writer.join(20_000);

            rig.mount();
            assertArrayEquals(synced, RaidSteps.readAt(t, 0, synced.length), "fsynced before the kill");
            rig.umount();
            Path meta = tmp.resolve("tmeta.bin");
            Files.write(meta, subLv(rig, "vg", "pool_tmeta"));
            MountRig.Result check = MountRig.sh("thin_check", meta.toString());
            assertEquals(0, check.rc(), check::toString);
        }
    }

    /** A pool whose metadata fails thin_check is not activated, with LVM2's words; its thin LVs stay inactive. */
    @Test
    void aPoolFailingThinCheckIsNotActivated(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            rig.ulvm("lvcreate", "--type", "thin-pool", "-L", "16M", "-n", "pool", "vg").ok();
            rig.ulvm("lvcreate", "-V", "16M", "-T", "vg/pool", "-n", "t").ok();
            rig.mount(); // formats the metadata, creates the thin device
            writeSynced(rig.lvFile("vg", "t"), 0, RaidSteps.random(5, 65536));
            rig.umount();
            String[] where = subLvStart(rig, "vg", "pool_tmeta");
            try (RandomAccessFile raf = new RandomAccessFile(where[0], "rw")) {
                raf.seek(Long.parseLong(where[1]) + 100); // in the superblock: its checksum no longer matches
                raf.write(new byte[512]);
            }
            rig.mount();
            assertTrue(!Files.exists(rig.lvFile("vg", "t")), "the thin LV stays inactive");
            assertTrue(rig.daemonLog().contains("Check of pool vg/pool failed (status:"), rig.daemonLog());
            assertTrue(rig.daemonLog().contains("Manual repair required!"), rig.daemonLog());
        }
    }

    /**
     * A full pool: with --errorwhenfull y a write fails at once (ENOSPC); in the default queue mode it is held, and an
     * lvextend of the pool lets it finish.
     */
    @Test
    void aFullPoolFailsOrHoldsWritesUntilItIsExtended(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 96 * MiB);
            rig.ulvm("lvcreate", "--type", "thin-pool", "-L", "8M", "--errorwhenfull", "y", "-n", "pool", "vg").ok();
            rig.ulvm("lvcreate", "-V", "32M", "-T", "vg/pool", "-n", "t").ok();
            rig.mount();
            Path t = rig.lvFile("vg", "t");
            byte[] data = RaidSteps.random(6, (int) (12 * MiB));
            IOException full = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> writeSynced(t, 0, data));
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());

            rig.ulvm("lvchange", "--errorwhenfull", "n", "vg/pool").ok();
            java.util.concurrent.CompletableFuture<Void> held = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    writeSynced(t, 0, data);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            MountRig.sleep(2000);
            assertTrue(!held.isDone(), "the write waits for room");
            rig.ulvm("lvextend", "-L", "+16M", "vg/pool").ok();
            held.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertArrayEquals(data, RaidSteps.readAt(t, 0, data.length));
        }
    }

    /**
     * activation/thin_pool_autoextend_threshold (here from the pool's metadata profile): the daemon grows a pool whose
     * Data% passes it by thin_pool_autoextend_percent (here lvm.conf's; `lvextend --use-policies`, as dmeventd does),
     * without the writer noticing.
     */
    @Test
    void aPoolAboveItsAutoextendThresholdGrows(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 96 * MiB);
            rig.ulvm("lvcreate", "--type", "thin-pool", "-L", "16M", "-n", "pool", "vg").ok();
            rig.ulvm("lvcreate", "-V", "64M", "-T", "vg/pool", "-n", "t").ok();
            MountRig.Result off = rig.ulvm("lvextend", "--use-policies", "vg/pool");
            assertEquals(0, off.rc(), off::toString); // threshold 100: the policy is off, nothing to do
            // the threshold from the pool's metadata profile, the percent from lvm.conf (LVM2's lv_config_profile cascade)
            Files.createDirectories(rig.sys.resolve("profile"));
            Files.writeString(rig.sys.resolve("profile/auto.profile"), "activation {\n\tthin_pool_autoextend_threshold = 70\n}\n");
            rig.ulvm("lvchange", "--metadataprofile", "auto", "vg/pool").ok();
            Files.writeString(rig.sys.resolve("lvm.conf"), "activation {\n\tthin_pool_autoextend_percent = 50\n}\n");
            rig.mount();
            writeSynced(rig.lvFile("vg", "t"), 0, RaidSteps.random(7, (int) (14 * MiB)));
            long deadline = System.currentTimeMillis() + 20_000;
            long size = 0;
            while (System.currentTimeMillis() < deadline) {
                size = Long.parseLong(rig.ulvm("lvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "lv_size", "vg/pool")
                        .ok().out().trim());
                if (size > 16 * MiB) break;
                MountRig.sleep(500);
            }
            assertEquals(24 * MiB, size, () -> "grown by 50%: " + rig.daemonLog());
            assertTrue(dataPercent(rig, "vg/pool") < 70, "below the threshold again");
            assertTrue(rig.daemonLog().contains("thin_pool_autoextend_threshold 70%: extending"), rig.daemonLog());
        }
    }

    private static double dataPercent(MountRig rig, String lv) {
        return Double.parseDouble(rig.ulvm("lvs", "--noheadings", "-o", "data_percent", lv).ok().out().trim());
    }

    private static void writeSynced(Path file, long at, byte[] data) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer src = ByteBuffer.wrap(data);
            while (src.hasRemaining()) ch.write(src, at + src.position());
            ch.force(true);
        }
    }

    /** A linear sub-LV's PV image and byte offset there, from `lvs -o seg_pe_ranges` and `pvs -o pe_start`. */
    private static String[] subLvStart(MountRig rig, String vg, String lv) {
        String ranges = rig.ulvm("lvs", "-a", "--noheadings", "--units", "b", "--nosuffix", "-o", "seg_pe_ranges,vg_extent_size",
                vg + "/" + lv).ok().out().trim();
        String[] f = ranges.split("\\s+");
        String[] pr = f[0].split(":");
        long peStart = Long.parseLong(rig.ulvm("pvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "pe_start", pr[0])
                .ok().out().trim());
        return new String[] {pr[0], Long.toString(peStart + Long.parseLong(pr[1].split("-")[0]) * Long.parseLong(f[1]))};
    }

    /** A linear sub-LV's bytes, read from the PV image where `lvs -o seg_pe_ranges` and `pvs -o pe_start` put them. */
    private static byte[] subLv(MountRig rig, String vg, String lv) throws IOException {
        String ranges = rig.ulvm("lvs", "-a", "--noheadings", "--units", "b", "--nosuffix", "-o", "seg_pe_ranges,vg_extent_size",
                vg + "/" + lv).ok().out().trim();
        String[] f = ranges.split("\\s+");
        String[] pr = f[0].split(":");
        String[] r = pr[1].split("-");
        long eb = Long.parseLong(f[1]);
        long peStart = Long.parseLong(rig.ulvm("pvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "pe_start", pr[0])
                .ok().out().trim());
        long first = Long.parseLong(r[0]), last = Long.parseLong(r[1]);
        byte[] out = new byte[(int) ((last - first + 1) * eb)];
        try (RandomAccessFile raf = new RandomAccessFile(pr[0], "r")) {
            raf.seek(peStart + first * eb);
            raf.readFully(out);
        }
        return out;
    }
}
