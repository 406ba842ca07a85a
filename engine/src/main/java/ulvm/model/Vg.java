package ulvm.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One version of a volume group's metadata. {@code extentSize} in sectors. Immutable. */
public record Vg(String name, String id, long seqno, List<String> status, List<String> flags, long extentSize, long maxLv,
                 long maxPv, long metadataCopies, List<Section.Entry> extras, List<Pv> pvs, List<Lv> lvs) {
    public Vg {
        status = List.copyOf(status);
        flags = List.copyOf(flags);
        extras = List.copyOf(extras);
        pvs = List.copyOf(pvs);
        lvs = List.copyOf(lvs);
    }

    public long extentBytes() { return extentSize * 512; }

    public Optional<Lv> lv(String n) {
        for (Lv l : lvs) if (l.name().equals(n)) return Optional.of(l);
        return Optional.empty();
    }

    public Optional<Pv> pv(String id) {
        for (Pv p : pvs) if (p.id().equals(id)) return Optional.of(p);
        return Optional.empty();
    }

    public int pvIndex(String id) {
        for (int i = 0; i < pvs.size(); i++) if (pvs.get(i).id().equals(id)) return i;
        return -1;
    }

    public Vg withSeqno(long s) { return new Vg(name, id, s, status, flags, extentSize, maxLv, maxPv, metadataCopies, extras, pvs, lvs); }

    public Vg withName(String n) { return new Vg(n, id, seqno, status, flags, extentSize, maxLv, maxPv, metadataCopies, extras, pvs, lvs); }

    public Vg withPvs(List<Pv> p) { return new Vg(name, id, seqno, status, flags, extentSize, maxLv, maxPv, metadataCopies, extras, p, lvs); }

    public Vg withLvs(List<Lv> l) { return new Vg(name, id, seqno, status, flags, extentSize, maxLv, maxPv, metadataCopies, extras, pvs, l); }

    public Vg withPv(Pv p) {
        List<Pv> out = new ArrayList<>(pvs);
        int i = pvIndex(p.id());
        if (i >= 0) out.set(i, p); else out.add(p);
        return withPvs(out);
    }

    /** Replaces the LV of the same name, or adds it at the end. */
    public Vg withLv(Lv lv) {
        List<Lv> out = new ArrayList<>(lvs);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).name().equals(lv.name())) {
                out.set(i, lv);
                return withLvs(out);
            }
        }
        out.add(lv);
        return withLvs(out);
    }

    public Vg withoutLv(String n) {
        List<Lv> out = new ArrayList<>(lvs);
        out.removeIf(l -> l.name().equals(n));
        return withLvs(out);
    }

    /** Replaces the LV with id {@code id} (used by renames). */
    public Vg replaceLv(String oldName, Lv lv) {
        List<Lv> out = new ArrayList<>(lvs);
        for (int i = 0; i < out.size(); i++) if (out.get(i).name().equals(oldName)) out.set(i, lv);
        return withLvs(out);
    }

    /** A top-level string setting the model keeps as it is (system_id, lock_type, lock_args); null when absent. */
    public String setting(String key) {
        for (Section.Entry e : extras) if (e.key().equals(key) && e.value() instanceof String v) return v;
        return null;
    }

    /** With {@code key} set to {@code value}, or removed when {@code value} is null or empty (LVM2 writes no empty system_id). */
    public Vg withSetting(String key, String value) {
        List<Section.Entry> out = new ArrayList<>();
        boolean put = value == null || value.isEmpty();
        for (Section.Entry e : extras) {
            if (!e.key().equals(key)) out.add(e);
            else if (!put) {
                out.add(new Section.Entry(key, value, null));
                put = true;
            }
        }
        if (!put) out.add(new Section.Entry(key, value, null));
        return new Vg(name, id, seqno, status, flags, extentSize, maxLv, maxPv, metadataCopies, out, pvs, lvs);
    }

    /** With the status flag {@code flag} set or cleared, in LVM2's order: EXPORTED first, then RESIZEABLE, then the rest. */
    public Vg withStatusFlag(String flag, boolean on) {
        List<String> st = new ArrayList<>(status);
        st.remove(flag);
        if (on) st.add(flag.equals("EXPORTED") ? 0 : flag.equals("RESIZEABLE") ? (st.contains("EXPORTED") ? 1 : 0) : st.size(), flag);
        return new Vg(name, id, seqno, st, flags, extentSize, maxLv, maxPv, metadataCopies, extras, pvs, lvs);
    }

    /** With the flag {@code flag} (LVM2's flags = [...], e.g. NOAUTOACTIVATE) set or cleared. */
    public Vg withFlag(String flag, boolean on) {
        List<String> f = new ArrayList<>(flags);
        f.remove(flag);
        if (on) f.add(flag);
        return new Vg(name, id, seqno, status, f, extentSize, maxLv, maxPv, metadataCopies, extras, pvs, lvs);
    }

    public boolean exported() { return status.contains("EXPORTED"); }

    /** LVM2's vg_is_shared: a lock type that needs lvmlockd. */
    public boolean shared() {
        String t = setting("lock_type");
        return t != null && (t.equals("sanlock") || t.equals("dlm") || t.equals("idm"));
    }

    public long totalExtents() {
        long n = 0;
        for (Pv p : pvs) n += p.peCount();
        return n;
    }
}
