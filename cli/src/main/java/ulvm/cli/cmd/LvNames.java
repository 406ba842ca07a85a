package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import ulvm.report.Source;

/** Checks VG and VG/LV names given to lvs and lvdisplay; drops the missing ones with LVM2's messages. */
final class LvNames {
    private LvNames() {}

    static List<String> missing(ReportBase cmd, Source src) {
        List<String> errors = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String n0 : cmd.names) {
            if (n0.startsWith("@")) {
                kept.add(n0);
                continue;
            }
            String n = ulvm.api.DevPaths.strip(n0);
            int slash = n.indexOf('/');
            String vg = slash < 0 ? n : n.substring(0, slash);
            if (cmd.refused.containsKey(vg)) {
                errors.add(cmd.refused.get(vg));
                continue;
            }
            if (!ReportBase.vgExists(src, vg)) {
                errors.add("Volume group \"" + vg + "\" not found");
                errors.add("Cannot process volume group " + vg);
                continue;
            }
            if (slash >= 0) {
                String lv = n.substring(slash + 1);
                boolean has = src.vgs().stream().filter(v -> v.vg().name().equals(vg))
                        .anyMatch(v -> v.vg().lv(lv).isPresent() && !lv.startsWith("snapshot"));
                if (!has) {
                    errors.add("Failed to find logical volume \"" + vg + "/" + lv + "\"");
                        continue;
                }
            }
            kept.add(n);
        }
        cmd.names.clear();
        cmd.names.addAll(kept);
        return errors;
    }
}
