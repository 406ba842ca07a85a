package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ulvm.api.LvmException;
import ulvm.report.Displays;
import ulvm.report.ReportOptions;
import ulvm.report.Source;

@Command(name = "pvdisplay", description = "Display physical volumes (-m: with their segment maps).")
public final class PvDisplay extends ReportBase {
    @Option(names = {"-c", "--colon"}) boolean colon;
    @Option(names = {"-s", "--short"}) boolean brief;
    @Option(names = {"-C", "--columns"}) boolean columns;
    @Option(names = {"-m", "--maps"}) boolean maps;

    @Override
    protected boolean showsExported() { return true; }

    @Override
    protected List<String> vgArgs() { return List.of(); }

    @Override
    protected List<String> missing(Source src) { return PvNames.missing(this, src); }

    @Override
    protected List<String> render(Source src, ReportOptions o) throws LvmException {
        if (columns) return ulvm.report.Reports.pvs(src, names, o); // -C: the pvs report
        if (colon) return ulvm.report.Colons.pvs(src, names, o);
        if (brief) return ulvm.report.Colons.pvsShort(src, names, o);
        return Displays.pvdisplay(src, names, maps, o);
    }
}
