package ulvm.e2e;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What an end-to-end test needs from the machine (root, /dev/fuse, a tool). Without it the test is skipped on a
 * developer's machine; with {@code CI=true} in the environment it fails instead, naming what was missing, so a run
 * that lost an install step cannot pass on skipped tests.
 */
public final class Needs {
    private Needs() {}

    public static boolean ci() { return "true".equalsIgnoreCase(System.getenv("CI")); }

    /** Goes on when {@code present}; else skips, or under CI fails with {@code missing}. */
    public static void that(boolean present, String missing) {
        if (present) return;
        if (ci()) Assertions.fail("CI=true, and this test cannot run here: " + missing + " (run scripts/install-deps.sh as root)");
        Assumptions.abort(missing);
    }

    /** Real LVM2's tools. */
    public static void lvm2() { that(RealLvm.installed(), "real LVM2 (vgck) is not installed"); }

    /** For a test whose check by real LVM2 is a part it may leave out: whether LVM2 is there (under CI it must be). */
    public static boolean lvm2Part() {
        boolean ok = RealLvm.installed();
        if (!ok && ci()) that(false, "real LVM2 (vgck) is not installed");
        return ok;
    }
}
