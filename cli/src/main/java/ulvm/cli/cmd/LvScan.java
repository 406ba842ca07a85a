package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ulvm.ops.Session;
import ulvm.report.ReportOptions;
import ulvm.report.Scans;
import ulvm.report.Source;

@Command(name = "lvscan", description = "List all logical volumes in all volume groups (-a: hidden ones too).")
public final class LvScan extends ScanBase {
    @Option(names = {"-a", "--all"}) boolean all;
    @Option(names = {"-b", "--blockdevice"}, description = "No longer used (LVM2 ignores it too).") boolean blockdevice;

    @Override
    protected List<String> lines(Session s, Source src, ReportOptions o) {
        return Scans.lvscan(src, all, o);
    }
}
