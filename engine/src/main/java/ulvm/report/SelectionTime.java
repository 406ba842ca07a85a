package ulvm.report;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libdm's standard time form in a selection (_parse_formatted_date_time): "YYYY[-MM[-DD]]", then "hh[:mm[:ss]]",
 * then "+hh[:mm]" or "-hh[:mm]"; local time without a zone. What is left out makes a range ("2016-09" is all of
 * September). LVM2's freeform forms ("2 weeks ago") are not read.
 */
final class SelectionTime {
    private static final Pattern FORM = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?(?:[ T](\\d{2})(?::(\\d{2})(?::(\\d{2}))?)?)?\\s*(?:([+-])(\\d{2})(?::?(\\d{2}))?)?");

    private SelectionTime() {}

    /** {first, last} second of what {@code text} names, or null when it is not the standard form. */
    static long[] parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) return null;
        int y = Integer.parseInt(m.group(1));
        int mo = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int d = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        int h = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int mi = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int se = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        LocalDateTime start;
        try {
            start = LocalDateTime.of(y, mo, d, h, mi, se);
        } catch (java.time.DateTimeException e) {
            return null;
        }
        ChronoUnit unit = m.group(2) == null ? ChronoUnit.YEARS : m.group(3) == null ? ChronoUnit.MONTHS
                : m.group(4) == null ? ChronoUnit.DAYS : m.group(5) == null ? ChronoUnit.HOURS
                : m.group(6) == null ? ChronoUnit.MINUTES : ChronoUnit.SECONDS;
        LocalDateTime end = start.plus(1, unit).minusSeconds(1);
        ZoneId zone = ZoneId.systemDefault();
        if (m.group(7) != null) {
            int oh = Integer.parseInt(m.group(8)), om = m.group(9) == null ? 0 : Integer.parseInt(m.group(9));
            int secs = (oh * 3600 + om * 60) * (m.group(7).equals("-") ? -1 : 1);
            zone = ZoneOffset.ofTotalSeconds(secs);
        }
        return new long[] {start.atZone(zone).toEpochSecond(), end.atZone(zone).toEpochSecond()};
    }
}
