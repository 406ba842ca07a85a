package ulvm.fuse.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What LVM2's suspend with lockfs does to a mounted file system: fsfreeze around a change of the LV's mapping, so a
 * snapshot taken then is clean (its journal flushed) and mounts read-only.
 */
final class FsFreeze {
    private FsFreeze() {}

    /** Where the block device is mounted (the first mount of it in /proc/self/mountinfo), or null. */
    static String mountPointOf(String device) {
        String majMin;
        try {
            majMin = Files.readString(Path.of("/sys/block", Path.of(device).getFileName().toString(), "dev")).trim();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4 && f[2].equals(majMin)) return unescape(f[4]);
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** fsfreeze -f (true when frozen). */
    static boolean freeze(String mountPoint) { return fsfreeze("-f", mountPoint); }

    static void thaw(String mountPoint) { fsfreeze("-u", mountPoint); }

    private static boolean fsfreeze(String op, String mountPoint) {
        try {
            Process p = new ProcessBuilder("fsfreeze", op, mountPoint).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            if (p.isAlive() || p.exitValue() != 0) {
                System.err.println("ulvm daemon: dev-links: fsfreeze " + op + " " + mountPoint + " failed: " + out);
                return false;
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** mountinfo's octal escapes (\040 for a space). */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else b.append(c);
        }
        return b.toString();
    }
}
