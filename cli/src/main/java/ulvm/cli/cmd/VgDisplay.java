package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ulvm.api.LvmException;
import ulvm.report.Displays;
import ulvm.report.ReportOptions;
import ulvm.report.Source;

@Command(name = "vgdisplay", description = "Display volume groups (-v: with their LVs and PVs; -s: short).")
public final class VgDisplay extends ReportBase {
    @Option(names = {"-c", "--colon"}) boolean colon;
    @Option(names = {"-C", "--columns"}) boolean columns;
    @Option(names = {"-s", "--short"}) boolean brief;

    @Override
    protected boolean showsExported() { return true; }

    @Override
    protected List<String> missing(Source src) { return VgNames.missing(this, src); }

    @Override
    protected List<String> render(Source src, ReportOptions o) throws LvmException {
        if (columns) return ulvm.report.Reports.vgs(src, names, o); // -C: the vgs report
        if (colon) return ulvm.report.Colons.vgs(src, names, o);
        return brief ? Displays.vgdisplayShort(src, names, o) : Displays.vgdisplay(src, names, common.verbose.length > 0, o);
    }
}
