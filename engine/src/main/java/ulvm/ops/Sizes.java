package ulvm.ops;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ulvm.api.LvmException;

/**
 * LVM2 size and extents arguments, parsed as lvmcmdline.c does (_size_arg, _extents_arg): {@code
 * [+|-]NUMBER[bBsSkKmMgGtTpPeE]} with a default unit, always powers of 1024, and {@code [+|-]N[%VG|%LV|%PVS|%FREE|
 * %ORIGIN]}. A bad value is refused in LVM2's words, exit 3.
 */
public final class Sizes {
    /** A parsed size: bytes and an optional sign ('+', '-' or 0). */
    public record Size(char sign, long bytes) {}

    /** An extents argument: a count, or a percentage of VG, LV, FREE, PVS or ORIGIN. */
    public record Extents(char sign, long count, String percentOf) {}

    /** LVM2 keeps counts in 32 bits: larger values are clamped (arg_uint_value). */
    public static final long UINT32_MAX = 0xFFFFFFFFL;

    /** strtod's number: decimal with an optional exponent, or hexadecimal. */
    private static final Pattern NUMBER = Pattern.compile(
            "0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final String UNITS = "kmgtpebs";

    private Sizes() {}

    /** LVM2's refusal of an option value: the reason (if any), then the two lines it always prints. */
    public static LvmException invalidArg(String why, String option, String value) {
        return LvmException.invalid((why == null ? "" : why + "\n") + "Invalid argument for " + option + ": " + value
                + "\nError during parsing of command line.");
    }

    /** A size in MiB by default. */
    public static Size parse(String arg, String option) throws LvmException { return parse(arg, option, 1L << 20); }

    /** A size with {@code unitBytes} the unit of a bare number (KiB for --stripesize, MiB for --size). */
    public static Size parse(String arg, String option, long unitBytes) throws LvmException {
        String s = arg;
        char sign = 0;
        if (s.startsWith("+") || s.startsWith("-")) {
            sign = s.charAt(0);
            s = s.substring(1);
        }
        if (s.startsWith("+") || s.startsWith("-")) throw invalidArg("Multiple sign symbols detected.", option, arg);
        if (s.isEmpty() || !Character.isDigit(s.charAt(0)) && s.charAt(0) != '.')
            throw invalidArg("Size requires number argument.", option, arg);
        Matcher m = NUMBER.matcher(s);
        if (!m.lookingAt()) throw invalidArg("Can't parse size argument at '" + s.charAt(0) + "'.", option, arg);
        double v = number(m.group());
        String rest = s.substring(m.end());
        double sectors;
        if (rest.isEmpty()) {
            sectors = v * (unitBytes / 512.0);
        } else {
            // only the first character after the number counts, as in LVM2
            int unit = UNITS.indexOf(Character.toLowerCase(rest.charAt(0)));
            if (unit < 0) throw invalidArg("Can't parse size argument.", option, arg);
            if (unit == 7) sectors = v;
            else if (unit == 6) {
                long b = (long) v;
                if (b % 512 != 0) {
                    long up = b + 512 - b % 512;
                    throw invalidArg("Size is not a multiple of 512. Try using " + (up - 512) + " or " + up + ".", option, arg);
                }
                sectors = v / 512;
            } else sectors = v * Math.pow(1024, unit) * 2;
        }
        if (!(sectors < 0x7FFFFFFFFFFFFFL)) throw invalidArg("Size is too big (>=16EiB).", option, arg);
        // the value is kept in whole sectors: a fraction of a sector is dropped
        return new Size(sign, (long) sectors * 512);
    }

    private static double number(String n) {
        if (n.startsWith("0x") || n.startsWith("0X")) {
            String h = n.matches(".*[pP].*") ? n : n + "p0";
            return Double.parseDouble(h);
        }
        return new BigDecimal(n).doubleValue();
    }

    /** --extents: a count or a percentage; {@code N%} with VG, LV, PVS, FREE, ORIGIN (or their LVM2 abbreviations). */
    public static Extents parseExtents(String arg, String option) throws LvmException {
        String s = arg;
        char sign = 0;
        if (s.startsWith("+") || s.startsWith("-")) {
            sign = s.charAt(0);
            s = s.substring(1);
        }
        Matcher m = Pattern.compile("[0-9]+").matcher(s);
        if (!m.lookingAt()) throw invalidArg(null, option, arg);
        BigDecimal n = new BigDecimal(m.group());
        if (n.compareTo(new BigDecimal("18446744073709551615")) > 0) throw invalidArg(null, option, arg); // strtoull's ERANGE
        long count = n.min(BigDecimal.valueOf(UINT32_MAX)).longValue();
        String rest = s.substring(m.end());
        if (rest.isEmpty()) return new Extents(sign, count, null);
        if (rest.charAt(0) != '%') throw invalidArg(null, option, arg);
        String pct = switch (rest.substring(1).toUpperCase(Locale.ROOT)) {
            case "V", "VG" -> "VG";
            case "L", "LV" -> "LV";
            case "P", "PV", "PVS" -> "PVS";
            case "F", "FR", "FREE" -> "FREE";
            case "O", "OR", "ORIGIN" -> "ORIGIN";
            default -> throw invalidArg("Specified %" + rest.substring(1) + " is unknown.", option, arg);
        };
        // LVM2 prints UINT32_MAX with %d
        if (count >= UINT32_MAX) throw invalidArg("Percentage is too big (>=-1%).", option, arg);
        return new Extents(sign, count, pct);
    }

    /** LVM2's percent_of_extents: {@code percents} of {@code count}, rounded up or down. */
    public static long percentOf(long percents, long count, boolean roundUp) {
        // unsigned 64-bit arithmetic, the result cut to 32 bits, as in lvm-percent.c
        return Long.divideUnsigned(percents * count + (roundUp ? 99 : 0), 100) & UINT32_MAX;
    }

    /** LVM2's short human size, as in messages: "64.00 MiB". */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        if (u == 0) return bytes + " B";
        String num = String.format(Locale.ROOT, "%.2f", v);
        // LVM2 marks a value rounded down to two decimals with '<'
        double shown = Double.parseDouble(num);
        String prefix = shown * Math.pow(1024, u) < bytes - 0.5 ? "<" : "";
        if (shown * Math.pow(1024, u) > bytes + 0.5) {
            num = String.format(Locale.ROOT, "%.2f", Math.floor(v * 100) / 100);
            prefix = "<";
        }
        return prefix + num + " " + units[u];
    }
}
