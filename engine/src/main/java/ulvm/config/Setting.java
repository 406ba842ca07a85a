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
            new Setting("devices/use_devicesfile", 1L, "Enable or disable the use of a devices file (ulvm always uses one: 1 only)."),
            new Setting("backup/backup", 1L, "Maintain a backup of the current metadata configuration."),
            new Setting("backup/archive", 1L, "Maintain an archive of old metadata configurations."),
            new Setting("global/units", "r", "Default value for --units argument."),
            new Setting("global/suffix", 1L, "Display unit suffix for sizes."),
            new Setting("global/system_id_source", "none", "The method LVM uses to set the local system ID."),
            new Setting("global/system_id_file", null, "The full path to the file containing a system ID."),
            new Setting("activation/raid_fault_policy", "warn", "Defines how a device failure in a RAID LV is handled."),
            new Setting("report/separator", " ", "A separator to use on report after each field."),
            new Setting("report/headings", 1L, "Show headings for columns on report."),
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
