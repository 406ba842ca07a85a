package ulvm.cli.cmd;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ulvm.api.LvmException;
import ulvm.report.FullReport;
import ulvm.report.ReportOptions;
import ulvm.report.ReportType;
import ulvm.report.Source;

/**
 * fullreport [VG...]: every sub-report of each VG (LVM2's fullreport). {@code --configreport vg|pv|lv|pvseg|seg} makes
 * the -o and -O after it apply to that sub-report; LVM2 2.03.16 ignores those given before any --configreport.
 */
@Command(name = "fullreport", description = "Display full report: VGs, PVs, LVs and their segments.")
public final class FullReportCmd extends ReportBase {
    @Option(names = "--configreport", paramLabel = "ReportName") List<String> configReport = new java.util.ArrayList<>();

    @Override
    protected boolean showsExported() { return true; }

    @Override
    protected List<String> render(Source src, ReportOptions o) throws LvmException {
        Map<ReportType, FullReport.Sub> subs = FullReport.subs();
        ReportType at = null;
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null, opt = a;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                opt = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (a.length() > 2 && (a.startsWith("-o") || a.startsWith("-O")) && !a.startsWith("--")) {
                opt = a.substring(0, 2);
                value = a.substring(2);
            }
            boolean takes = opt.equals("--configreport") || opt.equals("-o") || opt.equals("--options") || opt.equals("-O") || opt.equals("--sort");
            if (!takes) continue;
            if (value == null && i + 1 < args.size()) value = args.get(++i);
            if (value == null) continue;
            if (opt.equals("--configreport")) at = type(value);
            else if (at == null) continue;
            else if (opt.equals("-o") || opt.equals("--options")) subs.get(at).columns.add(value);
            else subs.get(at).sort.add(value);
        }
        return FullReport.of(src, names, o, subs);
    }

    /** LVM2's report names for --configreport. */
    private static ReportType type(String v) throws LvmException {
        return switch (v) {
            case "vg" -> ReportType.VG;
            case "pv" -> ReportType.PV;
            case "lv" -> ReportType.LV;
            case "pvseg" -> ReportType.PVSEG;
            case "seg" -> ReportType.SEG;
            default -> throw LvmException.invalid("Invalid argument for --configreport: " + v + "\nError during parsing of command line.");
        };
    }
}
