package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps of the tests that use LV files as block devices: an LV of each layout, random files, the bytes of a file, and
 * the space the PV images take (du).
 */
final class LvFileSteps {
    private LvFileSteps() {}

    static final long MiB = 1L << 20;

    /** lvcreate of {@code vg/lv} as "linear", "striped" (2 stripes, 64 KiB) or "raid1" (2 images, --nosync). */
    static void create(MountRig rig, String vg, String lv, String kind, long bytes) {
        String size = (bytes / MiB) + "M";
        switch (kind) {
            case "linear" -> rig.ulvm("lvcreate", "-L", size, "-n", lv, vg).ok();
            case "striped" -> rig.ulvm("lvcreate", "-i", "2", "-I", "64k", "-L", size, "-n", lv, vg).ok();
            case "raid1" -> rig.ulvm("lvcreate", "--type", "raid1", "-m", "1", "--nosync", "-L", size, "-n", lv, vg).ok();
            default -> throw new IllegalArgumentException(kind);
        }
    }

    /** A file of {@code bytes} random bytes (no zero block in it). */
    static Path randomFile(Path f, long seed, long bytes) throws IOException {
        Files.write(f, RaidSteps.random(seed, (int) bytes));
        return f;
    }

    static byte[] bytes(Path f) throws IOException {
        return Files.readAllBytes(f);
    }

    static byte[] readAt(Path f, long off, int len) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(len);
            while (b.hasRemaining() && ch.read(b, off + b.position()) > 0) { }
            return b.array();
        }
    }

    /** {@code expected} with {@code [from, from + len)} zeroed. */
    static byte[] zeroed(byte[] expected, long from, long len) {
        byte[] b = expected.clone();
        java.util.Arrays.fill(b, (int) from, (int) (from + len), (byte) 0);
        return b;
    }

    static void assertSameBytes(byte[] expected, Path f, String what) throws IOException {
        byte[] got = bytes(f);
        assertEquals(expected.length, got.length, what + ": size");
        try {
            assertArrayEquals(expected, got, what);
        } catch (AssertionError e) {
            int i = 0;
            while (expected[i] == got[i]) i++;
            throw new AssertionError(what + ": first difference at byte " + i, e);
        }
    }

    /** KiB the PV images take on their file system, as du counts them (after sync). */
    static long du(MountRig rig) {
        MountRig.sh("sync").ok();
        List<String> c = new ArrayList<>(List.of("du", "-k", "-c"));
        for (Path p : rig.images) c.add(p.toString());
        List<String> lines = MountRig.sh(c.toArray(new String[0])).ok().out().lines().toList();
        return Long.parseLong(lines.get(lines.size() - 1).split("\\s+")[0]);
    }
}
