package ulvm.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import ulvm.api.LvmException;

/** Column selection, sorting and the basic/JSON layout of libdm's report (device_mapper/libdm-report.c). */
public final class Report {
    private Report() {}

    /** A selected column: the field and whether -O sorts it descending (unused for output columns). */
    record Key(Field field, boolean descending) {}

    /**
     * Applies the -o arguments to a default column list: "+a,b" appends, anything else replaces.
     * Unknown names fail with LVM2's "Unrecognised field: NAME" (exit 5).
     */
    static List<Field> columns(String defaults, List<String> args, ReportType prefixType) throws LvmException {
        List<Field> out = parse(defaults, prefixType, "");
        for (String a : args) {
            if (a.startsWith("+")) out.addAll(parse(a.substring(1), prefixType, ""));
            else out = parse(a, prefixType, "");
        }
        return out;
    }

    private static List<Field> parse(String list, ReportType prefixType, String msgPrefix) throws LvmException {
        List<Field> out = new ArrayList<>();
        for (String name : list.split(",")) {
            String n = name.trim();
            if (n.isEmpty()) continue;
            List<Field> all = Fields.all(n, prefixType);
            if (all != null) {
                out.addAll(all);
                continue;
            }
            Field f = Fields.column(n, prefixType);
            if (f == null) throw new LvmException(msgPrefix + "Unrecognised field: " + n);
            out.add(f);
        }
        return out;
    }

    /** The -O keys ("-" for descending); unknown names fail as LVM2 does ("dm_report: Unrecognised field: X"). */
    static List<Key> sortKeys(String defaults, List<String> args, ReportType prefixType) throws LvmException {
        List<String> specs = new ArrayList<>();
        if (args.isEmpty()) specs.add(defaults);
        else specs.addAll(args);
        List<Key> out = new ArrayList<>();
        for (String spec : specs) {
            for (String name : spec.split(",")) {
                String n = name.trim();
                if (n.isEmpty()) continue;
                boolean desc = n.startsWith("-");
                if (desc || n.startsWith("+")) n = n.substring(1);
                Field f = Fields.column(n, prefixType);
                if (f == null) throw new LvmException("dm_report: Unrecognised field: " + n);
                out.add(new Key(f, desc));
            }
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void sort(List<Row> rows, List<Key> keys, ReportOptions o) {
        Comparator<Row> cmp = (a, b) -> 0;
        for (Key k : keys) {
            Comparator<Row> c = (a, b) -> {
                Comparable x = k.field().value().apply(a, o).sort();
                Comparable y = k.field().value().apply(b, o).sort();
                if (x.getClass() != y.getClass()) return x.toString().compareTo(y.toString());
                return x.compareTo(y);
            };
            cmp = cmp.thenComparing(k.descending() ? c.reversed() : c);
        }
        rows.sort(cmp);
    }

    /** String lists LVM2's report.c joins with its own delimiter whatever report/list_item_separator says. */
    private static final java.util.Set<String> FIXED_LISTS = java.util.Set.of("devices", "metadata_devices", "seg_pe_ranges");

    /** Renders rows in the basic layout (each line starts with LVM2's two-space indent) or as JSON. */
    static List<String> render(String jsonName, List<Field> cols, List<Row> rows, ReportOptions o) {
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            String[] line = new String[cols.size()];
            for (int i = 0; i < cols.size(); i++) {
                Cell c = cols.get(i).value().apply(r, o);
                // report/binary_values_as_numeric: 1 or 0 (libdm's -1 for an undefined one)
                line[i] = o.binaryNumeric && cols.get(i).kind() == Field.Kind.BIN && c.sort() instanceof Long n ? Long.toString(n) : c.text();
                if (cols.get(i).kind() == Field.Kind.STRLIST && !o.listSeparator.equals(",") && !FIXED_LISTS.contains(cols.get(i).id()))
                    line[i] = line[i].replace(",", o.listSeparator); // no item (tag, name, role, range) holds a comma
            }
            cells.add(line);
        }
        if (o.compact || !o.compactColumns.isEmpty()) { // report/compact_output(_cols): columns empty in every row go
            List<Field> kept = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                final int k = i;
                boolean empty = cells.stream().allMatch(l -> l[k].isEmpty());
                if (empty && (o.compact || Fields.listed(o.compactColumns, cols.get(i), cols.get(i).type()))) continue;
                kept.add(cols.get(i));
                at.add(i);
            }
            List<String[]> compacted = new ArrayList<>();
            for (String[] l : cells) {
                String[] n = new String[at.size()];
                for (int j = 0; j < n.length; j++) n[j] = l[at.get(j)];
                compacted.add(n);
            }
            cols = kept;
            cells = compacted;
        }
        return o.json ? json(jsonName, cols, cells) : basic(cols, cells, o);
    }

