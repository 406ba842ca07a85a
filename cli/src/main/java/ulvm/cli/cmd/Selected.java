package ulvm.cli.cmd;

import java.util.List;
import ulvm.api.LvmException;
import ulvm.ops.Session;
import ulvm.report.Reports;
import ulvm.report.Source;
import ulvm.store.Scan;

/**
 * The objects a changing command (lvchange, lvremove, vgchange, vgremove, pvchange) works on when given @tag arguments or -S: those the
 * names (all when none) and the selection take, as LVM2's process_each_* with a selection. Null when neither is given:
 * the arguments stand as they are.
 */
final class Selected {
    private Selected() {}

    static boolean used(List<String> args, String select) {
        return select != null || args.stream().anyMatch(a -> a.startsWith("@"));
    }

    static List<String> lvs(Session s, List<String> args, String select) throws LvmException {
        if (!used(args, select)) return null;
        try (Scan scan = s.scan(false)) {
            return Reports.selectLvs(Source.of(scan, s.hiddenVgs(scan, false)), args, select);
        }
    }

    /** PV paths: the arguments as given resolved against the working directory, @tag as it is. */
    static List<String> pvs(Session s, List<String> args, String select) throws LvmException {
        if (!used(args, select)) return null;
        List<String> names = args.stream().map(a -> a.startsWith("@") ? a : s.resolve(a).toString()).toList();
        try (Scan scan = s.scan(false)) {
            return Reports.selectPvs(Source.of(scan, s.hiddenVgs(scan, false)), names, select);
        }
    }

    static List<String> vgs(Session s, List<String> args, String select) throws LvmException {
        if (!used(args, select)) return null;
        try (Scan scan = s.scan(false)) {
            return Reports.selectVgs(Source.of(scan, s.hiddenVgs(scan, false)), args, select);
        }
    }
}
