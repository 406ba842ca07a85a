package ulvm.segtype;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import ulvm.format.ConfigSection;
import ulvm.format.FormatException;
import ulvm.model.Lv;
import ulvm.model.Section;
import ulvm.model.Segment;
import ulvm.model.ThinPoolSegment;
import ulvm.model.ThinSegment;
import ulvm.model.Vg;

/**
 * type = "thin-pool" (LVM2 2.03.16's lib/thin/thin.c _thin_pool_text_import/_export): metadata, pool,
 * transaction_id, chunk_size, discards, zero_new_blocks, crop_metadata and the queued messageN sections.
 */
public final class ThinPoolType implements SegmentType {
    static final ThinPoolType INSTANCE = new ThinPoolType();
    /** DM_THIN_MIN_DATA_BLOCK_SIZE and DM_THIN_MAX_DATA_BLOCK_SIZE, in sectors. */
    public static final long MIN_CHUNK = 128, MAX_CHUNK = 2097152;
    public static final Set<String> DISCARDS = Set.of("ignore", "nopassdown", "passdown");

    private ThinPoolType() {}

    /** The segment as a thin-pool one, or null. */
    public static ThinPoolSegment view(Segment s) { return s instanceof ThinPoolSegment p ? p : null; }

    /** The thin-pool segment of a pool LV, or null for any other LV. */
    public static ThinPoolSegment of(Lv lv) {
        return lv != null && lv.segments().size() == 1 && lv.segments().get(0) instanceof ThinPoolSegment p ? p : null;
    }

    /** A thin LV or a pool: not mapped until the dm-thin data path exists, so never activated. */
    public static boolean unmapped(Lv lv) { return of(lv) != null || ThinType.of(lv) != null; }

    /** The pool whose data or metadata LV is {@code sub}, or null. */
    public static Lv owner(Vg vg, String sub) {
        for (Lv l : vg.lvs()) {
            ThinPoolSegment p = of(l);
            if (p != null && (p.dataLv().equals(sub) || p.metadataLv().equals(sub))) return l;
        }
        return null;
    }

    /** The thin LVs in {@code pool}, in metadata order. */
    public static List<Lv> thins(Vg vg, String pool) {
        List<Lv> out = new ArrayList<>();
        for (Lv l : vg.lvs()) {
            ThinSegment t = ThinType.of(l);
            if (t != null && t.pool().equals(pool)) out.add(l);
        }
        return out;
    }

    /** The pool metadata spare, or null: as LVM2's import_vsn1.c finds it, a hidden LV named "..._pmspare". */
    public static Lv spare(Vg vg) {
        for (Lv l : vg.lvs()) if (isSpare(l)) return l;
        return null;
    }

    public static boolean isSpare(Lv l) { return !l.visible() && l.name().contains("_pmspare"); }

    @Override public String name() { return "thin-pool"; }

    @Override public Segment read(ConfigSection s, long start, long count, SegmentText in) throws FormatException {
        String c = in.context();
        String meta = s.string("metadata", c), data = s.string("pool", c);
        for (String n : List.of(meta, data)) if (!in.lvNames().contains(n)) throw new FormatException(c + ": unknown LV \"" + in.shown(n) + "\".");
        long txid = s.number("transaction_id", c), chunk = s.number("chunk_size", c);
        String discards = s.has("discards") ? s.string("discards", c) : "ignore";
        if (!DISCARDS.contains(discards)) throw new FormatException(c + ": discards option unsupported.");
        if (chunk < MIN_CHUNK || chunk > MAX_CHUNK) throw new FormatException(c + ": unsupported value " + chunk + " for chunk_size.");
        boolean zero = s.has("zero_new_blocks") && s.number("zero_new_blocks", c) != 0;
        Long crop = s.has("crop_metadata") ? s.number("crop_metadata", c) : null;
        List<ThinPoolSegment.Message> messages = new ArrayList<>();
        for (Section.Entry e : s.sections()) {
            Section m = e.section();
            if (m.value("create") instanceof String n) {
                if (!in.lvNames().contains(n)) throw new FormatException(c + ": unknown LV \"" + in.shown(n) + "\" for create message.");
                messages.add(ThinPoolSegment.Message.creating(n));
            } else if (m.value("delete") instanceof Long id) {
                messages.add(ThinPoolSegment.Message.deleting(id));
            } else throw new FormatException(c + ": unknown message.");
        }
        return new ThinPoolSegment(start, count, meta, data, txid, chunk, discards, zero, crop, messages);
    }

    @Override public void writeKeys(Segment seg, ConfigSection s, SegmentText.Out out) {
        ThinPoolSegment p = (ThinPoolSegment) seg;
        s.put("metadata", p.metadataLv());
        s.put("pool", p.dataLv());
        s.put("transaction_id", p.transactionId());
        s.put("chunk_size", p.chunkSize());
        s.put("discards", p.discards());
        if (p.zeroNewBlocks()) s.put("zero_new_blocks", 1L);
        if (p.cropMetadata() != null) s.put("crop_metadata", p.cropMetadata() != 0 ? 1L : 0L);
        int n = 1;
        for (ThinPoolSegment.Message m : p.messages()) {
            ConfigSection sec = s.section("message" + n++);
            if (m.create() != null) sec.put("create", m.create());
            else sec.put("delete", m.delete());
        }
    }

    @Override public String lvType(Segment s) { return "thinpool"; }

    @Override public List<String> layout(Segment s) { return List.of("thin", "pool"); }

    @Override public boolean monitored() { return true; }

    @Override public long chunkSize(Segment s) { return ((ThinPoolSegment) s).chunkSize(); }

    @Override public List<String> stackedLvs(Segment s) { return List.of(((ThinPoolSegment) s).metadataLv()); }

    @Override public boolean resizable(Lv lv) { return true; }

    @Override public Segment renamed(Segment s, UnaryOperator<String> rename) {
        ThinPoolSegment p = (ThinPoolSegment) s;
        List<ThinPoolSegment.Message> msgs = new ArrayList<>();
        for (ThinPoolSegment.Message m : p.messages()) msgs.add(m.create() == null ? m : ThinPoolSegment.Message.creating(rename.apply(m.create())));
        return p.withNames(rename.apply(p.metadataLv()), rename.apply(p.dataLv())).withMessages(msgs, p.transactionId());
    }

    @Override public void display(Segment s, SegmentDisplay out) {
        ThinPoolSegment p = (ThinPoolSegment) s;
        out.line("    Chunk size\t\t" + out.size(p.chunkSize()));
        out.line("    Discards\t\t" + p.discards());
        Lv pool = out.vg() == null ? null : owner(out.vg(), p.dataLv());
        if (pool != null) out.line("    Thin count\t\t" + thins(out.vg(), pool.name()).size());
        out.line("    Transaction ID\t" + p.transactionId());
        out.line("    Zero new blocks\t" + (p.zeroNewBlocks() ? "yes" : "no"));
        out.line("   ");
    }
}
