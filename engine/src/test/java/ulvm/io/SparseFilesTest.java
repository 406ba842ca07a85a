package ulvm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.mapping.LvTable;
import ulvm.mapping.StripedTarget;
import ulvm.mapping.Target;

/** Where an image file holds data and holes (SEEK_DATA/SEEK_HOLE), and how an LV's table maps them (base:allocation). */
class SparseFilesTest {
    private static final long MiB = 1 << 20;
    @TempDir Path dir;

    private Path sparse(long size, long... dataAt) throws IOException {
        Path f = dir.resolve("pv" + System.nanoTime() + ".img");
        try (FileBlockDevice d = FileBlockDevice.open(Files.createFile(f), true)) {
            d.writeFully(size - 1, ByteBuffer.wrap(new byte[1])); // the size; the last block is data
            for (long at : dataAt) d.writeFully(at, ByteBuffer.wrap(new byte[] {1}));
        }
        return f;
    }

    @Test
    void holesDataAndThePastTheEndOfAFile() throws IOException {
        Path f = sparse(4 * MiB, MiB);
        assertEquals(Allocation.hole(MiB), SparseFiles.allocation(f, 0, 4 * MiB));
        assertEquals(Allocation.hole(4096), SparseFiles.allocation(f, 0, 4096), "at most len");
        assertEquals(Allocation.data(4096), SparseFiles.allocation(f, MiB, 4 * MiB), "one block written");
        assertEquals(Allocation.hole(3 * MiB - 4096 - 4096), SparseFiles.allocation(f, MiB + 4096, 4 * MiB));
        assertEquals(Allocation.hole(MiB), SparseFiles.allocation(f, 8 * MiB, MiB), "past the end: a hole");
        try (FileBlockDevice d = FileBlockDevice.open(f, true)) {
            d.writeFully(2 * MiB, ByteBuffer.wrap(new byte[8192]));
            assertEquals(Allocation.data(8192), d.allocation(2 * MiB, MiB), "written zeros are data");
            d.discard(2 * MiB, 8192);
            assertEquals(Allocation.hole(3 * MiB - 8192), d.allocation(MiB + 4096, 4 * MiB), "punched again");
        }
    }

    @Test
    void aLinearAndAStripedTableMapTheImagesHoles() throws IOException {
        Path a = sparse(8 * MiB, 2 * MiB + 4096), b = sparse(8 * MiB);
        try (FileBlockDevice da = FileBlockDevice.open(a, false); FileBlockDevice db = FileBlockDevice.open(b, false)) {
            // a linear segment from 1 MiB of image a, then a striped one (64 KiB chunks) over a and b from 4 MiB
            LvTable t = new LvTable(new long[] {0, 2 * MiB},
                    new Target[] {new StripedTarget(new BlockDevice[] {da}, new long[] {MiB}, 0),
                            new StripedTarget(new BlockDevice[] {da, db}, new long[] {4 * MiB, 4 * MiB}, 64 * 1024)}, 4 * MiB);
            assertEquals(Allocation.hole(MiB + 4096), t.allocation(0, 4 * MiB));
            assertEquals(Allocation.data(4096), t.allocation(MiB + 4096, 4 * MiB));
            assertEquals(Allocation.hole(MiB - 8192), t.allocation(MiB + 8192, 4 * MiB), "up to the segment's end");
            assertEquals(Allocation.hole(64 * 1024), t.allocation(2 * MiB, 4 * MiB), "up to the stripe chunk's end");
        }
    }
}
