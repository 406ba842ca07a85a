package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** Helpers of the online pvmove tests: is a move recorded, wait for its end, the real LVM2 check. */
final class PvMoves {
    private PvMoves() {}

    static final long MiB = 1L << 20;

    /** True while VG {@code vg} records a pvmove LV. */
    static boolean moving(MountRig rig, String vg) {
        return rig.ulvm("lvs", "-a", "--noheadings", "-o", "lv_name", vg).ok().out().contains("pvmove");
    }

    /** Extents the committed metadata records as moved (the sum of extents_moved), or -1 when no move is recorded. */
    static long movedExtents(MountRig rig, String vg) {
        java.nio.file.Path f = rig.dir.resolve("backup-" + System.nanoTime());
        rig.ulvm("vgcfgbackup", "-f", f.toString(), vg).ok();
        try {
            String text = java.nio.file.Files.readString(f);
            java.nio.file.Files.delete(f);
            if (!text.contains("PVMOVE")) return -1;
            long n = 0;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("extents_moved = ([0-9]+)").matcher(text);
            while (m.find()) n += Long.parseLong(m.group(1));
            return n;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void waitDone(MountRig rig, String vg, long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (moving(rig, vg)) {
            assertTrue(System.currentTimeMillis() < end, () -> "the move did not finish in " + timeoutMs + " ms\n" + rig.daemonLog());
            MountRig.sleep(100);
        }
    }

    /** Waits until a checkpoint is committed (copy_percent above 0). */
    static void waitStarted(MountRig rig, String vg, long timeoutMs) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (movedExtents(rig, vg) <= 0) {
            assertTrue(System.currentTimeMillis() < end, () -> "no checkpoint in " + timeoutMs + " ms\n" + rig.daemonLog());
            MountRig.sleep(50);
        }
    }

    /** Real LVM2's vgck on the images: no complaint. */
    static void vgckClean(MountRig rig, String vg) {
        ulvm.e2e.RealLvm.Result r = ulvm.e2e.RealLvm.run(rig.images, "vgck", vg);
        assertEquals(0, r.rc(), () -> "real vgck: " + r);
        assertEquals("", r.warnings(), () -> "real vgck warns: " + r);
    }
}
