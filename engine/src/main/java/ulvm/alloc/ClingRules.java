package ulvm.alloc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * lvm.conf's allocation/cling_tag_list and allocation/maximise_cling, and the PV tags they look at (LVM2's
 * cling_tag_list_cn, maximise_cling and _match_pv_tags in lv_manip.c). {@code tags}: the listed tags without their
 * '@' (entries not starting with '@', or empty, are passed over as LVM2 passes them over), "*" matching any tag;
 * empty: no list, no cling by tags. {@code pvTags}: each PV's tags, by PV id.
 */
public record ClingRules(List<String> tags, boolean maximise, Map<String, List<String>> pvTags) {
    /** LVM2's defaults: no cling_tag_list, maximise_cling = 1. */
    public static final ClingRules DEFAULT = new ClingRules(List.of(), true, Map.of());

    public ClingRules {
        tags = List.copyOf(tags);
        pvTags = Map.copyOf(pvTags);
    }

    /** The rules from the configured values ({@code list}: the cling_tag_list value, null when not set). */
    public static ClingRules of(Object list, boolean maximise, Map<String, List<String>> pvTags) {
        List<String> tags = new ArrayList<>();
        List<?> entries = list instanceof List<?> l ? l : list == null ? List.of() : List.of(list);
        for (Object o : entries)
            if (o instanceof String s && s.length() > 1 && s.charAt(0) == '@') tags.add(s.substring(1));
        return new ClingRules(tags, maximise, pvTags);
    }

    /** LVM2's warnings (_validate_tag_list, at each allocation) for the entries of a cling_tag_list it passes over. */
    public static List<String> warnings(Object list) {
        List<String> out = new ArrayList<>();
        String entry = "in config file entry allocation/cling_tag_list";
        for (Object o : list instanceof List<?> l ? l : list == null ? List.of() : List.of(list)) {
            if (!(o instanceof String s)) out.add("WARNING: Ignoring invalid string " + entry);
            else if (s.isEmpty()) out.add("WARNING: Ignoring empty string " + entry);
            else if (s.charAt(0) != '@') out.add("WARNING: Ignoring string not starting with @ " + entry + ": " + s);
            else if (s.length() == 1) out.add("WARNING: Ignoring empty tag " + entry);
        }
        return out;
    }

    /** The rules lvm.conf (and --config) give, over the PVs of {@code vg}. */
    public static ClingRules of(ulvm.config.LvmConfig config, ulvm.model.Vg vg) {
        Map<String, List<String>> pvTags = new java.util.HashMap<>();
        for (ulvm.model.Pv p : vg.pvs()) pvTags.put(p.id(), ulvm.model.Tags.of(p.extras()));
        return of(config.value("allocation/cling_tag_list"), config.flag("allocation/maximise_cling", true), pvTags);
    }

    public boolean byTags() { return !tags.isEmpty(); }

    /** LVM2's _pvs_have_matching_tag: both PVs carry one listed tag (any common tag for "@*"). */
    public boolean tagsMatch(String pv1, String pv2) {
        List<String> t1 = pvTags.getOrDefault(pv1, List.of()), t2 = pvTags.getOrDefault(pv2, List.of());
        for (String t : tags) {
            if (t.equals("*")) {
                for (String a : t1) if (t2.contains(a)) return true;
            } else if (t1.contains(t) && t2.contains(t)) return true;
        }
        return false;
    }
}
