package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import ulvm.report.Source;

/** Checks VG names given to vgs and vgdisplay; drops the missing ones with LVM2's messages. */
final class VgNames {
    private VgNames() {}

    static List<String> missing(ReportBase cmd, Source src) {
        List<String> errors = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String n : cmd.names) {
            if (n.startsWith("@")) kept.add(n);
            else if (cmd.refused.containsKey(n)) errors.add(cmd.refused.get(n));
            else if (ReportBase.vgExists(src, n)) kept.add(n);
            else {
                errors.add("Volume group \"" + n + "\" not found");
                errors.add("Cannot process volume group " + n);
            }
        }
        cmd.names.clear();
        cmd.names.addAll(kept);
        return errors;
    }
}
