package ulvm.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import ulvm.api.LvmException;

/**
 * LVM2's --units and size formatting (libdm dm_size_to_string, dm_units_to_factor). Sizes are given in
 * 512-byte sectors. Default is "r": human readable, powers of 1024, with a "<" prefix when rounded up.
 *
 * @param type     the unit character (h H r R b B s S k m g t p e K M G T P E, or U for a custom factor)
 * @param factor   bytes per unit; 0 for the human-readable types
 * @param suffix   false with --nosuffix (ignored for human-readable units, which always print a suffix)
 */
public record Units(char type, long factor, boolean suffix) {
    public static final Units DEFAULT = new Units('r', 0, true);

    /** How a unit is written: LONG " Mebibyte", SHORT " MiB" (display commands), UNIT "m" (reports). */
    public enum Style { LONG, SHORT, UNIT }

    private static final String[][] NAMES = {
        {"         ", "   ", " "},
        {" Exabyte", " EB", "E"}, {" Petabyte", " PB", "P"}, {" Terabyte", " TB", "T"}, {" Gigabyte", " GB", "G"},
        {" Megabyte", " MB", "M"}, {" Kilobyte", " KB", "K"}, {" Byte    ", " B", "B"},
        {" Exbibyte", " EiB", "e"}, {" Pebibyte", " PiB", "p"}, {" Tebibyte", " TiB", "t"}, {" Gibibyte", " GiB", "g"},
        {" Mebibyte", " MiB", "m"}, {" Kibibyte", " KiB", "k"}, {" Byte    ", " B", "b"},
        {" Exabyte", " EB", "E"}, {" Petabyte", " PB", "P"}, {" Terabyte", " TB", "T"}, {" Gigabyte", " GB", "G"},
        {" Megabyte", " MB", "M"}, {" Kilobyte", " kB", "K"},
        {" Byte    ", " B ", "B"}, {" Units   ", " Un", "U"}, {" Sectors ", " Se", "S"},
    };
    private static final int BASE_UNKNOWN = 0, BASE_1024 = 8, BASE_1000 = 15, BASE_SPECIAL = 21;

    /** Parses a --units argument; LVM2 refuses anything else with "Invalid units specification" (exit 3). */
    public static Units parse(String spec, boolean suffix) throws LvmException {
        if (spec == null) return new Units('r', 0, suffix);
        String s = spec;
        double custom = 0;
        long v = 1;
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
        if (i > 0) {
            try {
                custom = Double.parseDouble(s.substring(0, i));
            } catch (NumberFormatException e) {
                throw LvmException.invalid("Invalid units specification");
            }
            String digits = s.substring(0, i).split("\\.", -1)[0];
            v = digits.isEmpty() ? 0 : Long.parseLong(digits);
            if (Math.abs(v - custom) < Math.ulp(1.0)) custom = 0;
        }
        String rest = s.substring(i);
        if (rest.length() != 1) throw LvmException.invalid("Invalid units specification");
        char c = rest.charAt(0);
        long mult;
        switch (c) {
            case 'h', 'H', 'r', 'R' -> { return new Units(c, 0, suffix); }
            case 'b', 'B' -> mult = 1;
            case 's', 'S' -> mult = 512;
            case 'k' -> mult = 1L << 10;
            case 'm' -> mult = 1L << 20;
            case 'g' -> mult = 1L << 30;
            case 't' -> mult = 1L << 40;
            case 'p' -> mult = 1L << 50;
            case 'e' -> mult = 1L << 60;
            case 'K' -> mult = 1000L;
            case 'M' -> mult = 1000_000L;
            case 'G' -> mult = 1000_000_000L;
            case 'T' -> mult = 1000_000_000_000L;
            case 'P' -> mult = 1000_000_000_000_000L;
            case 'E' -> mult = 1000_000_000_000_000_000L;
            default -> throw LvmException.invalid("Invalid units specification");
        }
        long factor = custom != 0 ? (long) (custom * mult) : v * mult;
        if (factor == 0) throw LvmException.invalid("Invalid units specification");
        char type = (i > 0 && (v != 1 || custom != 0)) ? 'U' : c;
        return new Units(type, factor, suffix);
    }

    public boolean human() { return factor == 0; }

    /** Formats {@code sectors} as LVM2 does. */
    public String format(long sectors, Style style) {
        int st = style.ordinal();
        int base = BASE_UNKNOWN;
        int s = 0;
        for (int k = 0; k < 6 && base == BASE_UNKNOWN; k++) if (type == NAMES[BASE_1000 + k][2].charAt(0)) { base = BASE_1000; s = k; }
        for (int k = 0; k < 6 && base == BASE_UNKNOWN; k++) if (type == NAMES[BASE_1024 + k][2].charAt(0)) { base = BASE_1024; s = k; }
        for (int k = 0; k < 3 && base == BASE_UNKNOWN; k++) if (Character.toUpperCase(type) == NAMES[BASE_SPECIAL + k][2].charAt(0)) { base = BASE_SPECIAL; s = k; }
        if (sectors == 0) return "0" + (suffix || human() ? NAMES[base + s][st] : "");
        double size = (double) sectors * 512;
        double byteUnit;
        String prefix = "";
        boolean withSuffix = suffix;
        if (base != BASE_UNKNOWN) {
            byteUnit = factor;
        } else {
            long units = (type == 'H' || type == 'R') ? 1000 : 1024;
            base = units == 1000 ? BASE_1000 : BASE_1024;
            double b = Math.pow(units, 6);
            for (s = 0; s < 6 && size < b; s++) b /= units;
            byteUnit = b;
            if (s < 6 && (type == 'R' || type == 'r')) {
                double d = 100.0 * size / b;
                if (Math.floor(d) != Math.rint(d)) prefix = "<";
            }
            withSuffix = true;
        }
        char u = Character.toUpperCase(NAMES[base + s][2].charAt(0));
        int precision = (u == 'B' || u == 'S') ? 0 : 2;
        BigDecimal value = new BigDecimal(size / byteUnit).setScale(precision, RoundingMode.HALF_EVEN);
        return prefix + value.toPlainString() + (withSuffix ? NAMES[base + s][st] : "");
    }

    /** Report style ("64.00m"). */
    public String unit(long sectors) { return format(sectors, Style.UNIT); }

    /** Display style ("64.00 MiB"). */
    public String shortForm(long sectors) { return format(sectors, Style.SHORT); }
}
