package ulvm.fuse.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.fuse.VolumeTree;
import ulvm.io.BlockDevice;
import ulvm.io.FileBlockDevice;
import ulvm.live.LiveVolume;
import ulvm.mapping.LvTable;
import ulvm.mapping.StripedTarget;
import ulvm.mapping.Target;
import ulvm.nbd.Export;
import ulvm.nbd.Export.Extent;

/** The mount's active LVs as NBD exports: names, --remove/--add, read-only, opens counted as uses, base:allocation. */
class LiveExportsTest {
    private static final long MiB = 1 << 20;
    @TempDir Path dir;

    /** An LV of {@code size} over a sparse image, linear from 1 MiB in; data written at {@code dataAt} (LV offsets). */
    private LiveVolume lv(String name, long size, boolean ro, long... dataAt) throws IOException {
        Path f = dir.resolve(name + ".img");
        FileBlockDevice d = FileBlockDevice.open(Files.createFile(f), true);
        d.writeFully(MiB + size - 1, ByteBuffer.wrap(new byte[1]));
        for (long at : dataAt) d.writeFully(MiB + at, ByteBuffer.wrap(new byte[] {7}));
        return new LiveVolume(new LvTable(new long[] {0}, new Target[] {new StripedTarget(new BlockDevice[] {d}, new long[] {MiB}, 0)}, size), ro);
    }

    @Test
    void everyActiveLvIsExportedAndRemoveHidesOne() throws IOException {
        VolumeTree tree = new VolumeTree();
        tree.put("vg", "lv1", lv("a", 4 * MiB, false));
        tree.put("vg", "lv1_rimage_1", lv("b", 4 * MiB, true));
        tree.put("vg2", "data", lv("c", 4 * MiB, false));
        LiveExports e = new LiveExports(tree);
        assertEquals(List.of("vg/lv1", "vg/lv1_rimage_1", "vg2/data"), e.names());
        assertTrue(e.readOnly("vg/lv1_rimage_1"), "a tracked split image is read-only");
        assertFalse(e.readOnly("vg/lv1"));
        e.remove("vg2/data");
        assertEquals(List.of("vg/lv1", "vg/lv1_rimage_1"), e.names());
        assertNull(e.open("vg2/data"), "hidden: no new client");
        assertNull(e.open("vg/nope"));
        assertNull(e.open("vg"));
        e.add("vg2/data", true);
        assertEquals(List.of("vg/lv1", "vg/lv1_rimage_1", "vg2/data"), e.names());
        try (Export x = e.open("vg2/data")) {
            assertTrue(x.readOnly());
            assertTrue(x.volume().readOnly());
            assertThrows(IOException.class, () -> x.volume().write(0, ByteBuffer.allocate(512)));
            assertThrows(IOException.class, () -> x.volume().discard(0, 4096));
        }
        e.add("vg2/data", false);
        try (Export x = e.open("vg2/data")) {
            assertFalse(x.readOnly());
            x.volume().write(0, ByteBuffer.wrap(new byte[] {1}));
        }
    }

    @Test
    void anOpenExportIsAUseOfItsLvUntilClosed() throws IOException {
        VolumeTree tree = new VolumeTree();
        tree.put("vg", "lv1", lv("a", 4 * MiB, false));
        LiveExports e = new LiveExports(tree);
        assertFalse(e.isOpen("vg", "lv1"));
        Export x = e.open("vg/lv1"), y = e.open("vg/lv1");
        assertTrue(e.isOpen("vg", "lv1"));
        assertEquals(2, e.clients("vg/lv1"));
        x.close();
        x.close(); // twice: counted once
        assertEquals(1, e.clients("vg/lv1"));
        y.close();
        assertFalse(e.isOpen("vg", "lv1"));
        assertFalse(e.isOpen("vg", "other"));
    }

    @Test
    void baseAllocationReportsTheImagesHolesAsHoleAndZero() throws IOException {
        VolumeTree tree = new VolumeTree();
        tree.put("vg", "lv1", lv("a", 4 * MiB, false, 2 * MiB));
        try (Export x = new LiveExports(tree).open("vg/lv1")) {
            int hz = Export.HOLE | Export.ZERO;
            assertEquals(List.of(new Extent(2 * MiB, hz), new Extent(4096, 0), new Extent(2 * MiB - 8192, hz), new Extent(4096, 0)),
                    x.allocation(0, 4 * MiB), "the image's last block holds its size");
            assertEquals(List.of(new Extent(MiB, hz)), x.allocation(MiB, MiB));
            assertEquals(List.of(new Extent(4096, 0), new Extent(4096, hz)), x.allocation(2 * MiB, 8192));
            x.volume().discard(2 * MiB, 4096);
            assertEquals(List.of(new Extent(MiB, hz)), x.allocation(2 * MiB - 4096, MiB), "discarded: a hole again");
            assertEquals(List.of(), x.dirtyBitmaps(), "no tracked split image");
        }
    }
}
