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
}
