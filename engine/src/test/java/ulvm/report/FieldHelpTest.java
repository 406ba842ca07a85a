package ulvm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** -o help: LVM2 2.03.16's field list, and every field it lists is one ulvm reports. */
class FieldHelpTest {
    @Test
    void everyListedFieldIsReported() {
        List<String> help = FieldHelp.lines();
        assertEquals(260, help.size());
        int fields = 0;
        for (String l : help) {
            String[] w = l.trim().split(" +- ", 2);
            if (w.length < 2 || w[0].equals("help") || w[0].equals("?")) continue;
            if (w[0].endsWith("_all")) assertNotNull(Fields.all(w[0], ReportType.LV), w[0]);
            else assertNotNull(Fields.column(w[0], ReportType.LV), w[0]);
            fields++;
        }
        assertTrue(fields > 200, "fields listed: " + fields);
    }

    @Test
    void helpIsAskedByNameOrQuestionMark() {
        assertTrue(FieldHelp.asked(List.of("lv_name", "+help")));
        assertTrue(FieldHelp.asked(List.of("lv_name,?")));
        assertFalse(FieldHelp.asked(List.of("lv_name,helpful")));
    }
}
