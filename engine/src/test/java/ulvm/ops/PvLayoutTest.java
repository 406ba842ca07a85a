package ulvm.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.api.LvmException;
import ulvm.format.DiskArea;

/** pvcreate's layouts, each as real LVM2 2.03.16's pvcreate wrote it on a file of that size (pvck --dump headers). */
class PvLayoutTest {
    static final long M = 1 << 20, K = 1024;

    @Test
    void defaultOneArea() throws LvmException {
        PvLayout l = PvLayout.of("d", 64 * M, 0, 0, 0, 0, 1);
        assertEquals(List.of(new DiskArea(4096, 1044480)), l.mdas());
        assertEquals(M, l.peStart());
        assertEquals(null, l.bootloader());
    }

    @Test
    void secondAreaAtTheEndAlignedDown() throws LvmException {
        // pvcreate --metadatacopies 2 on 64 MiB: mda2 {66060288, 1048576}; on 100 MiB with a 1 MiB bootloader area
        assertEquals(List.of(new DiskArea(4096, 1044480), new DiskArea(66060288, M)), PvLayout.of("d", 64 * M, 0, 0, 0, 0, 2).mdas());
        PvLayout b = PvLayout.of("d", 100 * M, 0, 0, M, 0, 2);
        assertEquals(List.of(new DiskArea(4096, 1044480), new DiskArea(103809024, M)), b.mdas());
        assertEquals(new DiskArea(M, M), b.bootloader());
        assertEquals(2 * M, b.peStart());
    }

    @Test
    void smallAreasAndAlignment() throws LvmException {
        // --metadatasize 60k --dataalignment 64k --metadatacopies 2: data at 64 KiB, not 128 KiB
        PvLayout l = PvLayout.of("d", 64 * M, 60 * K, 64 * K, 0, 0, 2);
        assertEquals(List.of(new DiskArea(4096, 61440), new DiskArea(67043328, 65536)), l.mdas());
        assertEquals(64 * K, l.peStart());
        // --pvmetadatacopies 2 --metadatasize 32k --dataalignment 64k --bootloaderareasize 256k (docs/format.md)
        PvLayout b = PvLayout.of("d", 64 * M, 32 * K, 64 * K, 256 * K, 0, 2);
        assertEquals(new DiskArea(65536, 262144), b.bootloader());
        assertEquals(327680, b.peStart());
        assertEquals(List.of(new DiskArea(4096, 61440), new DiskArea(67043328, 65536)), b.mdas());
    }

    @Test
    void noAreasAndWholeDeviceBootloader() throws LvmException {
        PvLayout none = PvLayout.of("d", 64 * M, 0, 0, 0, 0, 0);
        assertEquals(List.of(), none.mdas());
        assertEquals(M, none.peStart());
        PvLayout ba = PvLayout.of("d", 64 * M, 0, 0, 63 * M, 0, 1); // the data area ends up empty, as LVM2's
        assertEquals(64 * M, ba.peStart());
        assertEquals(new DiskArea(M, 63 * M), ba.bootloader());
        LvmException e = assertThrows(LvmException.class, () -> PvLayout.of("d", 64 * M, 0, 0, 70 * M, 0, 1));
        assertEquals("d: Bootloader area with data-aligned start must not exceed device size.", e.getMessage());
    }
}
