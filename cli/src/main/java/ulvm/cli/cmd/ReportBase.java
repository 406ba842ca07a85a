package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.model.Lv;
import ulvm.ops.Session;
import ulvm.report.LvActivity;
import ulvm.report.ReportOptions;
import ulvm.report.Source;
import ulvm.report.Units;
import ulvm.store.Scan;

/** The options pvs, vgs and lvs share, and how a report run reads and prints. */
abstract class ReportBase extends LvmCommand {
    @picocli.CommandLine.Mixin ReadOnlyOption readOnly;
    @Parameters(arity = "0..*", paramLabel = "NAME") List<String> names = new ArrayList<>();
    @Option(names = {"-o", "--options"}, paramLabel = "FIELDS") List<String> options = new ArrayList<>();
    @Option(names = {"-O", "--sort"}, paramLabel = "KEYS") List<String> sort = new ArrayList<>();
    @Option(names = "--units", paramLabel = "UNIT") String units;
    @Option(names = "--nosuffix") boolean nosuffix;
    @Option(names = "--noheadings") boolean noheadings;
    @Option(names = "--separator", paramLabel = "S") String separator;
    @Option(names = "--aligned") boolean aligned;
    @Option(names = "--unbuffered") boolean unbuffered;
    @Option(names = "--rows") boolean rows;
    @Option(names = "--nameprefixes") boolean namePrefixes;
    @Option(names = "--unquoted") boolean unquoted;
    @Option(names = "--binary") boolean binary;
    @Option(names = {"-a", "--all"}) boolean all;
    @Option(names = "--segments") boolean segments;
    @Option(names = "--foreign") boolean foreign;
    @Option(names = "--shared") boolean shared;
    @Option(names = {"-S", "--select"}, paramLabel = "SELECTION") String select;

    /** VGs named on the command line that this command may not use, with LVM2's refusal (printed instead of "not found"). */
    final java.util.Map<String, String> refused = new java.util.HashMap<>();

    /** LVM2's READ_ALLOW_EXPORTED: vgs, pvs, vgdisplay and pvdisplay show exported VGs; lvs and lvdisplay do not. */
    protected boolean showsExported() { return false; }

