package ulvm.cli;

import ulvm.api.LvmException;

/** LVM2's y|n option values. */
public final class YesNo {
    private YesNo() {}

    public static boolean parse(String v, String option) throws LvmException {
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "y", "yes" -> true;
            case "n", "no" -> false;
            default -> throw LvmException.invalid("Invalid argument for " + option + ": " + v);
        };
    }
}
