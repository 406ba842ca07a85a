package ulvm.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import ulvm.api.LvmException;

/**
 * A -S/--select criterion, parsed with libdm's grammar (device_mapper/libdm-report.c, _parse_or_ex and below) over
 * the report field table, and tested on report rows. Errors are LVM2's lines, exit 5.
 *
 * <pre>
 * OR  := AND (("||" | "#") OR)?        AND := EX (("&&" | ",") AND)?
 * EX  := "!" "(" OR ")" | "(" OR ")" | FIELD OP VALUE
 * </pre>
 */
public final class Selection {
    /** A node of the parsed criterion. */
    interface Node { boolean test(Row r, ReportOptions o); }

    /** Everything: no -S, an empty one or "all". */
    public static final Selection ALL = new Selection(null, EnumSet.noneOf(ReportType.class));

    private final Node root;
    private final Set<ReportType> types;

    private Selection(Node root, Set<ReportType> types) {
        this.root = root;
        this.types = types;
    }

    /** Parses {@code text} for a report of {@code base}; null, blank or "all" select everything. */
    public static Selection parse(String text, ReportType base) throws LvmException {
        if (text == null || text.isEmpty() || text.equalsIgnoreCase("all")) return ALL;
        SelectionParser p = new SelectionParser(text, base);
        return new Selection(p.parse(), p.types());
    }

    /** The object types the criterion's fields belong to (they decide the rows a report makes, as its columns do). */
    Set<ReportType> types() { return types; }

    boolean test(Row r, ReportOptions o) { return root == null || root.test(r, o); }

    /** All of the nodes (&&, ","), any of them (||, #), or the negation (!) of one. */
    record And(List<Node> nodes) implements Node {
        @Override public boolean test(Row r, ReportOptions o) {
            for (Node n : nodes) if (!n.test(r, o)) return false;
            return true;
        }
    }

    record Or(List<Node> nodes) implements Node {
        @Override public boolean test(Row r, ReportOptions o) {
            for (Node n : nodes) if (n.test(r, o)) return true;
            return false;
        }
    }

    record Not(Node node) implements Node {
        @Override public boolean test(Row r, ReportOptions o) { return !node.test(r, o); }
    }

    /** The rows of {@code rows} the selection keeps: all of them when the "selected" field shows which. */
    List<Row> filter(List<Row> rows, List<Field> cols, ReportOptions o) {
        o.selection = this;
        if (root == null || cols.stream().anyMatch(f -> f.id().equals("selected"))) return rows;
        List<Row> out = new ArrayList<>();
        for (Row r : rows) if (test(r, o)) out.add(r);
        return out;
    }
}
