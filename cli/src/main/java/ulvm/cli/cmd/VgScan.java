package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ulvm.ops.Session;
import ulvm.report.ReportOptions;
import ulvm.report.Scans;
import ulvm.report.Source;

@Command(name = "vgscan", description = "Search for all volume groups.")
public final class VgScan extends ScanBase {
    // LVM2's --mknodes (device nodes) and --notifydbus (lvmdbusd): ulvm has neither, as LVM2 without them
    @Option(names = "--mknodes", hidden = true) boolean mknodes;
    @Option(names = "--notifydbus", hidden = true) boolean notifyDbus;

    @Override
    protected List<String> lines(Session s, Source src, ReportOptions o) {
        return Scans.vgscan(src);
    }
}
