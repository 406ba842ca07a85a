package ulvm.format;

import ulvm.model.Section;
import java.util.List;

/** Writes config text. {@code indent} true gives vgcfgbackup's tab-indented style; false, the on-disk style. */
public final class ConfigWriter {
    private ConfigWriter() {}

    public static String write(Section sec, boolean indent) {
        StringBuilder sb = new StringBuilder();
        write(sb, sec, 0, indent);
        return sb.toString();
    }

    static void write(StringBuilder sb, Section sec, int depth, boolean indent) {
        for (Section.Entry e : sec.entries()) {
            pad(sb, depth, indent);
            if (e.section() != null) {
                sb.append(e.key()).append(" {\n");
                write(sb, e.section(), depth + 1, indent);
                pad(sb, depth, indent);
                sb.append("}\n");
            } else {
                sb.append(e.key()).append(" = ");
                value(sb, e.value());
                sb.append('\n');
            }
        }
    }

    private static void pad(StringBuilder sb, int depth, boolean indent) {
        if (indent) for (int i = 0; i < depth; i++) sb.append('\t');
    }

    static void value(StringBuilder sb, Object v) {
        if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(", ");
                scalar(sb, l.get(i));
            }
            sb.append(']');
        } else {
            scalar(sb, v);
        }
    }

    static void scalar(StringBuilder sb, Object v) {
        if (v instanceof String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') sb.append('\\');
                sb.append(c);
            }
            sb.append('"');
        } else {
            sb.append(v);
        }
    }
}
