package ulvm.model;

import java.util.ArrayList;
import java.util.List;

/** A logical volume as recorded in metadata; hidden sub-LVs included. */
public record Lv(String name, String id, List<String> status, List<String> flags, List<String> tags, Long creationTime,
                 String creationHost, String allocationPolicy, List<Section.Entry> extras, List<Segment> segments) {
    public Lv {
        status = List.copyOf(status);
        flags = List.copyOf(flags);
        tags = List.copyOf(tags);
        extras = List.copyOf(extras);
        segments = List.copyOf(segments);
    }

    public boolean visible() { return status.contains("VISIBLE"); }

    public boolean writable() { return status.contains("WRITE"); }

    public boolean hasStatus(String s) { return status.contains(s); }

    public long extents() {
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).end();
    }

    public Lv withSegments(List<Segment> segs) {
        return new Lv(name, id, status, flags, tags, creationTime, creationHost, allocationPolicy, extras, segs);
    }

    public Lv withName(String n) {
        return new Lv(n, id, status, flags, tags, creationTime, creationHost, allocationPolicy, extras, segments);
    }

    public Lv withStatus(List<String> st) {
        return new Lv(name, id, st, flags, tags, creationTime, creationHost, allocationPolicy, extras, segments);
    }

    /**
     * With the metadata profile {@code name} (null: none) as LVM2 writes it: {@code profile = "NAME"} right after
     * allocation_policy, before the other settings kept (export.c _print_lv).
     */
    public Lv withProfile(String name) {
        List<Section.Entry> ex = new ArrayList<>();
        if (name != null) ex.add(new Section.Entry("profile", name, null));
        for (Section.Entry e : extras) if (!e.key().equals("profile")) ex.add(e);
        return new Lv(this.name, id, status, flags, tags, creationTime, creationHost, allocationPolicy, ex, segments);
    }

    /** With the flag {@code flag} (LVM2's flags = [...], e.g. NOAUTOACTIVATE) set or cleared. */
    public Lv withFlag(String flag, boolean on) {
        List<String> f = new ArrayList<>(flags);
        f.remove(flag);
        if (on) f.add(flag);
        return new Lv(name, id, status, f, tags, creationTime, creationHost, allocationPolicy, extras, segments);
    }

    public Lv withStatusFlag(String flag, boolean on) {
        List<String> st = new ArrayList<>(status);
        st.remove(flag);
        if (on) {
            // keep LVM2's order: READ, WRITE, VISIBLE, then the rest
            int at = switch (flag) {
                case "READ" -> 0;
                case "WRITE" -> st.contains("READ") ? 1 : 0;
                case "VISIBLE" -> (int) st.stream().filter(x -> x.equals("READ") || x.equals("WRITE")).count();
                default -> st.size();
            };
            st.add(at, flag);
        }
        return withStatus(st);
    }
}
