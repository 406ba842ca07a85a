package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import ulvm.api.LvmException;
import ulvm.report.ReportOptions;
import ulvm.report.Reports;
import ulvm.report.Source;

@Command(name = "vgs", description = "Report volume groups.")
public final class Vgs extends ReportBase {
    @Override
    protected List<String> missing(Source src) {
        List<String> errors = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String n : names) {
            if (vgExists(src, n)) kept.add(n);
            else {
                errors.add("Volume group \"" + n + "\" not found");
                errors.add("Cannot process volume group " + n);
                errorCount++;
            }
        }
        names.clear();
        names.addAll(kept);
        return errors;
    }

    @Override
    protected List<String> render(Source src, ReportOptions o) throws LvmException {
        return Reports.vgs(src, names, o);
    }
}
