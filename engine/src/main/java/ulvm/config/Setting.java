package ulvm.config;

import java.util.List;
import java.util.Map;

/**
 * A setting ulvm honours: its {@code section/key} path, LVM2's default (as {@code lvmconfig --type default} prints
 * it; null when LVM2 computes it) and LVM2's comment. The values a setting may take are checked where they are used.
 */
public record Setting(String path, Object dflt, String comment) {
    /** Every setting ulvm honours, in LVM2's order; any other setting in a config is refused. */
    public static final List<Setting> ALL = List.of(
            new Setting("config/profile_dir", null, "Directory where LVM looks for configuration profiles."),
            new Setting("devices/use_devicesfile", 1L, "Enable or disable the use of a devices file (ulvm always uses one: 1 only)."),
            new Setting("devices/filter", List.of("a|.*|"), "Limit the block devices that are used by LVM commands (ignored with the devices file, as LVM2's, with its warning)."),
            new Setting("devices/global_filter", List.of("a|.*|"), "Limit the block devices that are used by LVM system components (ignored with the devices file, as LVM2's, with its warning)."),
            new Setting("devices/issue_discards", 0L, "Issue discards to PVs that are no longer used by an LV (holes in the image files)."),
            new Setting("devices/dev_links", 0L, "ulvm's own: ulvm mount gives each active LV a loop device and /dev/VG/LV links, as with --dev-links."),
            new Setting("allocation/cling_tag_list", null, "Advise LVM which PVs to use when searching for new space."),
            new Setting("allocation/maximise_cling", 1L, "Use a previous allocation algorithm."),
            new Setting("allocation/raid_stripe_all_devices", 0L, "Stripe across all PVs when RAID stripes are not specified."),
            new Setting("allocation/thin_pool_zero", 1L, "Thin pool data chunks are zeroed before they are first used."),
            new Setting("allocation/thin_pool_discards", "passdown", "The discards behaviour of thin pool volumes."),
            new Setting("allocation/thin_pool_chunk_size_policy", "generic", "The chunk size calculation policy for thin pool volumes."),
            new Setting("allocation/thin_pool_chunk_size", null, "The minimal chunk size in KiB for thin pool volumes."),
            new Setting("allocation/physical_extent_size", 4096L, "Default physical extent size in KiB to use for new VGs."),
            new Setting("backup/backup", 1L, "Maintain a backup of the current metadata configuration."),
            new Setting("backup/backup_dir", null, "Location of the metadata backup files (ulvm: $ULVM_SYSTEM_DIR/backup by default)."),
            new Setting("backup/archive", 1L, "Maintain an archive of old metadata configurations."),
            new Setting("backup/archive_dir", null, "Location of the metdata archive files (ulvm: $ULVM_SYSTEM_DIR/archive by default)."),
            new Setting("backup/retain_min", 10L, "Minimum number of archives to keep."),
            new Setting("backup/retain_days", 30L, "Minimum number of days to keep archive files."),
            new Setting("shell/history_size", 100L, "Number of lines of history to store in ~/.lvm_history."),
            new Setting("global/units", "r", "Default value for --units argument."),
            new Setting("global/suffix", 1L, "Display unit suffix for sizes."),
            new Setting("global/system_id_source", "none", "The method LVM uses to set the local system ID."),
            new Setting("global/system_id_file", null, "The full path to the file containing a system ID."),
            new Setting("activation/raid_fault_policy", "warn", "Defines how a device failure in a RAID LV is handled."),
            new Setting("activation/thin_pool_autoextend_threshold", 100L, "Auto-extend a thin pool when its usage exceeds this percent."),
            new Setting("activation/thin_pool_autoextend_percent", 20L, "Auto-extending a thin pool adds this percent extra space."),
            new Setting("report/output_format", "basic", "Format of LVM command's report output."),
            new Setting("report/compact_output", 0L, "Do not print empty values for all report fields."),
            new Setting("report/compact_output_cols", "", "Do not print empty values for specified report fields."),
            new Setting("report/aligned", 1L, "Align columns in report output."),
            new Setting("report/buffered", 1L, "Buffer report output."),
            new Setting("report/headings", 1L, "Show headings for columns on report."),
            new Setting("report/separator", " ", "A separator to use on report after each field."),
            new Setting("report/list_item_separator", ",", "A separator to use for list items when reported."),
            new Setting("report/prefixes", 0L, "Use a field name prefix for each field reported."),
            new Setting("report/quoted", 1L, "Quote field values when using field name prefixes."),
            new Setting("report/columns_as_rows", 0L, "Output each column as a row."),
            new Setting("report/binary_values_as_numeric", 0L, "Use binary values 0 or 1 instead of descriptive literal values."),
            new Setting("report/time_format", "%Y-%m-%d %T %z", "Set time format for fields reporting time values."),
            new Setting("report/mark_hidden_devices", 1L, "Use brackets [] to mark hidden devices."),
            new Setting("report/lvs_sort", "vg_name,lv_name", "List of columns to sort by when reporting 'lvs' command."),
            new Setting("report/lvs_cols", "lv_name,vg_name,lv_attr,lv_size,pool_lv,origin,data_percent,metadata_percent,move_pv,mirror_log,copy_percent,convert_lv",
                    "List of columns to report for 'lvs' command."),
            new Setting("report/lvs_cols_verbose", "lv_name,vg_name,seg_count,lv_attr,lv_size,lv_major,lv_minor,lv_kernel_major,lv_kernel_minor,pool_lv,origin,"
                    + "data_percent,metadata_percent,move_pv,copy_percent,mirror_log,convert_lv,lv_uuid,lv_profile", "List of columns to report for 'lvs' command in verbose mode."),
            new Setting("report/vgs_sort", "vg_name", "List of columns to sort by when reporting 'vgs' command."),
            new Setting("report/vgs_cols", "vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free", "List of columns to report for 'vgs' command."),
            new Setting("report/vgs_cols_verbose", "vg_name,vg_attr,vg_extent_size,pv_count,lv_count,snap_count,vg_size,vg_free,vg_uuid,vg_profile",
                    "List of columns to report for 'vgs' command in verbose mode."),
            new Setting("report/pvs_sort", "pv_name", "List of columns to sort by when reporting 'pvs' command."),
            new Setting("report/pvs_cols", "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free", "List of columns to report for 'pvs' command."),
            new Setting("report/pvs_cols_verbose", "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,dev_size,pv_uuid", "List of columns to report for 'pvs' command in verbose mode."),
            new Setting("report/segs_sort", "vg_name,lv_name,seg_start", "List of columns to sort by when reporting 'lvs --segments' command."),
            new Setting("report/segs_cols", "lv_name,vg_name,lv_attr,stripes,segtype,seg_size", "List of columns to report for 'lvs --segments' command."),
            new Setting("report/segs_cols_verbose", "lv_name,vg_name,lv_attr,seg_start,seg_size,stripes,segtype,stripesize,chunksize",
                    "List of columns to report for 'lvs --segments' command in verbose mode."),
            new Setting("report/pvsegs_sort", "pv_name,pvseg_start", "List of columns to sort by when reporting 'pvs --segments' command."),
            new Setting("report/pvsegs_cols", "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,pvseg_start,pvseg_size", "List of columns to sort by when reporting 'pvs --segments' command."),
            new Setting("report/pvsegs_cols_verbose", "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,pvseg_start,pvseg_size,lv_name,seg_start_pe,segtype,seg_pe_ranges",
                    "List of columns to sort by when reporting 'pvs --segments' command in verbose mode."),
            new Setting("report/vgs_cols_full", "vg_all", "List of columns to report for lvm fullreport's 'vgs' subreport."),
            new Setting("report/pvs_cols_full", "pv_all", "List of columns to report for lvm fullreport's 'vgs' subreport."),
            new Setting("report/lvs_cols_full", "lv_all", "List of columns to report for lvm fullreport's 'lvs' subreport."),
            new Setting("report/pvsegs_cols_full", "pvseg_all,pv_uuid,lv_uuid", "List of columns to report for lvm fullreport's 'pvseg' subreport."),
            new Setting("report/segs_cols_full", "seg_all,lv_uuid", "List of columns to report for lvm fullreport's 'seg' subreport."),
            new Setting("report/vgs_sort_full", "vg_name", "List of columns to sort by when reporting lvm fullreport's 'vgs' subreport."),
            new Setting("report/pvs_sort_full", "pv_name", "List of columns to sort by when reporting lvm fullreport's 'vgs' subreport."),
            new Setting("report/lvs_sort_full", "vg_name,lv_name", "List of columns to sort by when reporting lvm fullreport's 'lvs' subreport."),
            new Setting("report/pvsegs_sort_full", "pv_uuid,pvseg_start", "List of columns to sort by when reporting for lvm fullreport's 'pvseg' subreport."),
            new Setting("report/segs_sort_full", "lv_uuid,seg_start", "List of columns to sort by when reporting lvm fullreport's 'seg' subreport."),
            new Setting("local/system_id", null, "Defines the local system ID for lvmlocal mode."));

    private static final Map<String, Setting> BY_PATH;

    static {
        Map<String, Setting> m = new java.util.LinkedHashMap<>();
        for (Setting s : ALL) m.put(s.path, s);
        BY_PATH = java.util.Collections.unmodifiableMap(m);
    }

    public static Setting of(String path) { return BY_PATH.get(path); }

    public String section() { return path.substring(0, path.indexOf('/')); }

    public String key() { return path.substring(path.indexOf('/') + 1); }
}
