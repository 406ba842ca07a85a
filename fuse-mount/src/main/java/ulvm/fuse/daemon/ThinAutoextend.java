package ulvm.fuse.daemon;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import ulvm.api.Console;
import ulvm.api.LvmException;
import ulvm.config.LvmConfig;
import ulvm.live.Activation;
import ulvm.store.SystemDir;

/**
 * dmeventd's thin plugin: every second, each running thin pool whose Data% is above lvm.conf's
 * activation/thin_pool_autoextend_threshold (100, the default, turns it off) is grown by {@code lvextend
 * --use-policies VG/POOL}, through the same command path as a user's command; held writes of a full pool go on.
 */
final class ThinAutoextend implements AutoCloseable {
    private final SystemDir sys;
    private final Activation activation;
    private final BiFunction<List<String>, Console, Integer> command;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "thin pool autoextend");
        t.setDaemon(true);
        return t;
    });

    ThinAutoextend(SystemDir sys, Activation activation, BiFunction<List<String>, Console, Integer> command) {
        this.sys = sys;
        this.activation = activation;
        this.command = command;
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    private void check() {
        try {
            List<String> pools = activation.runningPools();
            if (pools.isEmpty()) return;
            LvmConfig cfg = config();
            for (String vgPool : pools) {
                String[] vl = vgPool.split("/", 2);
                // the pool's metadata profile, else its VG's, between lvm.conf and --config (LVM2's lv_config_profile)
                Long threshold = cfg.forProfile(activation.metadataProfile(vl[0], vl[1])).number("activation/thin_pool_autoextend_threshold");
                if (threshold == null || threshold >= 100) continue;
                ulvm.thin.ThinUsage u = activation.thinUsage(vl[0], vl[1]);
                if (u == null || u.dataPercent() <= Math.max(50, threshold)) continue;
                log(vgPool + ": Data% " + String.format(java.util.Locale.ROOT, "%.2f", u.dataPercent()) + " is above "
                        + "thin_pool_autoextend_threshold " + threshold + "%: extending");
                Console c = new Console() {
                    @Override public void out(String line) { log(vgPool + ": autoextend: " + line.strip()); }
                    @Override public void err(String line) { log(vgPool + ": autoextend: " + line.strip()); }
                    @Override public boolean ask(String question) { return true; }
                };
                int rc = command.apply(List.of("lvextend", "--use-policies", vgPool), c);
                if (rc != 0) log(vgPool + ": automatic extension failed (exit " + rc + ")");
            }
        } catch (RuntimeException | LvmException e) {
            log("thin pool autoextend: " + e.getMessage());
        }
    }

    private LvmConfig config() throws LvmException { return LvmConfig.load(sys.root(), null); }

    private static void log(String msg) { System.err.println("ulvm daemon: " + msg); }

    @Override
    public void close() { timer.shutdownNow(); }
}
