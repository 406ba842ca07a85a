package ulvm.fuse.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What /proc/self/mountinfo says about a mount point. */
final class Mounts {
    private Mounts() {}

    /** The file system type mounted exactly at {@code dir} (e.g. "fuse.ulvm"), if any. */
    static Optional<String> typeAt(Path dir) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                int dash = java.util.Arrays.asList(f).indexOf("-");
                if (f.length > 4 && dash > 0 && unescape(f[4]).equals(dir.toString())) return Optional.of(f[dash + 1]);
            }
        } catch (IOException ignored) { }
        return Optional.empty();
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    /** True when nothing serves the mount any more (stat fails: "Transport endpoint is not connected"). */
    static boolean dead(Path dir) {
        try {
            Files.readAttributes(dir, java.nio.file.attribute.BasicFileAttributes.class);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Unmounts a live mount (umount, else fusermount -u); fails with umount's words when it is busy. */
    static void unmount(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() == 0) return;
        p = new ProcessBuilder("fusermount", "-u", dir.toString()).redirectErrorStream(true).start();
        String out2 = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) throw new IOException(out.isEmpty() ? out2 : out);
    }

    /** Lazily unmounts a dead FUSE mount left by a killed daemon. */
    static void clearStale(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("umount", "-l", dir.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            p = new ProcessBuilder("fusermount", "-uz", dir.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        }
    }
}
