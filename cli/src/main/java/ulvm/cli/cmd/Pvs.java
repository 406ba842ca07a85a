package ulvm.cli.cmd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import ulvm.api.LvmException;
import ulvm.report.ReportOptions;
import ulvm.report.Reports;
import ulvm.report.Source;

@Command(name = "pvs", description = "Report physical volumes.")
public final class Pvs extends ReportBase {
    @Override
    protected boolean showsExported() { return true; }

    @Override
    protected List<String> vgArgs() { return List.of(); }

    @Override
    protected List<String> missing(Source src) {
        return PvNames.missing(this, src);
    }

    @Override
    protected List<String> render(Source src, ReportOptions o) throws LvmException {
        return Reports.pvs(src, names, o);
    }
}
