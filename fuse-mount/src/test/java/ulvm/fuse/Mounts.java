package ulvm.fuse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** findmnt / umount helpers for tests and benchmarks. */
final class Mounts {
    private Mounts() {}

    /** True when findmnt shows a FUSE file system mounted exactly at {@code dir}. */
    static boolean isFuseMount(Path dir) throws Exception {
        Process p = new ProcessBuilder("findmnt", "-n", "-o", "FSTYPE", "--mountpoint", dir.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        return p.exitValue() == 0 && out.startsWith("fuse");
    }

    /** Last-resort lazy unmount so a failed test leaves nothing mounted. */
    static void forceUnmount(Path dir) throws Exception {
        if (isFuseMount(dir)) {
            new ProcessBuilder("umount", "-l", dir.toAbsolutePath().toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
