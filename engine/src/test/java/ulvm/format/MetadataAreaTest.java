package ulvm.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.io.FileBlockDevice;

class MetadataAreaTest {
    @TempDir Path dir;

    @Test
    void nextOffsetFollowsLvmRule() {
        // observed on real LVM2 with a 61440-byte area (docs/format.md §3)
        MdaHeader h = MdaHeader.fresh(4096, 61440);
        assertEquals(512, MetadataArea.nextOffset(h));
        h = h.withCommitted(new RawLocn(51200, 5000, 0, 0));
        assertEquals(56320, MetadataArea.nextOffset(h));
        h = h.withCommitted(new RawLocn(56832, 5565, 0, 0)); // wrapped: 4608 at the end, 957 at 512
        assertEquals(1536, MetadataArea.nextOffset(h));
        h = h.withCommitted(new RawLocn(51200, 9735, 0, 0));
        assertEquals(512, MetadataArea.nextOffset(h));
    }

    @Test
    void manyVersionsWrapAndReadBack() throws Exception {
        Path f = dir.resolve("pv");
        Files.write(f, new byte[4096 + 61440]);
        Random r = new Random(7);
        try (FileBlockDevice d = FileBlockDevice.open(f, true)) {
            MetadataArea m = new MetadataArea(d, new DiskArea(4096, 61440));
            m.writeHeader(MdaHeader.fresh(4096, 61440));
            for (int i = 0; i < 200; i++) {
                StringBuilder sb = new StringBuilder("v" + i + " ");
                int n = 100 + r.nextInt(20000);
                while (sb.length() < n) sb.append((char) ('a' + r.nextInt(26)));
                byte[] t = (sb + "\0").getBytes(StandardCharsets.UTF_8);
                MdaHeader h = m.readHeader();
                RawLocn old = h.committed();
                String oldText = old.isEmpty() ? null : m.readText(h, old);
                RawLocn l = m.writeText(h, t);
                // the old committed copy must survive the new write (crash before commit)
                if (oldText != null) assertEquals(oldText, m.readText(m.readHeader(), old));
                m.writeHeader(h.withPrecommitted(l));
                m.writeHeader(h.withCommitted(l));
                assertEquals(sb.toString(), m.readText(m.readHeader(), m.readHeader().committed()));
            }
        }
    }

    @Test
    void tooLargeTextIsRefused() throws Exception {
        Path f = dir.resolve("pv");
        Files.write(f, new byte[4096 + 8192]);
        try (FileBlockDevice d = FileBlockDevice.open(f, true)) {
            MetadataArea m = new MetadataArea(d, new DiskArea(4096, 8192));
            m.writeHeader(MdaHeader.fresh(4096, 8192));
            assertThrows(FormatException.class, () -> m.writeText(m.readHeader(), new byte[8000]));
        }
    }
}
