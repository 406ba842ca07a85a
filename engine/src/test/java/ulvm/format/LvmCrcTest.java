package ulvm.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LvmCrcTest {
    @Test
    void vectorsFromTheFormatSpec() {
        assertEquals(0xf597a6cf, LvmCrc.crc(new byte[0]));
        assertEquals(0x4991cf02, LvmCrc.crc("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0x02c81f10, LvmCrc.crc(new byte[492]));
    }

    @Test
    void freshMdaHeaderMatchesRealLvm() {
        byte[] h = MdaHeader.fresh(4096, 1044480).encode();
        assertEquals(0xdb8ed616, ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
    }

    @Test
    void realLabelSectorChecksum() {
        // pv1.img after vgcreate (docs/format.md §2)
        PvLabel l = new PvLabel(1, "vF8RL4otKY7hkB9Y24MBje80ddIVRxs9", 0x10000000L,
                java.util.List.of(new DiskArea(0x100000, 0)), java.util.List.of(new DiskArea(0x1000, 0xff000)), 2, 1, java.util.List.of());
        byte[] b = l.encode();
        assertEquals(0xf916b3a6, ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(16));
        assertEquals(0xf85f4648, ByteBuffer.wrap(l.withFlags(0).encode()).order(ByteOrder.LITTLE_ENDIAN).getInt(16));
    }
}
