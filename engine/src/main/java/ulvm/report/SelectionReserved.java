package ulvm.report;

import java.util.List;
import java.util.Map;
import ulvm.report.Field.Kind;

/**
 * LVM2's reserved selection values (lib/report/values.h): the undefined number ("-1", "unknown", "undefined",
 * "undef"), the names of binary fields ("allocatable"/"yes" is 1, "no" 0), permissions, "unmanaged", "auto" and the
 * "undefined" of string fields that may be blank.
 */
final class SelectionReserved {
    private SelectionReserved() {}

    /** A reserved value: a number (or size) or a string; {@code strict} ones are skipped by &lt; and &gt;. */
    record Value(long num, String str, boolean strict) {}

    private static final List<String> UNDEF_NAMES = List.of("-1", "unknown", "undefined", "undef");

    private static final Map<String, List<String>> BINARY = Map.ofEntries(
            Map.entry("pv_allocatable", List.of("allocatable")), Map.entry("pv_exported", List.of("exported")),
            Map.entry("pv_missing", List.of("missing")), Map.entry("pv_in_use", List.of("used", "in use")),
            Map.entry("pv_duplicate", List.of("duplicate")), Map.entry("vg_extendable", List.of("extendable")),
            Map.entry("vg_exported", List.of("exported")), Map.entry("vg_partial", List.of("partial")),
            Map.entry("vg_clustered", List.of("clustered")), Map.entry("vg_shared", List.of("shared")),
            Map.entry("lv_merging", List.of("merging")), Map.entry("lv_converting", List.of("converting")),
            Map.entry("lv_allocation_locked", List.of("allocation locked", "locked")),
            Map.entry("lv_fixed_minor", List.of("fixed minor", "fixed")), Map.entry("lv_device_open", List.of("open")),
            Map.entry("lv_skip_activation", List.of("skip activation", "skip")));

    /** Blank string fields whose blank is reserved as "undefined" (and so may not be written as ""). */
    private static final List<String> UNDEF_STRINGS = List.of("lv_when_full", "seg_monitor", "lv_health_status", "cache_policy", "kernel_discards");

    static Value lookup(Field f, String name) {
        String id = f.id();
        if ((f.kind() == Kind.NUM || f.kind() == Kind.BIN) && UNDEF_NAMES.contains(name)) return new Value(SelectionValue.UNDEF, null, true);
        List<String> bin = BINARY.get(id);
        if (bin != null) {
            if (bin.contains(name) || name.equals("yes")) return new Value(1, null, false);
            if (name.equals("no")) return new Value(0, null, false);
        }
        if (id.equals("lv_permissions") || id.equals("vg_permissions")) {
            if (List.of("writeable", "rw", "read-write").contains(name)) return new Value(0, "writeable", false);
            if (List.of("read-only", "r", "ro").contains(name)) return new Value(0, "read-only", false);
            if (id.equals("lv_permissions") && List.of("read-only-override", "ro-override", "r-override", "R").contains(name))
                return new Value(0, "read-only-override", false);
        }
        if (id.equals("vg_mda_copies") && name.equals("unmanaged")) return new Value(SelectionValue.UNDEF, null, true);
        if (id.equals("lv_read_ahead") && name.equals("auto")) return new Value(SelectionValue.UNDEF, null, true);
        if (id.equals("lv_when_full")) {
            if (List.of("error", "error when full", "error if no space").contains(name)) return new Value(0, "error", false);
            if (List.of("queue", "queue when full", "queue if no space").contains(name)) return new Value(0, "queue", false);
        }
        if (UNDEF_STRINGS.contains(id) && name.equals("undefined")) return new Value(0, "", true);
        return null;
    }

    /** A string written in a selection that equals a strictly reserved one (the blank of {@link #UNDEF_STRINGS}). */
    static boolean strictString(String id, String value) { return value.isEmpty() && UNDEF_STRINGS.contains(id); }

    /** Whether a field's value is a reserved value that &lt;, &gt; and their kin never match (UINT64_MAX, "auto"). */
    static boolean strict(Field f, long value) { return value == SelectionValue.UNDEF; }
}
