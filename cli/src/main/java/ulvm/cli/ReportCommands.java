package ulvm.cli;

import java.util.List;

/** Report commands (pvs, vgs, lvs, the display and scan commands). */
final class ReportCommands {
    static final List<Class<?>> ALL = List.of(ulvm.cli.cmd.Pvs.class, ulvm.cli.cmd.Vgs.class, ulvm.cli.cmd.Lvs.class,
            ulvm.cli.cmd.PvDisplay.class, ulvm.cli.cmd.VgDisplay.class, ulvm.cli.cmd.LvDisplay.class,
            ulvm.cli.cmd.LvScan.class, ulvm.cli.cmd.VgScan.class, ulvm.cli.cmd.PvScan.class, ulvm.cli.cmd.LvmDiskScan.class,
            ulvm.cli.cmd.FullReportCmd.class);

    private ReportCommands() {}
}
