package ulvm.fuse.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loop devices whose backing file lies under a directory (read from /sys/block/loopN/loop/backing_file). */
public final class LoopDevices {
    /** {@code device} like /dev/loop3, {@code file} the LV file it is attached to. */
    public record Attached(String device, Path file) {}

    private LoopDevices() {}

    public static List<Attached> under(Path dir) {
        List<Attached> out = new ArrayList<>();
        Path sys = Path.of("/sys/block");
        if (!Files.isDirectory(sys)) return out;
        try (var s = Files.list(sys)) {
            for (Path b : s.filter(p -> p.getFileName().toString().startsWith("loop")).toList()) {
                Path f = b.resolve("loop").resolve("backing_file");
                if (!Files.exists(f)) continue;
                try {
                    String backing = Files.readString(f).trim();
                    if (backing.endsWith(" (deleted)")) backing = backing.substring(0, backing.length() - 10);
                    Path p = Path.of(backing);
                    if (p.startsWith(dir)) out.add(new Attached("/dev/" + b.getFileName(), p));
                } catch (IOException ignored) { }
            }
        } catch (IOException ignored) { }
        return out;
    }

    /**
     * Whether someone holds the loop device: mounted or claimed (an exclusive open fails), or open by a process
     * (a /proc/PID/fd link to it). A loop device nobody holds may be detached.
     */
    public static boolean busy(String device) {
        ulvm.fuse.LibC c = ulvm.fuse.LibC.get();
        int fd = c.open(device, ulvm.fuse.LibC.O_RDONLY_EXCL_CLOEXEC);
        if (fd < 0) return Files.exists(Path.of(device));
        c.close(fd);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try (var fds = Files.list(p.resolve("fd"))) {
                    for (Path f : fds.toList()) {
                        try {
                            if (Files.readSymbolicLink(f).toString().equals(device)) return true;
                        } catch (IOException ignored) { }
                    }
                } catch (IOException ignored) { }
            }
        } catch (IOException ignored) { }
        return false;
    }

    /** The loop device's size in bytes (/sys/block/loopN/size, in 512-byte sectors); -1 when unknown. */
    public static long sizeBytes(String device) {
        try {
            return Long.parseLong(Files.readString(Path.of("/sys/block", Path.of(device).getFileName().toString(), "size")).trim()) * 512;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the loop device is still attached to a file. */
    public static boolean attached(String device) {
        return Files.exists(Path.of("/sys/block", Path.of(device).getFileName().toString(), "loop", "backing_file"));
    }
}
