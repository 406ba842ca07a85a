package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ulvm.api.LvmException;
import ulvm.report.Displays;
import ulvm.report.ReportOptions;
import ulvm.report.Source;

@Command(name = "lvdisplay", description = "Display logical volumes (-m: with their segment maps).")
public final class LvDisplay extends ReportBase {
    @Option(names = {"-c", "--colon"}) boolean colon;
    @Option(names = {"-C", "--columns"}) boolean columns;
    @Option(names = {"-m", "--maps"}) boolean maps;

    @Override
    protected List<String> missing(Source src) { return LvNames.missing(this, src); }

    @Override
    protected List<String> render(Source src, ReportOptions o) throws LvmException {
        if (columns) return ulvm.report.Reports.lvs(src, names, o); // -C: the lvs report
        if (colon) return ulvm.report.Colons.lvs(src, names, all, o);
        return Displays.lvdisplay(src, names, all, maps, o);
    }
}
