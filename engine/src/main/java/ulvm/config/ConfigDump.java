package ulvm.config;

import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.format.ConfigSection;
import ulvm.model.Section;

/** lvmconfig's output (LVM2's layout: {@code key=value}, sections tab-indented), for its --type current|default|diff|full. */
public final class ConfigDump {
    public enum Type { CURRENT, DEFAULT, DIFF, FULL }

    private ConfigDump() {}

    /** The lines for {@code paths} (none: every setting of the type), or throws for a path that is not there. */
    public static List<String> lines(LvmConfig c, Type type, List<String> paths, boolean comments) throws LvmException {
        List<String> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (paths.isEmpty()) {
            ConfigSection tree = tree(c, type);
            for (Section.Entry sec : tree.entries()) section(out, c, type, sec.key(), sec.section(), comments);
            return out;
        }
        for (String p : paths) {
            String path = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
            ConfigSection tree = tree(c, type);
            if (!path.contains("/")) {
                Section s = tree.sub(path);
                if (s == null) missing.add(path);
                else section(out, c, type, path, s, comments);
                continue;
            }
            Section s = tree.sub(path.substring(0, path.indexOf('/')));
            Object v = s == null ? null : s.value(path.substring(path.indexOf('/') + 1));
            if (v == null && type != Type.CURRENT && Setting.of(path) != null) { // LVM2 has no default for it: nothing, or its comment
                if (comments) {
                    out.add("");
                    out.add("# Configuration option " + path + ".");
                    out.add("# " + Setting.of(path).comment());
                    out.add("# This configuration option does not have a default value defined.");
                }
            } else if (v == null) missing.add(path);
            else setting(out, type, path, v, "", comments);
        }
        if (!missing.isEmpty()) throw new Partial(out, "Configuration node " + missing.get(0) + " not found");
        return out;
    }

    /** Lines printed, then the error for a path not found (LVM2 prints what it found first). */
    public static final class Partial extends LvmException {
        public final List<String> lines;

        Partial(List<String> lines, String message) {
            super(message);
            this.lines = lines;
        }
    }

    private static ConfigSection tree(LvmConfig c, Type type) {
        ConfigSection t = new ConfigSection();
        if (type == Type.CURRENT) return c.tree();
        for (Setting s : Setting.ALL) {
            Object have = c.value(s.path());
            Object v = switch (type) {
                case DEFAULT -> s.dflt();
                case DIFF -> have != null && !have.equals(s.dflt()) ? have : null;
                default -> have != null ? have : s.dflt();
            };
            if (v == null) continue;
            ConfigSection sub = t.sub(s.section());
            if (sub == null) {
                sub = new ConfigSection();
                t.addSection(s.section(), sub);
            }
            sub.put(s.key(), v);
        }
        return t;
    }

    private static void section(List<String> out, LvmConfig c, Type type, String name, Section s, boolean comments) {
        out.add(name + " {");
        for (Section.Entry e : s.entries()) if (e.section() == null) setting(out, type, name + "/" + e.key(), e.value(), "\t", comments);
        out.add("}");
    }

    private static String value(Object v) {
        return v instanceof String str ? '"' + str.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : String.valueOf(v);
    }

    private static void setting(List<String> out, Type type, String path, Object v, String indent, boolean comments) {
        Setting known = Setting.of(path);
        if (comments && known != null) {
            out.add("");
            out.add(indent + "# Configuration option " + path + ".");
            out.add(indent + "# " + known.comment());
        }
        StringBuilder b = new StringBuilder(indent);
        if (type == Type.DEFAULT) b.append("# ");
        b.append(path.substring(path.lastIndexOf('/') + 1)).append('=');
        if (v instanceof List<?> l && (l.size() != 1 || type == Type.DEFAULT)) { // libdm writes a one-value array as its value
            b.append('[');
            for (int i = 0; i < l.size(); i++) b.append(i > 0 ? "," : "").append(value(l.get(i)));
            b.append(']');
        } else b.append(value(v instanceof List<?> one ? one.get(0) : v));
        out.add(b.toString());
    }
}
