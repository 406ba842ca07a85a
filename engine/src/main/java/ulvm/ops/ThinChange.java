package ulvm.ops;

import java.util.List;
import ulvm.api.LvmException;
import ulvm.model.Lv;
import ulvm.model.ThinPoolSegment;
import ulvm.model.Vg;
import ulvm.segtype.ThinPoolType;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * lvchange --discards, -Z|--zero and --errorwhenfull of thin pools (LVM2 2.03.16's tools/lvchange.c
 * _lvchange_pool_update, _lvchange_errorwhenfull): a value already set is refused, the others still change; to or
 * from --discards ignore only while the pool is inactive.
 */
public final class ThinChange {
    private final Session s;

    public ThinChange(Session s) { this.s = s; }

    /** {@code discards} lower-case and known; null for an option not given. */
    public void poolProperties(List<String> args, Boolean errorWhenFull, String discards, Boolean zero) throws LvmException {
        try (Scan scan = s.scan(true)) {
            LvArgs.forEach(s, scan, args, t -> {
                VgCopies vc = s.writableVg(scan, t.vg());
                Vg vg = vc.vg();
                Lv lv = vg.lv(t.lv()).filter(l -> SnapshotRoles.userVisible(vg, l))
                        .orElseThrow(() -> new LvmException("Failed to find logical volume \"" + t.display() + "\""));
                ThinPoolSegment p = ThinPoolType.of(lv);
                if (p == null) throw LvArgs.typeRefused(t, "Command on LV " + t.display() + " uses options that require LV types thinpool .");
                int asked = 0, done = 0;
                StringBuilder errors = new StringBuilder();
                ThinPoolSegment q = p;
                if (discards != null || zero != null) {
                    asked++;
                    int update = 0;
                    if (discards != null) {
                        if (discards.equals(q.discards())) errors.append("Logical volume ").append(t.display()).append(" already uses --discards ").append(discards).append(".\n");
                        else if ((discards.equals("ignore") || "ignore".equals(q.discards())) && s.hooks().isActive(t.vg(), t.lv()))
                            errors.append("Cannot change support for discards while pool volume ").append(t.display()).append(" is active.\n");
                        else {
                            q = q.withDiscards(discards);
                            update++;
                        }
                    }
                    if (zero != null) {
                        if (zero == q.zeroNewBlocks()) errors.append("Logical volume ").append(t.display()).append(" already ").append(zero ? "" : "does not ").append("zero new blocks.\n");
                        else {
                            q = q.withZero(zero);
                            update++;
                        }
                    }
                    if (update > 0) done++;
                }
                Lv next = lv.withSegments(List.of(q));
                if (errorWhenFull != null) {
                    asked++;
                    boolean on = lv.flags().contains("ERROR_WHEN_FULL");
                    if (on == errorWhenFull) errors.append("Error when full is already ").append(on ? "" : "un").append("set for ").append(t.display()).append(".\n");
                    else {
                        List<String> flags = new java.util.ArrayList<>(lv.flags());
                        if (errorWhenFull) flags.add("ERROR_WHEN_FULL");
                        else flags.remove("ERROR_WHEN_FULL");
                        next = new Lv(next.name(), next.id(), next.status(), flags, next.tags(), next.creationTime(), next.creationHost(),
                                next.allocationPolicy(), next.extras(), next.segments());
                        done++;
                    }
                }
                for (String e : errors.toString().split("\n")) if (!e.isEmpty()) s.tell(e);
                if (done > 0) {
                    s.commit(vc, vg.withLv(next));
                    s.say("Logical volume " + t.display() + " changed.");
                }
                if (done != asked) throw new LvmException(LvmException.FAILED, null);
            });
        }
    }
}
