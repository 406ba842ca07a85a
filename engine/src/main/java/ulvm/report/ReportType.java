package ulvm.report;

/** LVM2's report object types; the order is that of columns.h. {@code prefix} is what a bare field name may omit. */
public enum ReportType {
    LV("lv_"), PV("pv_"), VG("vg_"), SEG("seg_"), PVSEG("pvseg_");

    private final String prefix;

    ReportType(String prefix) { this.prefix = prefix; }

    public String prefix() { return prefix; }

    /** The JSON object name ("lv", "pv", ...). */
    public String jsonName() { return name().toLowerCase(); }
}
