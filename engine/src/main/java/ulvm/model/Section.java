package ulvm.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Metadata text ulvm carries without interpreting it (keys it does not know, a segment type it does not run):
 * ordered entries, each a value or a sub-section, written back as read. Values are {@link Long}, {@link Double},
 * {@link String} or a {@link List} of those. The text format's reader and writer ({@code ulvm.format}) extend it.
 */
public class Section {
    /** One entry; exactly one of value and section is set. */
    public record Entry(String key, Object value, Section section) {}

    private final List<Entry> entries = new ArrayList<>();

    public List<Entry> entries() { return entries; }

    public Section put(String key, Object value) {
        entries.add(new Entry(key, value, null));
        return this;
    }

    /** A new, empty sub-section {@code key}, added last. */
    public Section section(String key) {
        Section s = child();
        entries.add(new Entry(key, null, s));
        return s;
    }

    /** The kind of section {@link #section} makes (a subclass makes its own kind). */
    protected Section child() { return new Section(); }

    public void addSection(String key, Section s) {
        entries.add(new Entry(key, null, s));
    }

    public Object value(String key) {
        for (Entry e : entries) if (e.key().equals(key) && e.section() == null) return e.value();
        return null;
    }

    public Section sub(String key) {
        for (Entry e : entries) if (e.key().equals(key) && e.section() != null) return e.section();
        return null;
    }

    public List<Entry> sections() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) if (e.section() != null) out.add(e);
        return out;
    }

    public boolean has(String key) { return value(key) != null || sub(key) != null; }

    public String stringOr(String key, String dflt) {
        return value(key) instanceof String s ? s : dflt;
    }

    public long numberOr(String key, long dflt) {
        return value(key) instanceof Long l ? l : dflt;
    }
}
