package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole path a user takes: ulvm mount, a loop device over the LV file, mkfs.ext4, a tree of files, everything
 * torn down (ext4, loop, ulvm umount), then mounted again and every file's checksum compared - on a linear LV and
 * on a striped LV.
 */
class Ext4OnLvFileTest {
    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "striped"})
    void filesSurviveUmountAndRemount(String kind, @TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            filesSurviveUmountAndRemount(rig, kind, tmp);
        }
    }

    /** The test on {@code rig} (its session chosen by the caller). */
    static void filesSurviveUmountAndRemount(MountRig rig, String kind, Path tmp) throws Exception {
        rig.vg("vg", 2, 128L << 20);
        if (kind.equals("linear")) rig.ulvm("lvcreate", "-L", "64M", "-n", "lv", "vg").ok();
        else rig.ulvm("lvcreate", "-i", "2", "-I", "64k", "-L", "64M", "-n", "lv", "vg").ok();
        filesSurviveUmountAndRemount(rig, tmp, new Random(kind.hashCode()));
    }

    /** The test on the 64 MiB LV vg/lv that {@code rig} already has. */
    static void filesSurviveUmountAndRemount(MountRig rig, Path tmp, Random rnd) throws Exception {
        rig.mount();
        Path file = rig.lvFile("vg", "lv");
        assertEquals(64L << 20, Files.size(file));

        String dev = rig.losetup(file);
        MountRig.sh("mkfs.ext4", "-q", "-F", dev).ok();
        Path fsDir = rig.mountExt4(dev, tmp.resolve("ext4"));
        SortedMap<String, String> written = writeTree(fsDir, rnd);
        MountRig.umountExt4(fsDir);
        rig.detach(dev);
        rig.umount();

        rig.mount();
        String again = rig.losetup(file);
        MountRig.Result fsck = MountRig.sh("fsck.ext4", "-fn", again);
        assertEquals(0, fsck.rc(), () -> "fsck after remount: " + fsck);
        rig.mountExt4(again, fsDir);
        assertEquals(written, checksums(fsDir), "every file's SHA-256 after remount");
    }

    /** About 5 MiB in 48 files over three levels of directories, sizes from 0 to 512 KiB and odd lengths. */
    private static SortedMap<String, String> writeTree(Path root, Random rnd) throws IOException {
        SortedMap<String, String> sums = new TreeMap<>();
        for (int i = 0; i < 48; i++) {
            Path d = root.resolve("d" + (i % 4)).resolve("e" + (i % 3));
            Files.createDirectories(d);
            int size = i == 0 ? 0 : rnd.nextInt(i % 5 == 0 ? 512 << 10 : 64 << 10) + (i % 7);
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            Path f = d.resolve("f" + i + ".bin");
            Files.write(f, data);
            sums.put(root.relativize(f).toString(), sha256(data));
        }
        return sums;
    }

    private static SortedMap<String, String> checksums(Path root) throws IOException {
        SortedMap<String, String> sums = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString();
                if (!rel.startsWith("lost+found")) sums.put(rel, sha256(Files.readAllBytes(f)));
            }
        }
        return sums;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
