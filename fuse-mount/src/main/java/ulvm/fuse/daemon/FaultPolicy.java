package ulvm.fuse.daemon;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import ulvm.api.Console;
import ulvm.api.LvmException;
import ulvm.config.LvmConfig;
import ulvm.store.SystemDir;

/**
 * What the daemon does when a raid1 leg fails, as dmeventd with lvm.conf's {@code activation/raid_fault_policy}:
 * "warn" (the default) logs how to repair; "allocate" runs {@code lvconvert --repair -y VG/LV} itself, on a thread of
 * its own (the failure is told from inside an I/O), through the same command path as a user's command, so the
 * failed image is replaced on a free PV and synced in the background.
 */
final class FaultPolicy implements AutoCloseable {
    private final SystemDir sys;
    private final BiFunction<List<String>, Console, Integer> command;
    private final ExecutorService repairs = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "raid fault policy");
        t.setDaemon(true);
        return t;
    });

    FaultPolicy(SystemDir sys, BiFunction<List<String>, Console, Integer> command) {
        this.sys = sys;
        this.command = command;
    }

    void legFailed(String vgLv) {
        String policy;
        try {
            policy = LvmConfig.load(sys.root(), null).string("activation/raid_fault_policy");
        } catch (LvmException e) {
            log(vgLv + ": raid_fault_policy not read: " + e.getMessage());
            return;
        }
        if (!"allocate".equals(policy)) {
            log(vgLv + ": use 'lvconvert --repair " + vgLv + "' to replace the failed image (raid_fault_policy is \"warn\")");
            return;
        }
        repairs.submit(() -> {
            log(vgLv + ": replacing the failed image (raid_fault_policy = \"allocate\")");
            Console c = new Console() {
                @Override public void out(String line) { log(vgLv + ": repair: " + line.strip()); }
                @Override public void err(String line) { log(vgLv + ": repair: " + line.strip()); }
                @Override public boolean ask(String question) { return true; }
            };
            int rc = command.apply(List.of("lvconvert", "--repair", "-y", vgLv), c);
            log(vgLv + (rc == 0 ? ": failed image replaced, syncing the new one" : ": automatic repair failed (exit " + rc + ")"));
        });
    }

    private static void log(String msg) { System.err.println("ulvm daemon: " + msg); }

    @Override
    public void close() { repairs.shutdownNow(); }
}
