package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ulvm.api.LvmException;
import ulvm.ops.Session;
import ulvm.report.ReportOptions;
import ulvm.report.Scans;
import ulvm.report.Source;

@Command(name = "lvmdiskscan", description = "List the devices that may be used as physical volumes (the PV image files).")
public final class LvmDiskScan extends ScanBase {
    @Option(names = {"-l", "--lvmpartition"}) boolean onlyPvs;

    @Override
    protected List<String> lines(Session s, Source src, ReportOptions o) throws LvmException {
        if (onlyPvs) s.tell("WARNING: Only considering LVM devices.");
        return Scans.lvmdiskscan(src, onlyPvs, o);
    }
}
