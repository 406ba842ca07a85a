package ulvm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.api.LvmException;

/** Units and option errors; expected values are LVM2 2.03.16 output (lvm2-outputs.md section 3.1). */
class UnitsTest {
    static String u(String spec, boolean suffix, long sectors) throws LvmException { return Units.parse(spec, suffix).unit(sectors); }

    @Test
    void reportUnits() throws Exception {
        long lin = 131072; // 64 MiB
        assertEquals("67108864B", u("b", true, lin));
        assertEquals("65536.00k", u("k", true, lin));
        assertEquals("64.00m", u("m", true, lin));
        assertEquals("0.06g", u("g", true, lin));
        assertEquals("0.00t", u("t", true, lin));
        assertEquals("131072S", u("s", true, lin));
        assertEquals("64.00m", u("h", true, lin));
        assertEquals("67.11M", u("H", true, lin));
        assertEquals("67108.86K", u("K", true, lin));
        assertEquals("0.07G", u("G", true, lin));
        assertEquals("<67.11M", u("R", true, lin));
        assertEquals("33.55M", u("R", true, 65536));
        assertEquals("16384.00U", u("4k", true, lin));
        assertEquals("32.00U", u("2m", true, lin));
        assertEquals("67108864", u("b", false, lin));
        assertEquals("64.00m", u("h", false, lin));
        assertEquals("0 ", u("r", true, 0));
        assertEquals("<1.91g", Units.DEFAULT.unit(4003840));
        assertEquals("1.91g", u("h", true, 4003840));
        assertEquals("<1.91 GiB", Units.DEFAULT.shortForm(4003840));
        assertEquals("0   ", Units.DEFAULT.shortForm(0));
        assertEquals("4.00 KiB", Units.DEFAULT.shortForm(8));
    }

    @Test
    void invalidUnits() {
        LvmException e = assertThrows(LvmException.class, () -> Units.parse("x", true));
        assertEquals("Invalid units specification", e.getMessage());
        assertEquals(LvmException.INVALID, e.exitCode());
    }

    @Test
    void unknownFieldAndFormat() throws Exception {
        LvmException e = assertThrows(LvmException.class, () -> Reports.lvs(ReportsTest.s1(), List.of(), ReportsTest.o().columns("name,foo")));
        assertEquals("Unrecognised field: foo", e.getMessage());
        assertEquals(LvmException.FAILED, e.exitCode());
        e = assertThrows(LvmException.class, () -> Reports.lvs(ReportsTest.s1(), List.of(), ReportsTest.o().sort("bogus")));
        assertEquals("dm_report: Unrecognised field: bogus", e.getMessage());
        e = assertThrows(LvmException.class, () -> Reports.lvs(ReportsTest.s1(), List.of(), ReportsTest.o().columns("pv_name")));
        assertEquals("Can't report LV and PV fields at the same time in report type \"lv\".", e.getMessage());
        e = assertThrows(LvmException.class, () -> new ReportOptions().reportFormat("xml"));
        assertEquals("Invalid argument for --reportformat: xml", e.getMessage());
        assertEquals(LvmException.INVALID, e.exitCode());
        // "lvs --segments -o name" is refused by LVM2 too: the seg_ prefix does not make lv_name
        e = assertThrows(LvmException.class, () -> Reports.lvs(ReportsTest.s1(), List.of(), ReportsTest.o().segments(true).columns("name")));
        assertEquals("Unrecognised field: name", e.getMessage());
    }

    @Test
    void selectByName() throws Exception {
        assertEquals(List.of("  LV   LSize ", "  lin  64.00m", "  snap  8.00m"),
                Reports.lvs(ReportsTest.s1(), List.of("vgr/lin", "vgr/snap"), ReportsTest.o().columns("name,size")));
        assertEquals(List.of("  PV         PSize  ", "  /dev/loop5 252.00m"),
                Reports.pvs(ReportsTest.s1(), List.of("/dev/loop5"), ReportsTest.o().columns("name,size")));
        assertEquals(List.of("  \"vgr\" 804.00 MiB [184.00 MiB used / 620.00 MiB free]"), Displays.vgdisplayShort(ReportsTest.s1(), List.of(), ReportsTest.o()));
    }
}
