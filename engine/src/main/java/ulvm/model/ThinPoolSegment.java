package ulvm.model;

import java.util.List;

/**
 * type = "thin-pool" (LVM2's lib/thin/thin.c): the pool LV's one segment, over its data LV ({@code pool}) with its
 * metadata LV. {@code chunkSize} in sectors; {@code discards} "ignore", "nopassdown" or "passdown";
 * {@code cropMetadata} null when the key is absent; {@code messages} the queued messageN sections, in order.
 */
public record ThinPoolSegment(long start, long count, String metadataLv, String dataLv, long transactionId, long chunkSize,
                              String discards, boolean zeroNewBlocks, Long cropMetadata, List<Message> messages)
        implements Segment {
    public ThinPoolSegment {
        messages = List.copyOf(messages);
    }

    /** One queued message: create of the thin LV {@code create}, or (create null) delete of device {@code delete}. */
    public record Message(String create, long delete) {
        public static Message creating(String lv) { return new Message(lv, 0); }

        public static Message deleting(long deviceId) { return new Message(null, deviceId); }
    }

    @Override public String type() { return "thin-pool"; }

    /** The data LV is the segment's one area, as LVM2 has it (seg_lv(seg, 0)). */
    @Override public List<Area> areas() { return List.of(new Area.OnLv(dataLv, 0)); }

    @Override public long areaLength() { return count; }

    @Override public Segment withStart(long s) { return with(s, count, transactionId); }

    @Override public Segment withAreas(List<Area> areas) { return this; }

    public ThinPoolSegment with(long s, long n, long txid) {
        return new ThinPoolSegment(s, n, metadataLv, dataLv, txid, chunkSize, discards, zeroNewBlocks, cropMetadata, messages);
    }

    public ThinPoolSegment withTransactionId(long txid) { return with(start, count, txid); }

    public ThinPoolSegment withCount(long n) { return with(start, n, transactionId); }

    public ThinPoolSegment withDiscards(String d) {
        return new ThinPoolSegment(start, count, metadataLv, dataLv, transactionId, chunkSize, d, zeroNewBlocks, cropMetadata, messages);
    }

    public ThinPoolSegment withZero(boolean z) {
        return new ThinPoolSegment(start, count, metadataLv, dataLv, transactionId, chunkSize, discards, z, cropMetadata, messages);
    }

    public ThinPoolSegment withMessages(List<Message> m, long txid) {
        return new ThinPoolSegment(start, count, metadataLv, dataLv, txid, chunkSize, discards, zeroNewBlocks, cropMetadata, m);
    }

    public ThinPoolSegment withNames(String meta, String data) {
        return new ThinPoolSegment(start, count, meta, data, transactionId, chunkSize, discards, zeroNewBlocks, cropMetadata, messages);
    }
}
