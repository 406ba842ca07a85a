package ulvm.e2e.crash;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether real LVM2 can judge here: its vgck installed, and root for the loop devices. */
final class RealLvmGate {
    private static final boolean AVAILABLE = detect();

    private RealLvmGate() {}

    static boolean available() { return AVAILABLE; }

    private static boolean detect() {
        boolean vgck = Files.isExecutable(Path.of("/usr/sbin/vgck")) || Files.isExecutable(Path.of("/sbin/vgck"));
        return vgck && "root".equals(System.getProperty("user.name"));
    }
}
