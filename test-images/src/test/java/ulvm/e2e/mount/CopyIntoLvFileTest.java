package ulvm.e2e.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static ulvm.e2e.mount.LvFileSteps.MiB;
import static ulvm.e2e.mount.LvFileSteps.assertSameBytes;
import static ulvm.e2e.mount.LvFileSteps.bytes;
import static ulvm.e2e.mount.LvFileSteps.randomFile;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LV files take what is written into a block device: shell redirection, cp, dd without conv=notrunc and qemu-img
 * convert (each opens with O_TRUNC or truncates, which changes nothing) fill the LV, on each layout, and the LV keeps
 * its size. A sparse source needs a copy that writes its zeros (cp --sparse=never, qemu-img convert -n): a plain cp or
 * qemu-img convert takes the destination for a freshly truncated file and skips them.
 */
class CopyIntoLvFileTest {
    private static final long SIZE = 24 * MiB;

    @BeforeAll
    static void fuse() { MountRig.assumeRootWithFuse(); }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "striped", "raid1"})
    void redirectionCpDdAndQemuImgFillTheLv(String kind, @TempDir Path tmp) throws Exception {
        try (MountRig rig = new MountRig(tmp)) {
            rig.vg("vg", 2, 64 * MiB);
            LvFileSteps.create(rig, "vg", "lv", kind, SIZE);
            rig.mount();
            String f = rig.lvFile("vg", "lv").toString();

            Path a = randomFile(tmp.resolve("a.raw"), 1, SIZE);
            MountRig.sh("sh", "-c", "cat " + a + " > " + f).ok();
            assertSameBytes(bytes(a), Path.of(f), "cat > LV");

            Path b = randomFile(tmp.resolve("b.raw"), 2, SIZE);
            MountRig.sh("cp", b.toString(), f).ok();
            assertSameBytes(bytes(b), Path.of(f), "cp");

            Path c = randomFile(tmp.resolve("c.raw"), 3, SIZE);
            MountRig.sh("dd", "if=" + c, "of=" + f, "bs=1M", "status=none").ok();
            assertSameBytes(bytes(c), Path.of(f), "dd without conv=notrunc");

            Path d = randomFile(tmp.resolve("d.raw"), 4, SIZE);
            Path qcow = tmp.resolve("d.qcow2");
            MountRig.sh("qemu-img", "convert", "-f", "raw", "-O", "qcow2", d.toString(), qcow.toString()).ok();
            MountRig.sh("qemu-img", "convert", "-O", "raw", qcow.toString(), f).ok();
            assertSameBytes(bytes(d), Path.of(f), "qemu-img convert -O raw");

            // a sparse source: 1 MiB of data at 5 MiB, zeros elsewhere (the LV holds d's random bytes)
            Path sparse = tmp.resolve("sparse.raw");
            MountRig.sh("truncate", "-s", Long.toString(SIZE), sparse.toString()).ok();
            MountRig.sh("dd", "if=" + a, "of=" + sparse, "bs=1M", "count=1", "seek=5", "conv=notrunc", "status=none").ok();
            MountRig.sh("cp", "--sparse=never", sparse.toString(), f).ok();
            assertSameBytes(bytes(sparse), Path.of(f), "cp --sparse=never of a sparse file");
            MountRig.sh("dd", "if=" + b, "of=" + f, "bs=1M", "status=none").ok();
            Path sparseQcow = tmp.resolve("sparse.qcow2");
            MountRig.sh("qemu-img", "convert", "-f", "raw", "-O", "qcow2", sparse.toString(), sparseQcow.toString()).ok();
            MountRig.sh("qemu-img", "convert", "-n", "-O", "raw", sparseQcow.toString(), f).ok();
            assertSameBytes(bytes(sparse), Path.of(f), "qemu-img convert -n of a sparse image (its zeros as discards)");

            MountRig.sh("truncate", "-s", "0", f).ok();
            MountRig.sh("truncate", "-s", "1G", f).ok();
            assertEquals(SIZE, Files.size(Path.of(f)), "only lvresize changes the size");
            assertEquals(SIZE + "B", rig.ulvm("lvs", "--noheadings", "--units", "b", "-o", "lv_size", "vg/lv").ok().out().trim());
            assertSameBytes(bytes(sparse), Path.of(f), "truncate changed nothing");
            if (kind.equals("raid1")) assertNull(RaidSteps.firstDifference(rig, "vg", "lv_rimage_0", "lv_rimage_1", SIZE));
        }
    }
}
