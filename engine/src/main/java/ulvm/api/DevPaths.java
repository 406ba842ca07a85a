package ulvm.api;

/**
 * LVM2's skip_dev_dir: a VG or LV argument may be given as {@code /dev/VG/LV} or as the device-mapper name
 * {@code /dev/mapper/VG-LV} (a '-' inside a name doubled). The device directory is {@code $ULVM_DEV_DIR}, else /dev.
 */
public final class DevPaths {
    private DevPaths() {}

    /** The device directory, without a trailing '/'. */
    public static String devDir() {
        String d = System.getenv("ULVM_DEV_DIR");
        if (d == null || d.isEmpty()) d = "/dev";
        while (d.length() > 1 && d.endsWith("/")) d = d.substring(0, d.length() - 1);
        return d;
    }

    /** {@code VG/LV} (or {@code VG}) for an argument under the device directory; other arguments as they are. */
    public static String strip(String arg) {
        String a = arg;
        if (a.startsWith("/")) while (a.startsWith("//")) a = a.substring(1);
        String dir = devDir() + "/";
        if (!a.startsWith(dir)) return a;
        a = a.substring(dir.length());
        while (a.startsWith("/")) a = a.substring(1);
        if (!a.startsWith("mapper/")) return a;
        a = a.substring("mapper/".length());
        while (a.startsWith("/")) a = a.substring(1);
        String[] vgLv = splitDmName(a);
        return vgLv == null ? a : vgLv[1].isEmpty() ? vgLv[0] : vgLv[0] + "/" + vgLv[1];
    }

    /** libdm's dm_split_lvm_name: VG and LV of "VG-LV" with "--" for '-'; null when a layer (a third part) follows. */
    static String[] splitDmName(String dm) {
        StringBuilder vg = new StringBuilder(), lv = new StringBuilder();
        StringBuilder cur = vg;
        int part = 0;
        for (int i = 0; i < dm.length(); i++) {
            char c = dm.charAt(i);
            if (c == '-' && i + 1 < dm.length() && dm.charAt(i + 1) == '-') {
                cur.append('-');
                i++;
            } else if (c == '-') {
                if (++part == 2) return null; // VG-LV-layer: no LV name
                cur = lv;
            } else cur.append(c);
        }
        return new String[] {vg.toString(), lv.toString()};
    }

    /** The device-mapper name of an LV, as LVM2 builds it: each '-' doubled, VG and LV joined by one. */
    public static String dmName(String vg, String lv) {
        return vg.replace("-", "--") + "-" + lv.replace("-", "--");
    }
}
