package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import ulvm.api.LvmException;
import ulvm.report.ReportOptions;
import ulvm.report.Reports;
import ulvm.report.Source;

@Command(name = "lvs", description = "Report logical volumes.")
public final class Lvs extends ReportBase {
    /** LVM2's -H|--history: historical LVs too; ulvm records none (as LVM2 without metadata/record_lvs_history), so the report is the same. */
    @picocli.CommandLine.Option(names = {"-H", "--history"}) boolean history;
    @Override
    protected List<String> missing(Source src) {
        return LvNames.missing(this, src);
    }

    @Override
    protected List<String> render(Source src, ReportOptions o) throws LvmException {
        return Reports.lvs(src, names, o);
    }
}
