package ulvm.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.ThinPoolSegment;
import ulvm.model.ThinSegment;
import ulvm.model.Vg;
import ulvm.segtype.ThinPoolType;
import ulvm.segtype.ThinType;
import ulvm.store.VgCopies;

/**
 * A pool's queued messages as LVM2 2.03.16 keeps them (lib/metadata/thin_manip.c attach_pool_message,
 * pool_manip.c detach_pool_lv, update_pool_lv): the first message of a batch raises the pool's transaction_id; the
 * queue is sent when the pool can take it, and then dropped from the VG metadata.
 */
final class ThinMessages {
    private ThinMessages() {}

    /** attach_pool_message: {@code noUpdate} keeps the transaction id (a message replacing a queued one). */
    static ThinPoolSegment attach(ThinPoolSegment p, ThinPoolSegment.Message msg, boolean noUpdate) {
        List<ThinPoolSegment.Message> msgs = new ArrayList<>(p.messages());
        long txid = !noUpdate && msgs.isEmpty() ? p.transactionId() + 1 : p.transactionId();
        msgs.add(msg);
        return p.withMessages(msgs, txid);
    }

    /**
     * detach_pool_lv for a thin LV being removed: a queued create of it is dropped (and the delete then keeps the
     * transaction id), and a delete of its device is queued.
     */
    static Vg detach(Vg vg, Lv thin) {
        ThinSegment t = ThinType.of(thin);
        Lv pool = vg.lv(t.pool()).orElseThrow();
        ThinPoolSegment p = ThinPoolType.of(pool);
        List<ThinPoolSegment.Message> kept = new ArrayList<>();
        boolean noUpdate = false;
        for (ThinPoolSegment.Message m : p.messages()) {
            if (thin.name().equals(m.create())) noUpdate = true;
            else kept.add(m);
        }
        p = p.withMessages(kept, p.transactionId());
        if (t.deviceId() != 0) p = attach(p, ThinPoolSegment.Message.deleting(t.deviceId()), noUpdate);
        return vg.withLv(pool.withSegments(List.of(p)));
    }

    /**
     * update_pool_lv after a commit: when the pool can take them, the queued messages are sent, the transaction id
     * set last, and the VG committed without them; otherwise they stay queued for the pool's next activation.
     */
    static Vg deliver(Session s, VgCopies vc, Vg committed, String poolName) throws LvmException {
        Lv pool = committed.lv(poolName).orElse(null);
        ThinPoolSegment p = ThinPoolType.of(pool);
        if (p == null || p.messages().isEmpty() || !s.poolMessages().reachable(committed.name(), poolName)) return committed;
        ulvm.thin.PoolMessages out = s.poolMessages();
        try {
            for (ThinPoolSegment.Message m : p.messages()) {
                if (m.create() != null) {
                    ThinSegment t = ThinType.of(committed.lv(m.create()).orElseThrow());
                    ThinSegment o = t.origin() == null ? null : ThinType.of(committed.lv(t.origin()).orElse(null));
                    if (o == null) out.createThin(committed.name(), poolName, t.deviceId());
                    else out.createSnap(committed.name(), poolName, t.deviceId(), o.deviceId());
                } else {
                    out.delete(committed.name(), poolName, m.delete());
                }
            }
            out.setTransactionId(committed.name(), poolName, p.transactionId() - 1, p.transactionId());
        } catch (IOException e) {
            throw new LvmException("Failed to update pool " + committed.name() + "/" + poolName + ".");
        }
        Vg next = committed.withLv(pool.withSegments(List.of(p.withMessages(List.of(), p.transactionId()))));
        return s.commit(new VgCopies(committed, vc.devices(), List.of(), vc.reappeared()), next);
    }
}
