package ulvm.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import ulvm.report.Field.Kind;

/**
 * The value after a selection operator, as libdm's _tok_value and _create_field_selection read it: a reserved name, a
 * string or regex (quoted by ' or " or not), a string list ([..] or {..} with one kind of separator), a number, a size
 * (unit 'm' when none is given), a percent (0..100, '%' optional) or a time.
 */
final class SelectionValue {
    /** A failure after which LVM2 adds "Selection syntax error at ..."; its lines are already logged. */
    static final class SyntaxFail extends Exception {
        SyntaxFail() { super(null, null, false, false); }
    }

    /** libdm's reserved value for an undefined number (UINT64_MAX): "-1", "unknown", "undefined", "undef". */
    static final long UNDEF = -1L;
    /** DM_PERCENT_1: percents are compared in millionths of one percent. */
    static final long PERCENT_1 = 1_000_000L;

    /** A string list of the selection: its items (sorted), [] (strict) or {} (subset), all (&&) or any (||). */
    record StrList(List<String> items, boolean strict, boolean all) {}

    /** What was read: {@code end} the index after it; the member of the field's kind is set. */
    static final class Parsed {
        int end;
        boolean reserved;
        long num;
        double sectors;
        String str;
        Pattern regex;
        StrList list;
        long t1;
        Long t2;

        int end() { return end; }
    }

    private final SelectionParser p;
    private final String s;
    private final Field f;
    private final boolean regex;

    SelectionValue(SelectionParser p, String s, Field f, boolean regex) {
        this.p = p;
        this.s = s;
        this.f = f;
        this.regex = regex;
    }

    Parsed parse(int at) throws SyntaxFail, SelectionParser.Fail {
        Parsed v = new Parsed();
        int q = p.skipSpace(at);
        if (!regex && reserved(q, v)) return v;
        Kind k = f.kind();
        switch (k) {
            case STR -> {
                if (regex) regexValue(q, v);
                else {
                    int[] w = word(q, SelectionParser.AND + SelectionParser.OR + ")", true);
                    if (w == null) syntax("Failed to parse string value for selection field " + f.id() + ".");
                    v.str = s.substring(w[0], w[1]);
                    v.end = w[2];
                    if (SelectionReserved.strictString(f.id(), v.str)) p.fail("String value " + v.str + " found in selection is reserved.");
                }
            }
            case STRLIST -> list(q, v);
            case NUM, BIN, SIZ, PCT -> number(q, v);
            case TIM -> time(q, v);
        }
        return v;
    }

    /** A reserved name of the field or of its type; the quoted/unquoted word is read first (telling of a missing quote). */
    private boolean reserved(int q, Parsed v) throws SelectionParser.Fail {
        int[] w = word(q, SelectionParser.AND + SelectionParser.OR + ")", true);
        if (w == null) return false;
        String name = s.substring(w[0], w[1]);
        SelectionReserved.Value r = SelectionReserved.lookup(f, name);
        if (r == null) return false;
        v.reserved = true;
        v.end = w[2];
        v.num = r.num();
        v.sectors = r.num();
        v.str = r.str();
        return true;
    }

    /**
     * libdm's _tok_value_string: quoted up to the closing quote, or unquoted up to a blank or an operator of {@code ops};
     * {begin, end, next}, or null after "Missing end quote.".
     */
    private int[] word(int q, String ops, boolean quotes) {
        char c = quotes && q < s.length() && (s.charAt(q) == '"' || s.charAt(q) == '\'') ? s.charAt(q) : 0;
        return c != 0 ? until(q + 1, c) : unquoted(q, ops);
    }

    private int[] until(int from, char c) {
        int e = s.indexOf(c, from);
        if (e < 0) {
            p.log.add("Missing end quote.");
            return null;
        }
        return new int[] {from, e, e + 1};
    }

    private int[] unquoted(int q, String ops) {
        int e = q;
        while (e < s.length() && s.charAt(e) != ' ' && p.logOpAt(e, ops) == null) e++;
        return new int[] {q, e, e};
    }

    private void regexValue(int q, Parsed v) throws SyntaxFail, SelectionParser.Fail {
        if (q >= s.length()) syntax("Regular expression expected for selection field " + f.id());
        char c = switch (s.charAt(q)) {
            case '(' -> ')';
            case '{' -> '}';
            case '[' -> ']';
            case '"', '\'' -> s.charAt(q);
            default -> 0;
        };
        int[] w = c != 0 ? until(q + 1, c) : unquoted(q, SelectionParser.AND + SelectionParser.OR + ")");
        if (w == null) syntax("Failed to parse regex value for selection field " + f.id() + ".");
        v.regex = compile(s.substring(w[0], w[1]));
        v.end = w[2];
    }

