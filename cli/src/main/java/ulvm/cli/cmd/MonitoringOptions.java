package ulvm.cli.cmd;

import picocli.CommandLine.Option;
import ulvm.api.LvmException;
import ulvm.cli.YesNo;

/**
 * LVM2's --monitor y|n, --ignoremonitoring, --poll y|n and --sysinit (vgchange, lvchange, lvcreate): dmeventd
 * monitoring and lvmpolld/background polling. ulvm has no dmeventd (a mount watches its own raid legs) and its mount
 * resumes an interrupted pvmove itself, so they are accepted, as LVM2 takes them where monitoring is not built in.
 */
public final class MonitoringOptions {
    @Option(names = "--monitor", paramLabel = "y|n", hidden = true) String monitor;
    @Option(names = "--ignoremonitoring", hidden = true) boolean ignoreMonitoring;
    @Option(names = "--poll", paramLabel = "y|n", hidden = true) String poll;
    @Option(names = "--sysinit", hidden = true) boolean sysinit;

    /** Whether --monitor or --poll was given (LVM2's vgchange_monitor, vgchange_poll, lvchange_monitor command forms). */
    boolean given() { return monitor != null || poll != null; }

    /** A bad y|n value: LVM2's parsing error. */
    void check() throws LvmException {
        for (String[] o : new String[][] {{"--monitor", monitor}, {"--poll", poll}}) {
            if (o[1] == null) continue;
            try {
                YesNo.parse(o[1], o[0]);
            } catch (LvmException e) {
                throw LvmException.invalid(e.getMessage() + "\nError during parsing of command line.");
            }
        }
    }
}