    private static List<String> basic(List<Field> cols, List<String[]> cells, ReportOptions o) {
        boolean pad = o.padded();
        String sep = o.separator == null ? " " : o.separator;
        int[] w = new int[cols.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = cols.get(i).minWidth();
            for (String[] line : cells) w[i] = Math.max(w[i], line[i].length());
        }
        List<String> out = new ArrayList<>();
        if (cells.isEmpty()) return out; // libdm prints no headings without rows
        if (o.rows) { // libdm's _output_as_rows: a line per field, its heading first
            for (int i = 0; i < w.length; i++) {
                StringBuilder sb = new StringBuilder("  ");
                if (!o.noHeadings) sb.append(cols.get(i).heading()).append(sep);
                for (int r = 0; r < cells.size(); r++) {
                    if (r > 0) sb.append(sep);
                    sb.append(value(cols.get(i), cells.get(r)[i], 0, false, o));
                }
                out.add(sb.toString());
            }
            return out;
        }
        if (!o.noHeadings) {
            StringBuilder sb = new StringBuilder("  ");
            for (int i = 0; i < w.length; i++) {
                if (i > 0) sb.append(sep);
                String h = cols.get(i).heading();
                if (pad) sb.append(padRight(h.length() > w[i] ? h.substring(0, w[i]) : h, w[i]));
                else sb.append(h);
            }
            out.add(sb.toString());
        }
        for (String[] line : cells) {
            StringBuilder sb = new StringBuilder("  ");
            for (int i = 0; i < w.length; i++) {
                if (i > 0) sb.append(sep);
                sb.append(value(cols.get(i), line[i], w[i], pad, o));
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** libdm's _output_field_basic_fmt: the LVM2_FIELD_ID=' prefix, the value (padded when aligned), the closing quote. */
    private static String value(Field f, String v, int width, boolean pad, ReportOptions o) {
        StringBuilder sb = new StringBuilder();
        if (o.prefixes) sb.append("LVM2_").append(f.id().toUpperCase(java.util.Locale.ROOT)).append('=').append(o.quoted ? "'" : "");
        if (!pad) sb.append(v);
        else if (f.rightAligned()) sb.append(" ".repeat(width - v.length())).append(v);
        else sb.append(padRight(v, width));
        if (o.prefixes && o.quoted) sb.append('\'');
        return sb.toString();
    }

    private static String padRight(String s, int w) { return s + " ".repeat(Math.max(0, w - s.length())); }

    private static List<String> json(String name, List<Field> cols, List<String[]> cells) {
        List<String> out = new ArrayList<>();
        out.add("  {");
        out.add("      \"report\": [");
        out.add("          {");
        out.add("              \"" + name + "\": [");
        for (int r = 0; r < cells.size(); r++) {
            StringBuilder sb = new StringBuilder("                  {");
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append('"').append(cols.get(i).id()).append("\":\"").append(cells.get(r)[i].replace("\"", "\\\"")).append('"');
            }
            sb.append('}');
            if (r + 1 < cells.size()) sb.append(',');
            out.add(sb.toString());
        }
        out.add("              ]");
        out.add("          }");
        out.add("      ]");
        out.add("  }");
        return out;
    }
}
