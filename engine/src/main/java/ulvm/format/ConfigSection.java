package ulvm.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A section of libdm config text: ordered entries, each a value or a sub-section.
 * Values are {@link Long}, {@link Double}, {@link String} or a {@link List} of those.
 */
public final class ConfigSection {
    /** One entry; exactly one of value and section is set. */
    public record Entry(String key, Object value, ConfigSection section) {}

    private final List<Entry> entries = new ArrayList<>();

    public List<Entry> entries() { return entries; }

    public ConfigSection put(String key, Object value) {
        entries.add(new Entry(key, value, null));
        return this;
    }

    public ConfigSection section(String key) {
        ConfigSection s = new ConfigSection();
        entries.add(new Entry(key, null, s));
        return s;
    }

    public void addSection(String key, ConfigSection s) {
        entries.add(new Entry(key, null, s));
    }

    public Object value(String key) {
        for (Entry e : entries) if (e.key.equals(key) && e.section == null) return e.value;
        return null;
    }

    public ConfigSection sub(String key) {
        for (Entry e : entries) if (e.key.equals(key) && e.section != null) return e.section;
        return null;
    }

    public List<Entry> sections() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) if (e.section != null) out.add(e);
        return out;
    }

    public boolean has(String key) { return value(key) != null || sub(key) != null; }

    public String string(String key, String ctx) throws FormatException {
        Object v = value(key);
        if (v instanceof String s) return s;
        throw new FormatException(ctx + ": missing or non-string \"" + key + "\".");
    }

    public String stringOr(String key, String dflt) {
        return value(key) instanceof String s ? s : dflt;
    }

    public long number(String key, String ctx) throws FormatException {
        Object v = value(key);
        if (v instanceof Long l) return l;
        throw new FormatException(ctx + ": missing or non-integer \"" + key + "\".");
    }

    public long numberOr(String key, long dflt) {
        return value(key) instanceof Long l ? l : dflt;
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
