package ulvm.cli.cmd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ulvm.report.Source;

/** Checks PV paths given to pvs and pvdisplay, with LVM2's message for the missing ones. */
final class PvNames {
    private PvNames() {}

    static List<String> missing(ReportBase cmd, Source src) {
        List<String> errors = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String n : cmd.names) {
            if (n.startsWith("@")) {
                kept.add(n);
                continue;
            }
            String abs = cmd.cwd().resolve(n).normalize().toString();
            boolean has = src.orphans().stream().anyMatch(o -> o.device().path().equals(abs))
                    || src.vgs().stream().anyMatch(v -> v.devices().values().stream().anyMatch(d -> d.path().equals(abs)));
            if (has) kept.add(abs);
            else {
                errors.add("Failed to find physical volume \"" + n + "\".");
            }
        }
        cmd.names.clear();
        cmd.names.addAll(kept);
        return errors;
    }
}
