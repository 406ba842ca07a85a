package ulvm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** report/time_format: what real LVM2 2.03.16's lvs -o lv_time printed for an LV made at 2026-12-07 22:38:36 UTC. */
class TimeFormatTest {
    private static final ZonedDateTime T = Instant.ofEpochSecond(1796683116L).atZone(ZoneOffset.UTC);

    @Test
    void formatsAsStrftime() {
        assertEquals("1796683116|Mon Monday Dec December|20 07 12/07/26  7|2026-12-07 2026 26 Dec 22 10 341",
                TimeFormat.format("%s|%a %A %b %B|%C %d %D %e|%F %G %g %h %H %I %j", T));
        assertEquals("22 10 12 38 PM pm|10:38:36 PM 22:38 36 22:38:36 1 49 50 1 49",
                TimeFormat.format("%k %l %m %M %p %P|%r %R %S %T %u %U %V %w %W", T));
        assertEquals("26 07", TimeFormat.format("%Ey %Od", T));
        assertEquals("2026-12-07 22:38:36 +0000", TimeFormat.format(TimeFormat.DEFAULT, T));
    }

    @Test
    void refusesWhatLvm2Refuses() {
        assertTrue(TimeFormat.valid("%s|%a %A %b %B|%C %d %D %e|%F %G %g %h %H %I %j"));
        assertTrue(TimeFormat.valid("%Ey %Od"));
        assertFalse(TimeFormat.valid("%x %X %y %Y %z %Z %%")); // 2.03.16 reads the second '%' of "%%" as a new conversion
        assertFalse(TimeFormat.valid("%n"));
        assertFalse(TimeFormat.valid("%Q"));
        assertFalse(TimeFormat.valid("%Ed"));
    }
}
