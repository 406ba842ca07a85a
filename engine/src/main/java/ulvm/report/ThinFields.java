package ulvm.report;

import static ulvm.report.Field.Kind.BIN;
import static ulvm.report.Field.Kind.NUM;
import static ulvm.report.Field.Kind.STR;

import ulvm.model.Lv;
import ulvm.model.Segment;
import ulvm.model.ThinPoolSegment;
import ulvm.model.ThinSegment;
import ulvm.segtype.ThinPoolType;
import ulvm.segtype.ThinType;

/**
 * The thin fields of LVM2 2.03.16's report.c: pool_lv, data_lv, metadata_lv and lv_when_full (LV fields, see
 * {@link LvFields}), and the segment fields thin_count, thin_id, transaction_id, discards and zero. A thin LV
 * reports its pool's discards and zero; every other LV leaves them blank ("unknown" for zero).
 */
final class ThinFields {
    private ThinFields() {}

    /** The pool segment a segment's discards and zero come from: its own or its thin pool's; null for others. */
    static ThinPoolSegment poolOf(VgFacts f, Segment s) {
        if (ThinPoolType.view(s) != null) return ThinPoolType.view(s);
        ThinSegment t = ThinType.view(s);
        return t == null ? null : ThinPoolType.of(f.byName.get(t.pool()));
    }

    static Cell poolLv(VgFacts f, Lv lv) {
        ThinSegment t = ThinType.of(lv);
        return Cell.str(t == null ? "" : t.pool());
    }

    /** data_lv or metadata_lv of a pool, as lvs prints a hidden LV ("[pool_tdata]"). */
    static Cell sub(VgFacts f, Lv lv, boolean data, ReportOptions o) {
        ThinPoolSegment p = ThinPoolType.of(lv);
        if (p == null) return Cell.EMPTY;
        String n = data ? p.dataLv() : p.metadataLv();
        Lv sub = f.byName.get(n);
        return Cell.str(sub == null || !o.markHidden ? n : LvFields.displayName(f, sub));
    }

    /** lv_metadata_size of a pool: its metadata LV's size. */
    static Cell metadataSize(VgFacts f, Lv lv, ReportOptions o) {
        ThinPoolSegment p = ThinPoolType.of(lv);
        Lv meta = p == null ? null : f.byName.get(p.metadataLv());
        return meta == null ? Cell.EMPTY : Cell.size(LvFields.sizeOf(f, meta), o.units);
    }

    static Cell whenFull(Lv lv) {
        if (ThinPoolType.of(lv) == null) return Cell.EMPTY;
        return Cell.str(lv.flags().contains("ERROR_WHEN_FULL") ? "error" : "queue");
    }

    /** lvdisplay's thin lines (display.c lvdisplay_full): a thin LV's pool, origin, external origin and merge; a pool's sub-LVs. */
    static void display(java.util.List<String> out, VgFacts f, Lv lv) {
        ThinSegment t = ThinType.of(lv);
        ThinPoolSegment p = ThinPoolType.of(lv);
        if (t != null) {
            out.add("  LV Pool name           " + t.pool());
            if (t.origin() != null) out.add("  LV Thin origin name    " + t.origin());
            if (t.externalOrigin() != null) out.add("  LV External origin name " + t.externalOrigin());
            if (t.merge() != null) out.add("  LV merging to          " + t.merge());
            for (Lv l : f.vg.lvs()) { // lv_is_merging_origin
                ThinSegment m = ThinType.of(l);
                if (m != null && lv.name().equals(m.merge())) out.add("  LV merged with         " + l.name());
            }
        } else if (p != null) {
            out.add("  LV Pool metadata       " + p.metadataLv());
            out.add("  LV Pool data           " + p.dataLv());
        }
    }

    private interface SegFn { Cell apply(VgFacts f, Segment s); }

    private static void seg(String id, String heading, Field.Kind kind, SegFn fn) {
        Fields.add(ReportType.SEG, id, heading, 0, kind, (r, o) -> r.seg() != null && r.lv() != null ? fn.apply(r.vg(), r.seg()) : Cell.EMPTY);
    }

    static void register() {
        seg("thin_count", "#Thins", NUM, (f, s) -> {
            ThinPoolSegment p = ThinPoolType.view(s);
            Lv pool = p == null ? null : ThinPoolType.owner(f.vg, p.dataLv());
            return pool == null ? Cell.EMPTY : Cell.num(ThinPoolType.thins(f.vg, pool.name()).size());
        });
        seg("thin_id", "ThId", NUM, (f, s) -> ThinType.view(s) != null ? Cell.num(ThinType.view(s).deviceId()) : Cell.EMPTY);
        seg("transaction_id", "TransId", NUM, (f, s) -> ThinPoolType.view(s) != null ? Cell.num(ThinPoolType.view(s).transactionId())
                : ThinType.view(s) != null ? Cell.num(ThinType.view(s).transactionId()) : Cell.EMPTY);
        seg("discards", "Discards", STR, (f, s) -> {
            ThinPoolSegment p = poolOf(f, s);
            return Cell.str(p == null ? "" : p.discards());
        });
        seg("zero", "Zero", BIN, (f, s) -> {
            ThinPoolSegment p = poolOf(f, s);
            return p == null ? new Cell("unknown", -1L) : Cell.bin(p.zeroNewBlocks(), "zero");
        });
    }
}
