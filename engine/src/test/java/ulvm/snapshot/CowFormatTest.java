package ulvm.snapshot;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class CowFormatTest {
    static final int CHUNK = 8; // sectors: 4 KiB, 256 records per area

    static CowFormat.Reader over(byte[] img) {
        return (off, dst) -> dst.put(img, (int) off, dst.remaining());
    }

    @Test
    void aNewStoreIsEmptyAndStartsAfterTheFirstArea() throws IOException {
        byte[] img = new byte[64 * 4096];
        CowFormat.Contents c = CowFormat.read(over(img), img.length / 512, CHUNK);
        assertTrue(c.header().isSnap());
        assertEquals(0, c.exceptions().size());
        assertEquals(2, c.nextFree());
        SnapshotStatus s = c.status(img.length / 512, false);
        assertEquals(16, s.allocatedSectors());
        assertEquals(16, s.metadataSectors());
        assertEquals(0.0, s.percent(), "LVM2 shows 0.00 while only metadata is used");
    }

    @Test
    void recordsAreReadUntilTheFirstZeroAndTheNextAreaIsSkipped() throws IOException {
        long perArea = CowFormat.exceptionsPerArea(CHUNK);
        assertEquals(256, perArea);
        byte[] img = new byte[600 * 4096];
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        b.put(CowFormat.Header.fresh(CHUNK).encode());
        long next = CowFormat.firstFreeChunk();
        for (int i = 0; i < perArea; i++) { // fill area 0 completely
            b.putLong(4096 + i * 16, 1000 + i).putLong(4096 + i * 16 + 8, next);
            next = CowFormat.nextFree(next, CHUNK);
        }
        assertEquals(CowFormat.areaChunk(1, CHUNK) + 1, next, "area 1's chunk is skipped");
        long area1 = CowFormat.areaChunk(1, CHUNK) * 4096;
        b.putLong((int) area1, 7).putLong((int) area1 + 8, next);
        CowFormat.Contents c = CowFormat.read(over(img), img.length / 512, CHUNK);
        assertEquals(perArea + 1, c.exceptions().size());
        assertEquals(new CowFormat.Exception(7, next), c.exceptions().get((int) perArea));
        assertEquals(next + 1, c.nextFree());
        assertEquals(1, c.currentArea());
        assertFalse(CowFormat.hasRoom(600, CHUNK, img.length / 512));
        assertTrue(CowFormat.hasRoom(599, CHUNK, img.length / 512));
    }

    @Test
    void invalidatedAndForeignStores() throws IOException {
        byte[] img = new byte[16 * 4096];
        ByteBuffer.wrap(img).put(new CowFormat.Header(CowFormat.MAGIC, false, 1, CHUNK).encode());
        CowFormat.Contents c = CowFormat.read(over(img), img.length / 512, CHUNK);
        assertFalse(c.header().valid());
        assertEquals(100.0, c.status(img.length / 512, false).percent());
        img[0] = 'X';
        assertThrows(IOException.class, () -> CowFormat.read(over(img), img.length / 512, CHUNK));
    }
}
