package ulvm.ops;

import java.util.List;
import ulvm.api.LvmException;

/** Name validation as LVM2 (lib/misc/lvm-string.c and lib/metadata/metadata.c). */
public final class Names {
    private static final int NAME_LEN = 127;
    private static final List<String> RESERVED_PREFIXES = List.of("pvmove", "snapshot");
    private static final List<String> RESERVED_PARTS = List.of("_cdata", "_cmeta", "_corig", "_cpool", "_cvol", "_imeta", "_iorig",
            "_mimage", "_mlog", "_pmspare", "_rimage", "_rmeta", "_tdata", "_tmeta", "_vdata", "_vorigin", "_wcorig");

    private Names() {}

    /** LVM2's is_component_lvname: the name (VG/LV or LV) has a reserved component part after a '_' ("_pmspare" and "_vorigin" are not). */
    static boolean component(String name) {
        String lv = name.substring(name.lastIndexOf('/') + 1);
        int u = lv.indexOf('_');
        if (u < 0) return false;
        for (String r : RESERVED_PARTS) if (!r.equals("_pmspare") && !r.equals("_vorigin") && lv.indexOf(r, u) >= 0) return true;
        return false;
    }

    static boolean validChars(String n) {
        return reason(n) == null;
    }

    /** LVM2's reason a name is invalid, or null. */
    static String reason(String n) {
        if (n.isEmpty()) return "Name is zero length.";
        if (n.length() > NAME_LEN) return "Name length exceeds maximum limit of 127.";
        if (n.equals(".") || n.equals("..")) return "Name starts with . or .. and has no following character(s).";
        if (n.startsWith("-")) return "Name cannot start with hyphen.";
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '+' && c != '_' && c != '.' && c != '-')
                return "Name contains invalid character, valid set includes: [a-zA-Z0-9.-_+].";
        }
        return null;
    }

    /** Checks a new VG name (exit 3 with LVM2's two lines). */
    public static void checkVg(String n) throws LvmException {
        String r = reason(n);
        if (r != null) throw LvmException.invalid(r + "\nNew volume group name \"" + n + "\" is invalid.");
    }

    public static void checkLv(String vg, String n) throws LvmException {
        if (!validChars(n)) throw LvmException.invalid("Logical volume name \"" + n + "\" is invalid.");
        for (String p : RESERVED_PREFIXES)
            if (n.startsWith(p)) throw LvmException.invalid("Names starting \"" + p + "\" are reserved. Please choose a different LV name.");
        for (String p : RESERVED_PARTS)
            if (n.contains(p)) throw LvmException.invalid("Names including \"" + p + "\" are reserved. Please choose a different LV name.");
    }
}
