package ulvm.e2e.crash;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether real LVM2 can judge here: its vgck installed, and root for the loop devices. */
final class RealLvmGate {
    private static final boolean AVAILABLE = detect();

    private RealLvmGate() {}

    /** Under CI=true a missing judge fails the trial instead of leaving it to ulvm's vgck alone. */
    static boolean available() {
        if (!AVAILABLE) ulvm.e2e.Needs.that(!ulvm.e2e.Needs.ci(), "real LVM2 (vgck) and root, the crash campaign's judge");
        return AVAILABLE;
    }

    private static boolean detect() {
        boolean vgck = Files.isExecutable(Path.of("/usr/sbin/vgck")) || Files.isExecutable(Path.of("/sbin/vgck"));
        return vgck && "root".equals(System.getProperty("user.name"));
    }
}
