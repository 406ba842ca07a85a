package ulvm.cli.cmd;

import ulvm.config.LvmConfig;
import ulvm.config.Setting;
import ulvm.report.ReportOptions;

/**
 * lvm.conf's report/ column, sort and compaction settings for a report run (LVM2's report.c): the *_cols, *_cols_verbose,
 * *_sort, *_cols_full and *_sort_full lists replace LVM2's defaults (the command line's -o and -O still apply on top),
 * compact_output(_cols) drops columns empty in every row (of a buffered report, as LVM2), binary_values_as_numeric
 * prints binary fields as 1 and 0, list_item_separator joins list items, prefixes, quoted and columns_as_rows as --nameprefixes, --unquoted and --rows.
 */
final class ReportSettings {
    private ReportSettings() {}

    static void apply(LvmConfig cfg, ReportOptions o) {
        for (Setting st : Setting.ALL) {
            if (!st.section().equals("report")) continue;
            String k = st.key();
            if ((k.contains("_cols") && !k.startsWith("compact")) || k.endsWith("_sort") || k.endsWith("_sort_full")) {
                String v = cfg.string(st.path());
                if (v != null) o.settings.put(k, v);
            }
        }
        boolean buffered = cfg.flag("report/buffered", true); // LVM2 compacts buffered reports only
        o.compact = buffered && cfg.flag("report/compact_output", false);
        String cols = cfg.string("report/compact_output_cols");
        if (buffered && cols != null) for (String c : cols.split(",")) if (!c.isBlank()) o.compactColumns.add(c.trim());
        o.binaryNumeric = cfg.flag("report/binary_values_as_numeric", false);
        o.prefixes = cfg.flag("report/prefixes", false);
        if (cfg.string("report/list_item_separator") != null) o.listSeparator = cfg.string("report/list_item_separator");
        o.quoted = cfg.flag("report/quoted", true);
        o.rows = cfg.flag("report/columns_as_rows", false);
        o.markHidden = cfg.flag("report/mark_hidden_devices", true);
    }
}
