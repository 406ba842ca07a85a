package ulvm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

/** What ulvm must do with a hostile image: refuse in LVM2's words, exit code as LVM2's, no stack trace, write nothing. */
final class Refusals {
    static final String VG_NOT_FOUND = "Volume group \"vg\" not found";

    private Refusals() {}

    /** Runs a command: exit code as given, {@code line} on stderr, no trace of an exception, images unchanged. */
    static Ulvm.Result check(Ulvm u, List<Path> imgs, int rc, String line, String cmd, String... args) throws Exception {
        Path[] all = imgs.toArray(new Path[0]);
        String before = ImageSurgery.fingerprint(all);
        Ulvm.Result r = u.on(imgs, cmd, args);
        String what = "ulvm " + cmd + " " + String.join(" ", args) + "\n" + r;
        assertEquals(rc, r.rc(), what);
        if (line != null) assertTrue(r.err().contains(line), "expected <" + line + "> in\n" + what);
        for (String l : r.err().split("\n")) {
            assertFalse(l.contains("Exception") || l.contains("Internal error") || l.startsWith("\tat ") || l.contains("Error:"), what);
            assertTrue(l.length() < 400, "an over-long stderr line: " + what);
        }
        assertEquals(before, ImageSurgery.fingerprint(all), "nothing may be written to the images: " + what);
        return r;
    }

    /** The VG vg is gone for ulvm: read commands, a write command and a backup all refuse it, writing nothing. */
    static void refused(Ulvm u, List<Path> imgs, String line) throws Exception {
        check(u, imgs, 5, line, "vgs", "vg");
        check(u, imgs, 5, VG_NOT_FOUND, "vgck", "vg");
        check(u, imgs, 5, VG_NOT_FOUND, "lvcreate", "-l", "1", "-n", "extra", "vg");
        check(u, imgs, 5, VG_NOT_FOUND, "vgcfgbackup", "vg");
        check(u, imgs, 0, line, "pvs");
    }
}
