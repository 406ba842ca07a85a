package ulvm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import ulvm.api.LvmException;

/**
 * devices/global_filter and devices/filter as LVM2 2.03.16 takes them with a devices file in use (ulvm always has
 * one): each pattern is checked as lib/filters/filter-regex.c parses it, a bad one failing the command; then they are
 * ignored with LVM2's warning (_accept_p), or silently when --devices names the images (LVM2's devices list).
 */
public final class DeviceFilters {
    private DeviceFilters() {}

    /** The warnings for the filters configured, in LVM2's order (the global filter comes first in its chain); throws for a bad pattern. */
    public static List<String> check(LvmConfig cfg, boolean devicesListed) throws LvmException {
        List<String> warnings = new ArrayList<>();
        for (String[] f : new String[][] {{"global_filter", "global regex device filter"}, {"filter", "regex device filter"}}) {
            Object v = cfg.value("devices/" + f[0]);
            if (v == null) continue;
            for (Object p : v instanceof List<?> l ? l : List.of(v)) {
                String problem = problem(p);
                if (problem != null) throw new LvmException(problem + "\nFailed to create " + f[1]);
            }
            if (!devicesListed) warnings.add("Please remove the lvm.conf " + f[0] + ", it is ignored with the devices file.");
        }
        return warnings;
    }

    /** What LVM2's _build_matcher and _extract_pattern say of one pattern, or null when it is good. */
    private static String problem(Object o) {
        if (!(o instanceof String pat)) return "Filter patterns must be enclosed in quotes.";
        String bad = "\nInvalid filter pattern \"" + pat + "\".";
        if (pat.isEmpty() || pat.charAt(0) != 'a' && pat.charAt(0) != 'r') return "Pattern must begin with 'a' or 'r'." + bad;
        if (pat.length() < 2) return "Invalid separator at end of regex." + bad;
        char open = pat.charAt(1);
        char sep = switch (open) {
            case '(' -> ')';
            case '[' -> ']';
            case '{' -> '}';
            default -> open;
        };
        if (pat.length() < 3 || pat.charAt(pat.length() - 1) != sep) return "Invalid separator at end of regex." + bad;
        try {
            Pattern.compile(pat.substring(2, pat.length() - 1));
        } catch (PatternSyntaxException e) {
            return "Parse error in regex\nCouldn't parse regex";
        }
        return null;
    }
}
