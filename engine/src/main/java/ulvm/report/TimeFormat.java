package ulvm.report;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * report/time_format: the strftime(3) format of lv_time in the C locale, checked as LVM2 2.03.16's _set_time_format
 * checks it (lib/commands/toolcontext.c; its loop looks at the character after a conversion again, so "%%" followed
 * by anything but a conversion letter is refused, as there).
 */
public final class TimeFormat {
    private TimeFormat() {}

    public static final String DEFAULT = "%Y-%m-%d %T %z";
    private static final String ALLOWED = "aAbBcCdDeFGghHIjklmMpPrRsStTuUVwWxXyYzZ%", ALLOWED_E = "cCxXyY", ALLOWED_O = "deHImMSuUVwWy";

    /** Whether LVM2 accepts {@code f} (non-empty). */
    public static boolean valid(String f) {
        int p = 0;
        while (p < f.length()) {
            char c = f.charAt(p);
            if (c == '%') {
                String allowed = ALLOWED;
                c = ++p < f.length() ? f.charAt(p) : 0;
                if (c == 'E' || c == 'O') {
                    allowed = c == 'E' ? ALLOWED_E : ALLOWED_O;
                    c = ++p < f.length() ? f.charAt(p) : 0;
                }
                if (c == 0 || allowed.indexOf(c) < 0) return false;
            } else if (c >= 0x20 && c < 0x7f) {
                p++;
            } else {
                return false;
            }
        }
        return true;
    }

    /** strftime(f, t) in the C locale. */
    public static String format(String f, ZonedDateTime t) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%' || i + 1 >= f.length()) {
                b.append(c);
                continue;
            }
            c = f.charAt(++i);
            if ((c == 'E' || c == 'O') && i + 1 < f.length()) c = f.charAt(++i); // no alternatives in the C locale
            b.append(conversion(c, t));
        }
        return b.toString();
    }

    private static String conversion(char c, ZonedDateTime t) {
        int h12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        return switch (c) {
            case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'c' -> format("%a %b %e %H:%M:%S %Y", t);
            case 'C' -> two(t.getYear() / 100);
            case 'd' -> two(t.getDayOfMonth());
            case 'D', 'x' -> format("%m/%d/%y", t);
            case 'e' -> String.format("%2d", t.getDayOfMonth());
            case 'F' -> format("%Y-%m-%d", t);
            case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'g' -> two(t.get(IsoFields.WEEK_BASED_YEAR) % 100);
            case 'H' -> two(t.getHour());
            case 'I' -> two(h12);
            case 'j' -> String.format("%03d", t.getDayOfYear());
            case 'k' -> String.format("%2d", t.getHour());
            case 'l' -> String.format("%2d", h12);
            case 'm' -> two(t.getMonthValue());
            case 'M' -> two(t.getMinute());
            case 'n' -> "\n";
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'P' -> t.getHour() < 12 ? "am" : "pm";
            case 'r' -> format("%I:%M:%S %p", t);
            case 'R' -> format("%H:%M", t);
            case 's' -> Long.toString(t.toEpochSecond());
            case 'S' -> two(t.getSecond());
            case 't' -> "\t";
            case 'T', 'X' -> format("%H:%M:%S", t);
            case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
            case 'U' -> two((t.getDayOfYear() + 6 - t.getDayOfWeek().getValue() % 7) / 7);
            case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'w' -> Integer.toString(t.getDayOfWeek().getValue() % 7);
            case 'W' -> two((t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() + 6) % 7) / 7);
            case 'y' -> two(t.getYear() % 100);
            case 'Y' -> Integer.toString(t.getYear());
            case 'z' -> { int s = t.getOffset().getTotalSeconds(), a = Math.abs(s) / 60; yield (s < 0 ? "-" : "+") + two(a / 60) + two(a % 60); }
            case 'Z' -> t.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case '%' -> "%";
            default -> "%" + c;
        };
    }

    private static String two(int n) { return String.format("%02d", n); }
}
