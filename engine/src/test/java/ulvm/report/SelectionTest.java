package ulvm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import ulvm.api.LvmException;

/**
 * -S over ReportsTest's VG (lin 64m, m1 8m, r1 8m, ro 4m read-only tagged t1 and t2, seg 32m, snap 8m of lin, str 32m): the grammar and
 * LVM2's error lines without real LVM2 (SelectCheckedByLvm2Test compares with it; test/shell/select-report.sh).
 */
class SelectionTest {
    private static List<String> lvs(String select) throws Exception {
        return Reports.lvs(ReportsTest.s1(), List.of(), ReportsTest.o().noHeadings(true).columns("lv_name").select(select))
                .stream().map(String::trim).toList();
    }

    @Test
    void comparisonsAndLogic() throws Exception {
        assertEquals(List.of("lin", "seg", "str"), lvs("lv_size>=32m"));
        assertEquals(List.of("lin", "seg", "str"), lvs("size > 8"));
        assertEquals(List.of("ro"), lvs("size<8388608b"));
        assertEquals(List.of("seg", "snap", "str"), lvs("lv_name=~^s"));
        assertEquals(List.of("lin", "m1", "r1", "ro"), lvs("!(lv_name=~\"^s\")"));
        assertEquals(List.of("m1", "ro", "seg"), lvs("lv_name=m1 || name='ro' # name=seg"));
        assertEquals(List.of("seg"), lvs("(lv_name=~^s, size=32m) && lv_name!=str"));
        assertEquals(List.of("snap"), lvs("origin=lin"));
        assertEquals(List.of("lin", "m1", "r1", "seg", "snap", "str"), lvs("lv_minor=undefined && lv_tags=[]"));
        assertEquals(List.of("ro"), lvs("lv_tags=[t2,t1]"));
        assertEquals(List.of("ro"), lvs("lv_tags={t2 || t9}"));
        assertEquals(List.of(), lvs("lv_tags={t2 && t9}"));
        assertEquals(List.of(), lvs("lv_minor>=0"));
        assertEquals(List.of("lin", "m1", "r1", "ro", "seg", "snap", "str"), lvs("all"));
        assertEquals(List.of("lin", "m1", "r1", "ro", "seg", "snap", "str"), lvs("lv_time since \"2020-01-01\""));
        assertEquals(List.of(), lvs("lv_time before @1000"));
    }

    @Test
    void errorsInLvm2Words() {
        LvmException e = assertThrows(LvmException.class, () -> lvs("lv_name=x ||"));
        assertEquals("Expecting field name\nSelection syntax error at ''.\nUse 'help' for selection to get more help.", e.getMessage());
        assertEquals(5, e.exitCode());
        e = assertThrows(LvmException.class, () -> lvs("snap_percent=101"));
        assertEquals("Field selection value 101 out of supported range for field snap_percent.", e.getMessage());
        e = assertThrows(LvmException.class, () -> lvs("lv_tags={a,b]"));
        assertEquals("List ended with incorrect character, expecting '}'.\nFailed to parse string list value for selection field lv_tags.\n"
                + "Selection syntax error at 'lv_tags={a,b]'.\nUse 'help' for selection to get more help.", e.getMessage());
        e = assertThrows(LvmException.class, () -> lvs("lv_name=~a(b")); // LVM2 tells libdm's regex parser's lines first
        assertEquals("dm_report: failed to create regex matcher for selection field lv_name", e.getMessage());
        e = assertThrows(LvmException.class, () -> lvs("lv_minor=18446744073709551615"));
        assertEquals("Numeric value 18446744073709551615 found in selection is reserved.", e.getMessage());
    }
}
