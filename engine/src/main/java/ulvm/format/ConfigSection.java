package ulvm.format;

import java.util.ArrayList;
import java.util.List;
import ulvm.model.Section;

/**
 * A section of libdm config text as the reader parses it: a {@link Section} with the reads that fail with the
 * metadata's context when a key is missing or of the wrong kind.
 */
public final class ConfigSection extends Section {
    /** {@code s} as a ConfigSection (the reader's own sections are; another is copied). */
    public static ConfigSection of(Section s) {
        if (s == null || s instanceof ConfigSection) return (ConfigSection) s;
        ConfigSection c = new ConfigSection();
        for (Entry e : s.entries()) {
            if (e.section() != null) c.addSection(e.key(), of(e.section()));
            else c.put(e.key(), e.value());
        }
        return c;
    }

    @Override protected Section child() { return new ConfigSection(); }

    @Override public ConfigSection put(String key, Object value) {
        super.put(key, value);
        return this;
    }

    @Override public ConfigSection section(String key) { return (ConfigSection) super.section(key); }

    @Override public ConfigSection sub(String key) { return of(super.sub(key)); }

    public String string(String key, String ctx) throws FormatException {
        Object v = value(key);
        if (v instanceof String s) return s;
        throw new FormatException(ctx + ": missing or non-string \"" + key + "\".");
    }

    public long number(String key, String ctx) throws FormatException {
        Object v = value(key);
        if (v instanceof Long l) return l;
        throw new FormatException(ctx + ": missing or non-integer \"" + key + "\".");
    }

    public List<?> list(String key, String ctx) throws FormatException {
        Object v = value(key);
        if (v instanceof List<?> l) return l;
        throw new FormatException(ctx + ": missing or non-list \"" + key + "\".");
    }

    public List<String> strings(String key, String ctx) throws FormatException {
        Object v = value(key);
        if (v == null) return List.of();
        if (!(v instanceof List<?> l)) throw new FormatException(ctx + ": \"" + key + "\" is not a list.");
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String s)) throw new FormatException(ctx + ": \"" + key + "\" holds a non-string.");
            out.add(s);
        }
        return out;
    }
}
