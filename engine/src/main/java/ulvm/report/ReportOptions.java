package ulvm.report;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The report options of pvs/vgs/lvs (and the units of the display commands). Chained setters; every
 * option defaults to LVM2's default.
 */
public final class ReportOptions {
    /** Each -o argument in order ("a,b", "+c", ...). */
    public final List<String> columns = new ArrayList<>();
    /** Each -O argument in order ("-lv_size,lv_name"). */
    public final List<String> sort = new ArrayList<>();
    public Units units = Units.DEFAULT;
    public boolean noHeadings;
    /** lvm.conf's report/*_cols, *_cols_verbose, *_sort, *_cols_full and *_sort_full, by key ("lvs_cols"...). */
    public final java.util.Map<String, String> settings = new java.util.HashMap<>();
    /** report/compact_output: every column empty in all rows is left out. */
    public boolean compact;
    /** report/compact_output_cols: these columns are left out when empty in all rows. */
    public final java.util.Set<String> compactColumns = new java.util.HashSet<>();
    /** report/binary_values_as_numeric: binary fields print 1 or 0. */
    public boolean binaryNumeric;

    /** The configured value of report/{@code key}, or LVM2's default {@code dflt}. */
    public String setting(String key, String dflt) { return settings.getOrDefault(key, dflt); }
    /** --separator; null for the default (a space, aligned). */
    public String separator;
    public boolean aligned;
    /** --nameprefixes or report/prefixes: each value as LVM2_FIELD_ID='value'. */
    public boolean prefixes;
    /** report/quoted (--unquoted clears it): prefixed values in single quotes. */
    public boolean quoted = true;
    /** --rows or report/columns_as_rows: one line per field (libdm then never aligns). */
    public boolean rows;
    /** report/mark_hidden_devices: hidden LVs' names in brackets (lv_name, seg_le_ranges, seg_metadata_le_ranges). */
    public boolean markHidden = true;
    /** --nameprefixes: no alignment even with the default separator (reporter.c's _config_report). */
    public boolean unaligned;
    /** report/list_item_separator: between the items of a string list (LVM2's devices, metadata_devices, seg_pe_ranges keep theirs). */
    public String listSeparator = ",";
    /** report/time_format: lv_time's strftime format. */
    public String timeFormat = TimeFormat.DEFAULT;
    /** --reportformat json. */
    public boolean json;
    /** -a: hidden LVs too. */
    public boolean all;
    /** --segments. */
    public boolean segments;
    /** -v: the verbose column sets. */
    public boolean verbose;
    public LvActivity activity = LvActivity.NONE;
    /** -S/--select: libdm's selection criteria; null selects every row. */
    public String select;
    /** {@link #select} parsed, for the "selected" field. */
    Selection selection = Selection.ALL;
    public ZoneId zone = ZoneId.systemDefault();

    public ReportOptions columns(String o) { columns.add(o); return this; }

    public ReportOptions sort(String o) { sort.add(o); return this; }

    public ReportOptions units(Units u) { units = u; return this; }

    public ReportOptions noHeadings(boolean b) { noHeadings = b; return this; }

    public ReportOptions separator(String s) { separator = s; return this; }

    public ReportOptions aligned(boolean b) { aligned = b; return this; }

    /** "basic" or "json"; anything else is refused as LVM2 does. */
    public ReportOptions reportFormat(String f) throws ulvm.api.LvmException {
        if (f.equals("json")) json = true;
        else if (f.equals("basic")) json = false;
        else throw ulvm.api.LvmException.invalid("Invalid argument for --reportformat: " + f);
        return this;
    }

    public ReportOptions json(boolean b) { json = b; return this; }

    /** Whether values are padded to their column's width (libdm's DM_REPORT_OUTPUT_ALIGNED). */
    boolean padded() { return (separator == null || aligned) && !unaligned && !rows; }

    public ReportOptions all(boolean b) { all = b; return this; }

    public ReportOptions segments(boolean b) { segments = b; return this; }

    public ReportOptions verbose(boolean b) { verbose = b; return this; }

    public ReportOptions select(String s) { select = s; return this; }

    public ReportOptions activity(LvActivity a) { activity = a; return this; }

    public ReportOptions zone(ZoneId z) { zone = z; return this; }
}
