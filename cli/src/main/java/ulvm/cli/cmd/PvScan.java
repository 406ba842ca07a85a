package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ulvm.api.LvmException;
import ulvm.ops.Session;
import ulvm.report.ReportOptions;
import ulvm.report.Scans;
import ulvm.report.Source;

@Command(name = "pvscan", description = "List all physical volumes (-s: names only; -e: of exported VGs; -n: in no VG; -u: with UUIDs).")
public final class PvScan extends ScanBase {
    @Option(names = {"-s", "--short"}) boolean brief;
    @Option(names = {"-u", "--uuid"}) boolean uuids;
    @Option(names = {"-e", "--exported"}) boolean exported;
    @Option(names = {"-n", "--novolumegroup"}) boolean orphans;
    @Option(names = "--cache") boolean cache;

    @Override
    protected List<String> lines(Session s, Source src, ReportOptions o) throws LvmException {
        if (cache) throw new LvmException("pvscan --cache is not supported: ulvm has no udev autoactivation (ulvm mount activates the VGs).");
        if (exported && orphans) throw LvmException.invalid("Options -e and -n are incompatible");
        if (exported || orphans)
            s.tell("WARNING: only considering physical volumes " + (exported ? "of exported volume group(s)" : "in no volume group"));
        return Scans.pvscan(src, exported ? Scans.PvFilter.EXPORTED : orphans ? Scans.PvFilter.ORPHANS : Scans.PvFilter.ALL, brief, uuids, o);
    }
}
