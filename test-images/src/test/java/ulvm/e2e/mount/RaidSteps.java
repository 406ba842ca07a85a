package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Raid1 steps for the mount tests, on a {@link MountRig}: split with tracking and merge as LVM2 records them (the
 * real lvconvert commands run by the live daemon); the daemon log; and the byte-for-byte comparison of rimage extents in the PV image files.
 */
final class RaidSteps {
    private RaidSteps() {}

    /** {@code lvconvert --splitmirrors 1 --trackchanges -y VG/LV}: the highest image ({@code image}) is split off. */
    static void splitTracked(MountRig rig, String vg, String image) {
        String lv = image.substring(0, image.indexOf("_rimage_"));
        rig.ulvm("lvconvert", "--splitmirrors", "1", "--trackchanges", "-y", vg + "/" + lv).ok();
        assertTrue(rig.lvs(vg + "/" + image, "lv_attr").get(0).startsWith("Iri"), "split off: " + image);
    }

    /** {@code lvconvert --merge VG/IMAGE}; {@code rateKiB} > 0 first sets {@code lvchange --maxrecoveryrate}. */
    static void merge(MountRig rig, String vg, String image, long rateKiB) {
        String lv = image.substring(0, image.indexOf("_rimage_"));
        if (rateKiB > 0) rig.ulvm("lvchange", "--maxrecoveryrate", rateKiB + "k", vg + "/" + lv).ok();
        rig.ulvm("lvconvert", "--merge", vg + "/" + image).ok();
    }

    /** Waits until the daemon log holds {@code line}. */
    static void awaitLog(MountRig rig, String line, long seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (!rig.daemonLog().contains(line)) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("no \"" + line + "\" in the daemon log:\n" + rig.daemonLog());
            MountRig.sleep(50);
        }
    }

    /** Cpy%Sync of a raid LV as ulvm lvs prints it. */
    static double copyPercent(MountRig rig, String vg, String lv) {
        String v = rig.lvs(vg + "/" + lv, "copy_percent").get(0);
        return Double.parseDouble(v);
    }

    /** Where an LV's single linear segment starts in its PV image: the image path and byte offset. */
    record Extent(Path image, long offset) {}

    static Extent extentOf(MountRig rig, String vg, String lv) {
        String dev = rig.ulvm("lvs", "-a", "--noheadings", "-o", "devices", vg + "/" + lv).ok().out().trim();
        Path img = Path.of(dev.substring(0, dev.indexOf('(')));
        long pe = Long.parseLong(dev.substring(dev.indexOf('(') + 1, dev.indexOf(')')));
        long extent = Long.parseLong(rig.ulvm("vgs", "--noheadings", "--units", "b", "--nosuffix", "-o", "vg_extent_size", vg).ok().out().trim());
        long peStart = -1;
        for (String l : rig.ulvm("pvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "pv_name,pe_start").ok().out().lines().toList()) {
            String[] f = l.trim().split("\\s+");
            if (f.length == 2 && Path.of(f[0]).equals(img)) peStart = Long.parseLong(f[1]);
        }
        assertTrue(peStart >= 0, "no pe_start for " + img);
        return new Extent(img, peStart + pe * extent);
    }

    /** Offsets (in the LV) of the first differing 4 KiB blocks of two rimage LVs, comparing {@code bytes}. */
    static String firstDifference(MountRig rig, String vg, String a, String b, long bytes) throws IOException {
        Extent ea = extentOf(rig, vg, a);
        Extent eb = extentOf(rig, vg, b);
        try (FileChannel ca = FileChannel.open(ea.image(), StandardOpenOption.READ);
             FileChannel cb = FileChannel.open(eb.image(), StandardOpenOption.READ)) {
            int chunk = 1 << 20;
            ByteBuffer x = ByteBuffer.allocate(chunk);
            ByteBuffer y = ByteBuffer.allocate(chunk);
            for (long off = 0; off < bytes; off += chunk) {
                x.clear();
                y.clear();
                readFully(ca, x, ea.offset() + off);
                readFully(cb, y, eb.offset() + off);
                if (!Arrays.equals(x.array(), y.array())) return "first difference in the MiB at " + off;
            }
        }
        return null;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) break;
            pos += n;
        }
    }

    static void writeSynced(Path file, long offset, byte[] data) throws IOException { write(file, offset, data, true); }

    /** Written, not fsynced (it may sit in the page cache). */
    static void write(Path file, long offset, byte[] data) throws IOException { write(file, offset, data, false); }

    private static void write(Path file, long offset, byte[] data, boolean force) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) ch.write(b, offset + b.position());
            if (force) ch.force(true);
        }
    }

    static byte[] readAt(Path file, long offset, int len) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(len);
            readFully(ch, b, offset);
            return b.array();
        }
    }

    /** Real LVM2 reads the same images: vgck clean, and {@code lvs -a -o FIELDS} equal to ulvm's (real LVM2 sees them inactive). */
    static void sameLayoutAsRealLvm(MountRig rig, String vg, String fields) {
        ulvm.e2e.RealLvm.Result real = ulvm.e2e.RealLvm.run(rig.images, "lvs", "-a", "--noheadings", "-o", fields, vg);
        org.junit.jupiter.api.Assertions.assertEquals(0, real.rc(), () -> "real lvs: " + real);
        java.util.List<String> ours = rig.ulvm("lvs", "-a", "--noheadings", "-o", fields, vg).ok().out().lines()
                .map(l -> l.trim().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
        org.junit.jupiter.api.Assertions.assertEquals(ours,
                real.out().lines().map(l -> l.trim().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList());
        ulvm.e2e.RealLvm.Result ck = ulvm.e2e.RealLvm.run(rig.images, "vgck", vg);
        org.junit.jupiter.api.Assertions.assertEquals(0, ck.rc(), () -> "real vgck: " + ck);
    }

    /** Waits (60 s at most) for Cpy%Sync 100.00 of VG/LV. */
    static void awaitInSync(MountRig rig, String vgLv) {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!rig.lvs(vgLv, "copy_percent").equals(java.util.List.of("100.00"))) {
            assertTrue(System.nanoTime() < end, "no 100.00 Cpy%Sync within 60 s: " + rig.lvs(vgLv, "copy_percent"));
            MountRig.sleep(100);
        }
    }

    static byte[] random(long seed, int len) {
        byte[] b = new byte[len];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    /** A sparse file of {@code bytes}. */
    static Path sparse(Path p, long bytes) throws Exception {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), bytes - 1);
        }
        return p;
    }

    /** Fills a small tmpfs to the last page: a sparse PV image on it cannot grow (its leg's next new write fails). */
    static void fill(Path small) {
        MountRig.sh("sh", "-c", "dd if=/dev/zero of=" + small + "/fill bs=1M 2>/dev/null; dd if=/dev/zero of=" + small
                + "/fill2 bs=4k 2>/dev/null; sync");
        assertTrue(MountRig.sh("df", "--output=avail", small.toString()).out().contains(" 0"), "tmpfs full");
    }
}
