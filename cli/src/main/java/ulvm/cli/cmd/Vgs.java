package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import ulvm.api.LvmException;
import ulvm.report.ReportOptions;
import ulvm.report.Reports;
import ulvm.report.Source;

@Command(name = "vgs", description = "Report volume groups.")
public final class Vgs extends ReportBase {
    @Override
    protected boolean showsExported() { return true; }

    @Override
    protected List<String> missing(Source src) { return VgNames.missing(this, src); }

    @Override
    protected List<String> render(Source src, ReportOptions o) throws LvmException {
        return Reports.vgs(src, names, o);
    }
}
