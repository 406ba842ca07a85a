package ulvm.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulvm.io.FileBlockDevice;

class PvLabelTest {
    @TempDir Path dir;

    @Test
    void roundTripInEverySector() throws Exception {
        for (int sector = 0; sector < 4; sector++) {
            Path f = dir.resolve("pv" + sector);
            Files.write(f, new byte[8192]);
            PvLabel l = new PvLabel(sector, Uuid.generate(), 8192, List.of(new DiskArea(1 << 20, 0)),
                    List.of(new DiskArea(4096, 1044480), new DiskArea(1 << 30, 65536)), 2, 1, List.of(new DiskArea(65536, 262144)));
            try (FileBlockDevice d = FileBlockDevice.open(f, true)) {
                l.write(d);
                assertEquals(l, PvLabel.read(d).orElseThrow());
            }
        }
    }

    @Test
    void damagedChecksumIsReportedNotIgnored() throws Exception {
        Path f = dir.resolve("pv");
        Files.write(f, new byte[8192]);
        try (FileBlockDevice d = FileBlockDevice.open(f, true)) {
            PvLabel l = new PvLabel(1, Uuid.generate(), 8192, List.of(new DiskArea(1 << 20, 0)), List.of(new DiskArea(4096, 4096)), 2, 0, List.of());
            l.write(d);
            d.write(600, new byte[] {1});
            FormatException e = assertThrows(FormatException.class, () -> PvLabel.read(d));
            assertTrue(e.getMessage().contains("bad label checksum"), e.getMessage());
        }
    }

    @Test
    void noLabelOnZeros() throws Exception {
        Path f = dir.resolve("z");
        Files.write(f, new byte[4096]);
        try (FileBlockDevice d = FileBlockDevice.open(f, false)) {
            assertTrue(PvLabel.read(d).isEmpty());
        }
    }
}
