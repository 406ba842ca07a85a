package ulvm.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ulvm.report.SelectionValue.Parsed;
import ulvm.report.SelectionValue.StrList;

/**
 * One FIELD OP VALUE of a selection, compared as libdm's _compare_selection_field: numbers unsigned (undefined is
 * UINT64_MAX, skipped by &lt; and &gt;), sizes in sectors, percents only when defined, strings exactly or by regex,
 * string lists strictly ([]) or as a subset ({}), all items (&&) or any (||), times in seconds (a range when the value
 * left parts out).
 */
record SelectionCompare(Field field, String op, Parsed value) implements Selection.Node {
    @Override
    public boolean test(Row r, ReportOptions o) {
        Cell c = field.value().apply(r, o);
        return switch (field.kind()) {
            case NUM, BIN -> number(c.sort() instanceof Long l ? l : SelectionValue.UNDEF);
            case SIZ -> size(c.sort() instanceof Long l ? l : SelectionValue.UNDEF);
            case PCT -> c.sort() instanceof Double d && d >= 0 && d <= 100 && number(Math.round(d * SelectionValue.PERCENT_1));
            case STR -> string(c.sort() instanceof String s ? s : c.text());
            case STRLIST -> list(items(c.text()));
            case TIM -> c.sort() instanceof Long t && time(t);
        };
    }

    private boolean not() { return op.startsWith("!"); }

    private boolean number(long v) {
        long sel = value.num;
        if (op.equals("=")) return v == sel;
        if (op.equals("!=")) return v != sel;
        if (SelectionReserved.strict(field, v)) return false;
        int c = Long.compareUnsigned(v, sel);
        return ordered(c);
    }

    private boolean ordered(int c) {
        return switch (op) {
            case ">", "after" -> c > 0;
            case ">=", "since" -> c >= 0;
            case "<", "before" -> c < 0;
            default -> c <= 0;
        };
    }

    private boolean size(long sectors) {
        if (value.reserved || sectors == SelectionValue.UNDEF) {
            boolean eq = value.reserved && sectors == value.num;
            if (op.equals("=")) return eq;
            if (op.equals("!=")) return !eq;
            if (sectors == SelectionValue.UNDEF) return false;
        }
        double d = sectors, sel = value.sectors;
        boolean eq = Math.abs(d - sel) < 1e-9 * Math.max(1, Math.abs(sel));
        if (op.equals("=")) return eq;
        if (op.equals("!=")) return !eq;
        return ordered(eq ? 0 : Double.compare(d, sel));
    }

    private boolean string(String s) {
        if (value.regex != null) return value.regex.matcher(s).find() != not();
        return s.equals(value.str) != not();
    }

    private boolean time(long t) {
        long t1 = value.t1;
        Long t2 = value.t2;
        boolean range = t2 != null;
        boolean in = range ? t >= t1 && t <= t2 : t == t1;
        return switch (op) {
            case "=" -> in;
            case "!=" -> !in;
            case ">", "after" -> t > (range ? t2 : t1);
            case ">=", "since" -> t >= t1;
            case "<", "before" -> t < t1;
            default -> t <= (range ? t2 : t1);
        };
    }

    /** A string list field's items, sorted as LVM2 keeps them. */
    static List<String> items(String text) {
        if (text.isEmpty()) return List.of();
        List<String> out = new ArrayList<>(Arrays.asList(text.split(",")));
        out.sort(null);
        return out;
    }

    private boolean list(List<String> val) {
        StrList sel = value.list;
        List<String> items = sel.items();
        boolean r;
        if (val.isEmpty()) r = sel.all() ? items.size() == 1 && items.get(0).isEmpty() : items.contains("");
        else if (sel.all()) r = sel.strict() ? val.equals(items) : val.containsAll(items);
        else if (sel.strict()) r = items.containsAll(val);
        else r = items.stream().anyMatch(val::contains);
        return r != not();
    }
}