    /** The VG names among the arguments (none for pvs and pvdisplay, whose arguments are PVs). */
    protected List<String> vgArgs() {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith("@")) continue;
            String v = ulvm.api.DevPaths.strip(n);
            out.add(v.contains("/") ? v.substring(0, v.indexOf('/')) : v);
        }
        return out;
    }

    @Override
    protected boolean writes() { return false; }

    protected abstract List<String> render(Source src, ReportOptions o) throws LvmException;

    protected ReportOptions options(Session s) throws LvmException {
        ReportOptions o = new ReportOptions();
        if (!(this instanceof FullReportCmd)) { // fullreport's -o and -O go to its sub-reports
            for (String c : options) o.columns(c);
            for (String k : sort) o.sort(k);
        }
        // lvm.conf's global/units, global/suffix, report/separator and report/headings, unless the command line says
        ulvm.config.LvmConfig cfg = s.config();
        String u = units != null ? units : cfg.string("global/units");
        boolean suffix = !nosuffix && cfg.flag("global/suffix", true);
        if (u != null || !suffix) o.units(Units.parse(u == null ? "h" : u, suffix));
        o.noHeadings(noheadings || !cfg.flag("report/headings", true)).aligned(aligned).all(all).segments(segments).verbose(common.verbose.length > 0);
        if (separator != null) o.separator(separator);
        else if (cfg.string("report/separator") != null) // LVM2 aligns a configured separator unless report/aligned = 0
            o.separator(cfg.string("report/separator")).aligned(aligned || cfg.flag("report/aligned", true));
        if (common.reportFormat != null) o.reportFormat(common.reportFormat);
        else if (cfg.string("report/output_format") != null) o.reportFormat(cfg.string("report/output_format"));
        ReportSettings.apply(cfg, o);
        String tf = cfg.string("report/time_format"); // toolcontext.c's _set_time_format, then config validation for ""
        if (tf != null && tf.isEmpty()) {
            s.tell("Configuration setting \"report/time_format\" invalid. It cannot be set to an empty value.");
            s.tell("WARNING: Ignoring unsupported value for report/time_format.");
        }
        else if (tf != null && !ulvm.report.TimeFormat.valid(tf)) throw new LvmException(4, "Invalid time format \"" + tf + "\" supplied.");
        else if (tf != null) o.timeFormat = tf;
        // reporter.c's _config_report: the command line over report/prefixes, quoted and columns_as_rows
        if (namePrefixes) o.prefixes = o.unaligned = true;
        if (unquoted) o.quoted = false;
        if (rows) o.rows = true;
        if (binary) o.binaryNumeric = true;
        o.select(select);
        o.activity(activity(s));
        return o;
    }

    /** What the running mount says of LVs (active, open, raid and snapshot status, pvmove progress). */
    static LvActivity activity(Session s) {
        return new LvActivity() {
            @Override public boolean active(String vg, Lv lv) { return s.hooks().isActive(vg, lv.name()); }
            @Override public boolean poolActivated(String vg, Lv pool) { return s.hooks().isPoolActivated(vg, pool.name()); }
            @Override public boolean open(String vg, Lv lv) { return s.hooks().isOpen(vg, lv.name()); }
            @Override public ulvm.raid.RaidStatus raid(String vg, Lv lv) { return s.hooks().raidStatus(vg, lv.name()); }
            @Override public ulvm.snapshot.SnapshotStatus snapshot(String vg, Lv lv) { return s.hooks().snapshotStatus(vg, lv.name()); }
            @Override public ulvm.thin.ThinUsage thin(String vg, Lv lv) { return s.hooks().thinUsage(vg, lv.name()); }
            @Override public long moved(ulvm.model.Vg vg, Lv pvmove) {
                java.nio.file.Path record = ulvm.move.MoveRecord.file(s.sys().root(), pvmove.id());
                ulvm.model.Vg at = ulvm.move.MoveRecord.apply(s.wiring().images(), record, vg, pvmove.name());
                return ulvm.move.MoveProgress.moved(at.lv(pvmove.name()).orElse(pvmove));
            }
        };
    }

    /** Error lines for names that do not exist (LVM2 prints the rows it found, then these, and exits 5). */
    protected List<String> missing(Source src) { return List.of(); }

    @Override
    protected void run(Session s) throws LvmException {
        if (ulvm.report.FieldHelp.asked(options)) { // libdm's _display_fields: the field list on stderr, nothing reported
            for (String l : ulvm.report.FieldHelp.lines()) s.console().err(l);
            return;
        }
        ReportOptions o = options(s);
        // toollib's _get_arg_lvnames and kin: an invalid @tag is skipped with a warning
        names.removeIf(n -> {
            boolean bad = n.startsWith("@") && !ulvm.model.Tags.valid(n.substring(1));
            if (bad) s.tell("Skipping invalid tag " + n + ".");
            return bad;
        });
        if (showsExported()) s.allow(ulvm.ops.VgAccess.Allow.EXPORTED);
        if (foreign) s.allow(ulvm.ops.VgAccess.Allow.FOREIGN);
        if (shared) s.allow(ulvm.ops.VgAccess.Allow.SHARED);
        try (Scan scan = s.scan(false)) {
            s.warn(scan);
            List<String> named = vgArgs();
            java.util.Set<String> hidden = s.hiddenVgs(scan, named.isEmpty());
            for (String n : named)
                if (hidden.contains(n)) refused.put(n, s.refusal(scan.vg(n).orElseThrow().vg()).message());
            Source src = Source.of(scan, hidden);
            List<String> errors = missing(src);
            List<String> lines = errors.isEmpty() || !names.isEmpty() ? render(src, o) : List.of();
            for (String l : lines) s.console().out(l);
            if (!errors.isEmpty()) throw new LvmException(String.join("\n", errors));
        }
    }

    static boolean vgExists(Source src, String vg) {
        return src.vgs().stream().anyMatch(v -> v.vg().name().equals(vg));
    }
}
