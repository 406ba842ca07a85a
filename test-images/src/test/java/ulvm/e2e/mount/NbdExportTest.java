package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: `ulvm mount --nbd` serves every active LV as the NBD export VG/LV, through the volumes the files use.
 * Real clients read and write them (nbdinfo, nbdcopy, qemu-img); base:allocation shows the PV images' holes; an open
 * export is a use of its LV (snapshots, tracked split images and read-only LVs are advertised read-only), refused by lvremove and deactivation in LVM2's words (lib/activate/activate.c "Logical
 * volume %s in use.") and shown as 'o' by lvs; `ulvm nbd --remove/--add [--readonly]` changes what is exported.
 */
class NbdExportTest {
    private static final long MiB = 1L << 20;

    @BeforeAll
    static void needs() {
        MountRig.assumeRootWithFuse();
        NbdSteps.needTools();
    }

    @Test
    void everyKindOfLvIsListedAndCopiesAsItsFile(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            NbdSteps.mount(rig);
            rig.ulvm("lvcreate", "-L", "16M", "-n", "lin", "vg").ok();
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "16M", "-n", "r1", "vg").ok();
            RaidSteps.awaitInSync(rig, "vg/r1");
            RaidSteps.writeSynced(rig.lvFile("vg", "lin"), 3 * MiB, RaidSteps.random(1, (int) (2 * MiB)));
            RaidSteps.writeSynced(rig.lvFile("vg", "r1"), 5 * MiB, RaidSteps.random(2, (int) (3 * MiB)));
            rig.ulvm("lvcreate", "-s", "-L", "8M", "-n", "snap", "vg/lin").ok();
            RaidSteps.writeSynced(rig.lvFile("vg", "lin"), 4 * MiB, RaidSteps.random(3, (int) MiB)); // the snapshot keeps the old
            assertEquals(List.of("vg/lin", "vg/r1", "vg/snap"), NbdSteps.listed(rig));
            // a snapshot is a backup's source: read-only unless added without --readonly
            assertEquals(List.of("Export Access Clients", "vg/lin rw 0", "vg/r1 rw 0", "vg/snap ro 0"), rig.ulvm("nbd").ok().lines());
            assertTrue(NbdSteps.tool("nbdinfo", "--json", NbdSteps.uri(rig, "vg/snap")).ok().out().contains("\"is_read_only\": true"));
            for (String lv : List.of("lin", "r1", "snap")) {
                byte[] file = Files.readAllBytes(rig.lvFile("vg", lv));
                assertArrayEquals(file, NbdSteps.copyOut(rig, "vg/" + lv, tmp.resolve(lv + ".copy")), "nbdcopy of vg/" + lv);
                NbdSteps.qemuSame(rig, "vg/" + lv, rig.lvFile("vg", lv));
            }
            assertNotEquals(-1, Files.mismatch(rig.lvFile("vg", "lin"), rig.lvFile("vg", "snap")), "the snapshot differs from its origin");
            assertEquals(List.of("Exported vg/snap."), rig.ulvm("nbd", "--add", "vg/snap").ok().lines());
            assertTrue(NbdSteps.tool("nbdinfo", "--json", NbdSteps.uri(rig, "vg/snap")).ok().out().contains("\"is_read_only\": false"));
            // base:allocation: holes where the LV maps to never-written ranges of the sparse images, data where written
            assertEquals(List.of(new NbdSteps.Extent(0, 4096, 0, "data"), new NbdSteps.Extent(4096, 3 * MiB - 4096, 3, "hole,zero"),
                    new NbdSteps.Extent(3 * MiB, 2 * MiB, 0, "data"), new NbdSteps.Extent(5 * MiB, 11 * MiB, 3, "hole,zero")),
                    NbdSteps.map(NbdSteps.uri(rig, "vg/lin"), null), "lvcreate wiped the first 4 KiB");
            List<NbdSteps.Extent> raid = NbdSteps.map(NbdSteps.uri(rig, "vg/r1"), null);
            assertTrue(raid.contains(new NbdSteps.Extent(5 * MiB, 3 * MiB, 0, "data")), raid::toString);
            assertTrue(raid.contains(new NbdSteps.Extent(8 * MiB, 8 * MiB, 3, "hole,zero")), raid::toString);
        }
    }

    @Test
    void qemuImgConvertWritesAnImageIntoAnLv(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            NbdSteps.mount(rig);
            rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "-L", "16M", "-n", "r1", "vg").ok();
            byte[] data = new byte[(int) (16 * MiB)];
            System.arraycopy(RaidSteps.random(9, (int) (6 * MiB)), 0, data, (int) MiB, (int) (6 * MiB));
            Path raw = Files.write(tmp.resolve("disk.raw"), data);
            Path qcow = tmp.resolve("disk.qcow2");
            NbdSteps.tool("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow.toString()).ok();
            NbdSteps.tool("qemu-img", "convert", "-n", "-f", "qcow2", "-O", "raw", qcow.toString(), NbdSteps.uri(rig, "vg/r1")).ok();
            assertArrayEquals(data, Files.readAllBytes(rig.lvFile("vg", "r1")));
            rig.umount();
            rig.mount(); // flushed: the data is on both images
            assertArrayEquals(data, Files.readAllBytes(rig.lvFile("vg", "r1")));
            assertEquals(null, RaidSteps.firstDifference(rig, "vg", "r1_rimage_0", "r1_rimage_1", 16 * MiB), "both legs written");
        }
    }

    /** FUA writes, TRIM and WRITE_ZEROES (with and without NO_HOLE) from nbdsh, and what BLOCK_STATUS then says. */
    @Test
    void trimAndWriteZeroesPunchTheImagesNoHoleWrites(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            NbdSteps.mount(rig);
            rig.ulvm("lvcreate", "-L", "16M", "-n", "lin", "vg").ok();
            NbdSteps.tool("nbdsh", "-u", NbdSteps.uri(rig, "vg/lin"), "-c", String.join("\n",
                    "h.pwrite(b'\\xab' * (4 << 20), 0, nbd.CMD_FLAG_FUA)",
                    "h.trim(1 << 20, 0)",
                    "h.zero(1 << 20, 1 << 20)",
                    "h.zero(1 << 20, 2 << 20, nbd.CMD_FLAG_NO_HOLE)",
                    "h.flush()")).ok();
            byte[] expected = new byte[(int) (16 * MiB)];
            java.util.Arrays.fill(expected, (int) (3 * MiB), (int) (4 * MiB), (byte) 0xab);
            assertArrayEquals(expected, Files.readAllBytes(rig.lvFile("vg", "lin")));
            assertEquals(List.of(new NbdSteps.Extent(0, 2 * MiB, 3, "hole,zero"), new NbdSteps.Extent(2 * MiB, 2 * MiB, 0, "data"),
                    new NbdSteps.Extent(4 * MiB, 12 * MiB, 3, "hole,zero")), NbdSteps.map(NbdSteps.uri(rig, "vg/lin"), null),
                    "trimmed and zeroed: holes; zeroed with NO_HOLE: data");
        }
    }

    @Test
    void aConnectedExportIsInUse(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            NbdSteps.mount(rig);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "lin", "vg").ok();
            Path go = tmp.resolve("go");
            Process client = NbdSteps.start(rig, "nbdsh", "-u", NbdSteps.uri(rig, "vg/lin"), "-c",
                    "import os, time\nopen('" + tmp.resolve("connected") + "', 'w').close()\nwhile not os.path.exists('" + go + "'): time.sleep(0.05)");
            long deadline = System.currentTimeMillis() + 20_000;
            while (!Files.exists(tmp.resolve("connected")) && System.currentTimeMillis() < deadline) MountRig.sleep(20);
            assertTrue(Files.exists(tmp.resolve("connected")), () -> "the client connects: " + read(tmp.resolve("client.log")));
            assertEquals(List.of("-wi-ao----"), rig.lvs("vg/lin", "lv_attr"), "open over NBD: 'o'");
            refused(rig.ulvm("lvremove", "-y", "vg/lin"), 5, "Logical volume vg/lin in use.");
            refused(rig.ulvm("lvchange", "-an", "vg/lin"), 5, "Logical volume vg/lin in use.");
            refused(rig.ulvm("nbd", "--remove", "vg/lin"), 5, "Export vg/lin is in use by 1 NBD client.");
            assertEquals(List.of("Export Access Clients", "vg/lin rw 1"), rig.ulvm("nbd").ok().lines());
            Files.createFile(go);
            assertEquals(0, client.waitFor(), () -> read(tmp.resolve("client.log")));
            deadline = System.currentTimeMillis() + 10_000;
            while (!rig.lvs("vg/lin", "lv_attr").equals(List.of("-wi-a-----")) && System.currentTimeMillis() < deadline) MountRig.sleep(50);
            assertEquals(List.of("-wi-a-----"), rig.lvs("vg/lin", "lv_attr"), "closed: no longer open");
            rig.ulvm("lvremove", "-y", "vg/lin").ok();
            assertEquals(List.of(), NbdSteps.listed(rig));
        }
    }

    @Test
    void nbdRemoveHidesAndAddReadonlyExportsReadOnly(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            refused(rig.ulvm("nbd"), 5, "No ulvm mount is running: NBD is served by `ulvm mount --nbd unix:PATH|tcp:ADDR:PORT MOUNTPOINT`.");
            NbdSteps.mount(rig);
            rig.ulvm("lvcreate", "-L", "8M", "-n", "a", "vg").ok();
            rig.ulvm("lvcreate", "-L", "8M", "-n", "b", "vg").ok();
            assertEquals(List.of("Export vg/a removed."), rig.ulvm("nbd", "--remove", "vg/a").ok().lines());
            assertEquals(List.of("vg/b"), NbdSteps.listed(rig));
            MountRig.Result gone = NbdSteps.tool("nbdinfo", NbdSteps.uri(rig, "vg/a"));
            assertNotEquals(0, gone.rc(), gone::toString);
            assertEquals(List.of("Exported vg/a read-only."), rig.ulvm("nbd", "--add", "vg/a", "--readonly").ok().lines());
            assertEquals(List.of("vg/a", "vg/b"), NbdSteps.listed(rig));
            assertTrue(NbdSteps.tool("nbdinfo", "--json", NbdSteps.uri(rig, "vg/a")).ok().out().contains("\"is_read_only\": true"));
            Path src = Files.write(tmp.resolve("src"), RaidSteps.random(4, (int) (8 * MiB)));
            MountRig.Result ro = NbdSteps.tool("nbdcopy", src.toString(), NbdSteps.uri(rig, "vg/a"));
            assertNotEquals(0, ro.rc(), ro::toString);
            assertArrayEquals(new byte[(int) (8 * MiB)], Files.readAllBytes(rig.lvFile("vg", "a")), "nothing written");
            rig.ulvm("nbd", "--add", "vg/a").ok();
            NbdSteps.tool("nbdcopy", src.toString(), NbdSteps.uri(rig, "vg/a")).ok();
            assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(rig.lvFile("vg", "a")));
            refused(rig.ulvm("nbd", "--add", "vg/nope"), 5, "Logical volume vg/nope is not active: only active LVs are exported.");
            MountRig.Result both = rig.ulvm("nbd", "--add", "vg/a", "--remove", "vg/b");
            assertEquals(3, both.rc(), both::toString);
            assertEquals("  Options --add and --remove are incompatible.", both.errLines().get(0));
        }
    }

    /**
     * The --nbd options are checked before anything is mounted: one line, exit 3 for a bad command line (an address,
     * plain TCP without TLS nor --nbd-insecure), 5 for credentials that are not there.
     */
    @Test
    void badNbdOptionsMountNothing(@TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 1, 64 * MiB);
            String mnt = rig.mnt.toString();
            refused(rig.ulvm("mount", "--nbd", "tcp:127.0.0.1:10809", mnt), 3,
                    "Refusing plain TCP for --nbd tcp:127.0.0.1:10809: give --nbd-tls-creds DIR, or --nbd-insecure to allow it.");
            refused(rig.ulvm("mount", "--nbd", "10809", mnt), 3, "Invalid argument for --nbd: 10809 (unix:PATH or tcp:ADDR:PORT)");
            refused(rig.ulvm("mount", "--nbd", "tcp:127.0.0.1:99999", "--nbd-insecure", mnt), 3,
                    "Invalid argument for --nbd: tcp:127.0.0.1:99999 (tcp:ADDR:PORT, PORT 1-65535)");
            refused(rig.ulvm("mount", "--nbd-insecure", mnt), 3, "Option --nbd-insecure requires --nbd.");
            refused(rig.ulvm("mount", "--nbd", "tcp:127.0.0.1:10809", "--nbd-tls-creds", tmp.resolve("nope").toString(), mnt), 5,
                    "NBD TLS credentials directory " + tmp.resolve("nope") + " not found.");
            assertEquals(Optional.empty(), MountRig.fsType(rig.mnt));
            assertTrue(Files.notExists(rig.runDir().resolve("ulvmd.pid")));
            try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                MountRig.Result r = rig.ulvm("mount", "--nbd", "tcp:127.0.0.1:" + busy.getLocalPort(), "--nbd-insecure", mnt);
                assertEquals(5, r.rc(), r::toString);
                assertEquals(1, r.errLines().size(), r::toString);
                assertTrue(r.errLines().get(0).startsWith("  The mount failed: "), r::toString);
            }
            assertEquals(Optional.empty(), MountRig.fsType(rig.mnt), "a server that cannot listen mounts nothing");
            rig.mount();
            refused(rig.ulvm("nbd"), 5, "The running mount serves no NBD: mount with --nbd unix:PATH or --nbd tcp:ADDR:PORT.");
        }
    }

    private static void refused(MountRig.Result r, int rc, String line) {
        assertEquals(rc, r.rc(), r::toString);
        assertEquals("  " + line, r.errLines().get(0), r::toString);
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
