package ulvm.cli.cmd;

import java.util.List;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;
import ulvm.report.ReportOptions;
import ulvm.report.Source;
import ulvm.store.Scan;

/** lvscan, vgscan, pvscan and lvmdiskscan: read every VG (exported ones too) and print lines. */
abstract class ScanBase extends LvmCommand {
    @picocli.CommandLine.Mixin ReadOnlyOption readOnly;
    @Override
    protected boolean writes() { return false; }

    protected abstract List<String> lines(Session s, Source src, ReportOptions o) throws LvmException;

    @Override
    protected void run(Session s) throws LvmException {
        s.allow(ulvm.ops.VgAccess.Allow.EXPORTED);
        ReportOptions o = new ReportOptions();
        o.activity(ReportBase.activity(s));
        try (Scan scan = s.scan(false)) {
            s.warn(scan);
            for (String l : lines(s, Source.of(scan, s.hiddenVgs(scan, true)), o)) s.console().out(l);
        }
    }
}
