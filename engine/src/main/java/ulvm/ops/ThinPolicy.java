package ulvm.ops;

import ulvm.api.LvmException;
import ulvm.config.LvmConfig;
import ulvm.thin.ThinUsage;

/**
 * {@code lvextend --use-policies} of a thin pool, as LVM2's lv_extend_policy_calculate_percent: with
 * activation/thin_pool_autoextend_threshold below 100 and the pool's Data% above it, the pool grows by
 * thin_pool_autoextend_percent of its size, or by more when that is what it takes to get below the threshold.
 */
public final class ThinPolicy {
    private ThinPolicy() {}

    /** The percent of its size the pool grows by now; 0 when the policy is off or the pool is below its threshold. */
    public static long extendPercent(LvmConfig config, String vgPool, ThinUsage usage, java.util.function.Consumer<String> warn)
            throws LvmException {
        Long t = config.number("activation/thin_pool_autoextend_threshold");
        Long a = config.number("activation/thin_pool_autoextend_percent");
        long threshold = t == null ? 100 : t, amount = a == null ? 20 : a;
        if (threshold < 50) {
            warn.accept("WARNING: Thin pool autoextend threshold " + threshold + "% is set below minimum supported 50%.");
            threshold = 50;
        }
        if (threshold >= 100) return 0; // the policy is off
        if (amount == 0) throw new LvmException("Can't extend " + vgPool + " with thin-pool autoextend percent set to 0%.");
        if (usage == null) throw new LvmException("Can't read state of locally inactive LV " + vgPool + ".");
        return adjust(usage.dataPercent(), threshold, amount);
    }

    /** The configuration for VG/LV's policy: with its metadata profile, else its VG's (LVM2's lv_config_profile). */
    public static LvmConfig configFor(Session s, String vg, String lv) throws LvmException {
        try (ulvm.store.Scan scan = s.scan(false)) {
            ulvm.model.Vg v = s.vg(scan, vg).vg();
            return s.config().forLv(v, v.lv(lv).orElse(null));
        } catch (LvmException e) {
            return s.config(); // lvextend reports what is wrong with the VG or LV
        }
    }

    /** LVM2's _adjust_amount: nothing at or below the threshold; else the larger of the amount and what gets below it. */
    static long adjust(double percent, long threshold, long amount) {
        if (!(percent > 50 && percent <= 100) || percent <= threshold) return 0;
        long needed = (long) Math.ceil(percent * 100 / threshold) - 100;
        return Math.max(amount, needed);
    }
}
