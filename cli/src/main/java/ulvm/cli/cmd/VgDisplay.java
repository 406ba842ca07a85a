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
    @Option(names = {"-s", "--short"}) boolean brief;

    @Override
    protected boolean showsExported() { return true; }

    @Override
    protected List<String> missing(Source src) { return VgNames.missing(this, src); }

    @Override
    protected List<String> render(Source src, ReportOptions o) throws LvmException {
        return brief ? Displays.vgdisplayShort(src, names, o) : Displays.vgdisplay(src, names, common.verbose.length > 0, o);
    }
}
