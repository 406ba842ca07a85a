package ulvm.ops;

import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.Section;
import ulvm.model.Vg;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvchange's metadata-only properties, as LVM2 2.03.16's lvchange.c: -k (activation skip), -r (read ahead) and
 * -M/--minor (a persistent minor number). Each LV in turn, a refusal of one told and the others changed.
 */
public final class LvProperties {
    /** What to change (null: leave it). {@code readAhead}: sectors, {@link #AUTO} or 0 (none). */
    public record Change(Boolean skip, Long readAhead, Boolean persistent, Long major, Long minor) { }

    public static final long AUTO = -2;

    private final Session s;

    public LvProperties(Session s) { this.s = s; }

    public void lvchange(List<String> args, Change c) throws LvmException {
        try (Scan scan = s.scan(true)) {
            LvArgs.forEach(s, scan, args, t -> one(scan, t, c));
        }
    }

    private void one(Scan scan, LvArgs.Target t, Change c) throws LvmException {
        VgCopies vc = s.writableVg(scan, t.vg());
        Vg vg = vc.vg();
        Lv lv = vg.lv(t.lv()).filter(l -> SnapshotRoles.userVisible(vg, l))
                .orElseThrow(() -> new LvmException("Failed to find logical volume \"" + t.display() + "\""));
        Lv next = lv;
        if (c.skip() != null) next = withSkip(next, c.skip());
        if (c.readAhead() != null) {
            long want = pageMultiple(c.readAhead(), s);
            String have = extra(lv, "read_ahead");
            long now = have == null ? AUTO : Long.parseLong(have) == -1 ? 0 : Long.parseLong(have);
            if (now == want)
                throw new LvmException("Read ahead is already " + (want == AUTO ? "auto" : String.valueOf(want)) + " for " + t.display() + ".");
            next = withReadAhead(next, want);
        }
        boolean quiet = false;
        if (c.persistent() != null) {
            if (!c.persistent()) {
                if (!lv.hasStatus("FIXED_MINOR")) throw new LvmException("Minor number is already not persistent for " + t.display() + ".");
                next = withExtra(withExtra(next.withStatusFlag("FIXED_MINOR", false), "major", null), "minor", null);
            } else {
                next = withMinor(next, c.major(), c.minor(), s);
                quiet = true; // LVM2's _lvchange_persistent says nothing on success
            }
        }
        s.commit(vc, vg.withLv(next));
        if (!quiet) s.say("Logical volume " + t.display() + " changed.");
    }

    /**
     * lvcreate -k, -r, -M y --minor (lvcreate.c _read_activation_params): the new LV with them; null fields are left.
     * Warnings (read ahead rounded, major ignored) are told now.
     */
    public static Lv forNew(Lv lv, Change c, Session s) {
        Lv next = lv;
        if (c.skip() != null && c.skip()) next = withSkip(next, true);
        if (c.readAhead() != null && c.readAhead() != AUTO) next = withReadAhead(next, pageMultiple(c.readAhead(), s));
        if (Boolean.TRUE.equals(c.persistent())) next = withMinor(next, c.major(), c.minor(), s);
        return next;
    }

    private static Lv withSkip(Lv lv, boolean skip) {
        List<String> flags = new ArrayList<>(lv.flags());
        flags.remove("ACTIVATION_SKIP");
        if (skip) flags.add("ACTIVATION_SKIP");
        return new Lv(lv.name(), lv.id(), lv.status(), flags, lv.tags(), lv.creationTime(), lv.creationHost(), lv.allocationPolicy(), lv.extras(), lv.segments());
    }

    /** Read ahead in sectors rounded down to whole 4 KiB pages, as LVM2 warns. */
    public static long pageMultiple(long want, Session s) {
        if (want > 0 && want % 8 != 0) {
            want = want < 8 ? 8 : want / 8 * 8;
            s.tell("WARNING: Overriding readahead to " + want + " sectors, a multiple of 4K page size.");
        }
        return want;
    }

    /** LVM2 writes none as -1 and auto as nothing. */
    private static Lv withReadAhead(Lv lv, long want) { return withExtra(lv, "read_ahead", want == AUTO ? null : want == 0 ? -1L : want); }

    /** FIXED_MINOR (before VISIBLE, LVM2's place), major 0 (the kernel picks majors) and the minor. */
    private static Lv withMinor(Lv lv, Long major, Long minor, Session s) {
        if (major != null)
            s.tell("WARNING: Ignoring supplied major number " + major + " - kernel assigns major numbers dynamically. Using major number 0 instead.");
        List<String> st = new ArrayList<>(lv.status());
        if (!st.contains("FIXED_MINOR")) st.add(Math.max(0, st.indexOf("VISIBLE")), "FIXED_MINOR");
        Lv next = new Lv(lv.name(), lv.id(), st, lv.flags(), lv.tags(), lv.creationTime(), lv.creationHost(), lv.allocationPolicy(), lv.extras(), lv.segments());
        return withExtra(withExtra(next, "major", 0L), "minor", minor);
    }

    private static String extra(Lv lv, String key) {
        for (Section.Entry e : lv.extras()) if (e.key().equals(key) && e.section() == null) return String.valueOf(e.value());
        return null;
    }

    /** {@code key} set to {@code value} in LVM2's place among the LV's keys (read_ahead, major, minor), or removed (null). */
    private static Lv withExtra(Lv lv, String key, Long value) {
        List<String> order = List.of("read_ahead", "major", "minor");
        List<Section.Entry> out = new ArrayList<>();
        for (Section.Entry e : lv.extras()) if (!e.key().equals(key)) out.add(e);
        if (value != null) {
            int at = out.size();
            for (int i = 0; i < out.size(); i++) {
                int k = order.indexOf(out.get(i).key());
                if (k > order.indexOf(key)) {
                    at = i;
                    break;
                }
            }
            out.add(at, new Section.Entry(key, value, null));
        }
        return new Lv(lv.name(), lv.id(), lv.status(), lv.flags(), lv.tags(), lv.creationTime(), lv.creationHost(), lv.allocationPolicy(), out,
                lv.segments());
    }
}
