package ulvm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A discard on a PV image file: whole 4 KiB blocks become a hole, the partial edges are zeroed, the rest is kept. */
class FileDiscardTest {
    @TempDir Path dir;

    @Test
    void wholeBlocksArePunchedAndTheEdgesZeroed() throws IOException {
        Path f = dir.resolve("pv.img");
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        Files.write(f, data);
        long before = allocatedBlocks(f);
        long from = 3 * 4096 + 100, len = 200 * 4096;
        try (FileBlockDevice d = FileBlockDevice.open(f, true)) {
            d.discard(from, len);
            d.flush();
        }
        byte[] expected = data.clone();
        Arrays.fill(expected, (int) from, (int) (from + len), (byte) 0);
        assertArrayEquals(expected, Files.readAllBytes(f));
        // 199 whole blocks lie inside the range (the two partial ones stay allocated), in 512-byte units
        assertEquals(before - 199 * 8, allocatedBlocks(f), "the image gives the whole blocks back");
        assertEquals(data.length, Files.size(f), "the size is kept");
    }

    @Test
    void aRangeWithinOneBlockIsWrittenAsZeros() throws IOException {
        Path f = dir.resolve("small.img");
        byte[] data = new byte[16384];
        new Random(8).nextBytes(data);
        Files.write(f, data);
        try (FileBlockDevice d = FileBlockDevice.open(f, true)) {
            d.discard(4100, 3000);
        }
        byte[] expected = data.clone();
        Arrays.fill(expected, 4100, 7100, (byte) 0);
        assertArrayEquals(expected, Files.readAllBytes(f));
    }

    @Test
    void aReadOnlyImageRefuses() throws IOException {
        Path f = dir.resolve("ro.img");
        Files.write(f, new byte[8192]);
        try (FileBlockDevice d = FileBlockDevice.open(f, false)) {
            assertThrows(IOException.class, () -> d.discard(0, 8192));
        }
    }

    /** st_blocks (512-byte units) as stat(1) reports it. */
    static long allocatedBlocks(Path f) throws IOException {
        Process p = new ProcessBuilder("stat", "-c", "%b", f.toString()).start();
        try {
            String out = new String(p.getInputStream().readAllBytes()).trim();
            assertEquals(0, p.waitFor());
            return Long.parseLong(out);
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }
}
