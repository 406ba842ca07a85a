package ulvm.ops;

import java.math.BigDecimal;
import java.util.Locale;
import ulvm.api.LvmException;

/** LVM2 size arguments: {@code [+|-]NUMBER[bBsSkKmMgGtTpPeE]}, MiB by default, always powers of 1024. */
public final class Sizes {
    /** A parsed size: bytes and an optional sign ('+', '-' or 0). */
    public record Size(char sign, long bytes) {}

    /** An extents argument: a count, or a percentage of VG, FREE, PVS or ORIGIN. */
    public record Extents(char sign, long count, String percentOf) {}

    private Sizes() {}

    public static Size parse(String arg, String option) throws LvmException {
        String s = arg.trim();
        char sign = 0;
        if (s.startsWith("+") || s.startsWith("-")) {
            sign = s.charAt(0);
            s = s.substring(1);
        }
        if (s.isEmpty()) throw LvmException.invalid("Invalid argument for " + option + ": " + arg);
        char unit = 'm';
        char last = s.charAt(s.length() - 1);
        if (Character.isLetter(last)) {
            unit = Character.toLowerCase(last);
            s = s.substring(0, s.length() - 1);
        }
        long mult = switch (unit) {
            case 'b' -> 1L;
            case 's' -> 512L;
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            case 'p' -> 1L << 50;
            case 'e' -> 1L << 60;
            default -> -1L;
        };
        if (mult < 0 || !s.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+"))
            throw LvmException.invalid("Invalid argument for " + option + ": " + arg);
        try {
            BigDecimal v = new BigDecimal(s).multiply(BigDecimal.valueOf(mult));
            // LVM2 works in sectors: a fractional sector rounds up
            BigDecimal sectors = v.divide(BigDecimal.valueOf(512), 0, java.math.RoundingMode.CEILING);
            return new Size(sign, sectors.longValueExact() * 512);
        } catch (ArithmeticException e) {
            throw LvmException.invalid("Invalid argument for " + option + ": " + arg);
        }
    }

    public static Extents parseExtents(String arg, String option) throws LvmException {
        String s = arg.trim();
        char sign = 0;
        if (s.startsWith("+") || s.startsWith("-")) {
            sign = s.charAt(0);
            s = s.substring(1);
        }
        String pct = null;
        int at = s.indexOf('%');
        if (at >= 0) {
            pct = s.substring(at + 1).toUpperCase(Locale.ROOT);
            s = s.substring(0, at);
            if (!pct.matches("VG|FREE|PVS|ORIGIN")) throw LvmException.invalid("Invalid argument for " + option + ": " + arg);
        }
        if (!s.matches("[0-9]{1,15}")) throw LvmException.invalid("Invalid argument for " + option + ": " + arg);
        long n = Long.parseLong(s);
        if (pct != null && n > 100 && !pct.equals("ORIGIN")) throw LvmException.invalid("Invalid argument for " + option + ": " + arg);
        return new Extents(sign, n, pct);
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
