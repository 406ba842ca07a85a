package ulvm.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import ulvm.model.Area;
import ulvm.model.Lv;
import ulvm.model.Pv;
import ulvm.model.Segment;
import ulvm.model.ThinPoolSegment;
import ulvm.model.Vg;
import ulvm.store.PvDevice;
import ulvm.store.VgCopies;

/**
 * Whether a pool's queued messages were sent already: an activation (the mount) sends them and the pool's metadata
 * then has the VG's transaction id. LVM2 submits stacked messages before it queues a new one (lv_manip.c "Ensure all
 * stacked messages are submitted"); here the sent ones are dropped instead, so a new message starts a new batch and
 * raises the transaction id, as it does after LVM2's update_thin_pool_lv.
 */
final class ThinDelivered {
    private static final long MAGIC = 27022010;
    private static final int MAGIC_AT = 32, TRANS_ID_AT = 48;

    private ThinDelivered() {}

    /** {@code p} without its queued messages when the pool's metadata shows them sent; else {@code p}. */
    static ThinPoolSegment prune(VgCopies vc, Vg vg, ThinPoolSegment p) {
        if (p.messages().isEmpty()) return p;
        long sent = transactionId(vc, vg, p.metadataLv());
        return sent == p.transactionId() ? p.withMessages(List.of(), p.transactionId()) : p;
    }

    /** The transaction id in the superblock of metadata LV {@code name}: 0 when wiped (never activated), -1 unknown. */
    static long transactionId(VgCopies vc, Vg vg, String name) {
        Lv lv = vg.lv(name).orElse(null);
        if (lv == null || lv.segments().isEmpty()) return -1;
        Segment first = lv.segments().get(0);
        if (first.areas().isEmpty() || !(first.areas().get(0) instanceof Area.OnPv on)) return -1;
        Pv pv = vg.pv(on.pvId()).orElse(null);
        PvDevice d = vc.device(on.pvId());
        if (pv == null || d == null) return -1;
        try {
            ByteBuffer b = ByteBuffer.wrap(d.device().read(pv.peStart() * 512 + on.pe() * vg.extentBytes(), 512))
                    .order(ByteOrder.LITTLE_ENDIAN);
            long magic = b.getLong(MAGIC_AT);
            if (magic == 0) return 0;
            return magic == MAGIC ? b.getLong(TRANS_ID_AT) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