    /** An invalid pattern fails as _create_field_selection does: its line alone, no syntax error after. */
    private Pattern compile(String re) throws SelectionParser.Fail {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            p.fail("dm_report: failed to create regex matcher for selection field " + f.id());
            return null;
        }
    }

    /** libdm's _tok_value_string_list. */
    private void list(int q, Parsed v) throws SyntaxFail {
        String failed = "Failed to parse string list value for selection field " + f.id() + ".";
        boolean open = q < s.length() && (s.charAt(q) == '[' || s.charAt(q) == '{');
        List<String> items = new ArrayList<>();
        if (!open) {
            int[] w = word(q, SelectionParser.AND + SelectionParser.OR + ")", true);
            if (w == null) {
                p.log.add(failed);
                syntax(failed);
            }
            items.add(s.substring(w[0], w[1]));
            v.end = w[2];
            v.list = new StrList(items, false, false);
            return;
        }
        boolean strict = s.charAt(q) == '[';
        String close = strict ? "]" : "}";
        Boolean all = null;
        int at = q + 1;
        boolean ended = false;
        while (at < s.length()) {
            at = p.skipSpace(at);
            int[] w = word(at, "]}&&,||#", true);
            if (w == null) {
                p.log.add(failed);
                syntax(failed);
            }
            int after = p.skipSpace(w[2]);
            String op = p.logOpAt(after, "]}&&,||#");
            if (op == null) {
                p.log.add("Invalid operator in selection list.");
                syntax(failed);
            }
            boolean end = op.equals("]") || op.equals("}");
            if (end && !op.equals(close)) {
                p.log.add("List ended with incorrect character, expecting '" + close + "'.");
                syntax(failed);
            }
            if (!end) {
                boolean isAnd = op.equals("&&") || op.equals(",");
                if (all != null && all != isAnd) {
                    p.log.add("Only one type of logical operator allowed in selection list at a time.");
                    syntax(failed);
                }
                all = isAnd;
            } else if (all == null) all = strict;
            items.add(s.substring(w[0], w[1]));
            at = after + op.length();
            if (end) {
                ended = true;
                break;
            }
        }
        if (!ended) {
            p.log.add("Missing list end for selection field " + f.id());
            syntax(failed);
        }
        items.sort(null);
        v.end = at;
        v.list = new StrList(items, strict, all);
    }

    /** A number, size or percent: digits with at most one '.', then '%' or a unit. */
    private void number(int q, Parsed v) throws SyntaxFail, SelectionParser.Fail {
        Kind k = f.kind();
        int e = q;
        boolean dot = false;
        while (e < s.length() && (Character.isDigit(s.charAt(e)) || (!dot && s.charAt(e) == '.' && (dot = true)))) e++;
        if (e == q) syntax("Failed to parse numeric value for selection field " + f.id() + ".");
        String digits = s.substring(q, e);
        long factor = 0;
        if (e < s.length() && s.charAt(e) == '%') {
            if (k != Kind.PCT) syntax("Found percent value but " + (k == Kind.SIZ ? "size" : "numeric") + " value expected for selection field " + f.id() + ".");
            e++;
        } else {
            factor = e < s.length() ? unitFactor(s.charAt(e)) : 0;
            if (factor != 0) {
                if (k != Kind.SIZ) syntax("Found size unit specifier but " + (k == Kind.PCT ? "percent" : "numeric") + " value expected for selection field " + f.id() + ".");
                e++;
            } else if (k == Kind.SIZ) factor = 1024 * 1024;
        }
        v.end = e;
        String range = "Field selection value " + digits + " out of supported range for field " + f.id() + ".";
        switch (k) {
            case SIZ -> v.sectors = parseDouble(digits) * factor / 512;
            case PCT -> {
                double d = parseDouble(digits);
                if (d < 0 || d > 100) p.fail(range);
                v.num = (long) (PERCENT_1 * d);
            }
            default -> {
                BigInteger b = new BigInteger(digits.contains(".") ? digits.substring(0, digits.indexOf('.')).replaceFirst("^$", "0") : digits);
                if (b.bitLength() > 64) p.fail(range);
                v.num = b.longValue();
                if (v.num == UNDEF) p.fail("Numeric value " + Long.toUnsignedString(v.num) + " found in selection is reserved.");
            }
        }
    }

    private static double parseDouble(String d) { return d.equals(".") ? 0 : Double.parseDouble(d); }

    /** dm_units_to_factor's unit characters (bytes); 0 for none. */
    static long unitFactor(char c) {
        return switch (c) {
            case 'h', 'H', 'r', 'R', 'b', 'B' -> 1;
            case 's', 'S' -> 512;
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            case 'p' -> 1L << 50;
            case 'e' -> 1L << 60;
            case 'K' -> 1000L;
            case 'M' -> 1000_000L;
            case 'G' -> 1000_000_000L;
            case 'T' -> 1000_000_000_000L;
            case 'P' -> 1000_000_000_000_000L;
            case 'E' -> 1000_000_000_000_000_000L;
            default -> 0;
        };
    }

    /** "@SECONDS", or LVM2's standard form "YYYY[-MM[-DD]] [hh[:mm[:ss]]] [+-hh[:mm]]" (a range over what is left out). */
    private void time(int q, Parsed v) throws SyntaxFail {
        String failed = "Failed to parse time value for selection field " + f.id() + ".";
        if (q < s.length() && s.charAt(q) == '@') {
            int e = q + 1;
            while (e < s.length() && Character.isDigit(s.charAt(e))) e++;
            if (e == q + 1) syntax(failed);
            v.t1 = Long.parseLong(s.substring(q + 1, e));
            v.end = e;
            return;
        }
        int[] w = word(q, SelectionParser.AND + SelectionParser.OR + ")", true);
        if (w == null) syntax(failed);
        long[] r = SelectionTime.parse(s.substring(w[0], w[1]));
        if (r == null) syntax(failed);
        v.t1 = r[0];
        v.t2 = r[1];
        v.end = w[2];
    }

    private void syntax(String line) throws SyntaxFail {
        p.log.add(line);
        throw new SyntaxFail();
    }
}
