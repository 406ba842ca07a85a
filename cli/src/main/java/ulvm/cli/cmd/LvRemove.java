package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.LvOps;
import ulvm.ops.Session;

@Command(name = "lvremove", description = "Remove logical volumes.")
public final class LvRemove extends LvmCommand {
    @Parameters(arity = "0..*", paramLabel = "VG|LV") List<String> lvs = new java.util.ArrayList<>();
    @Option(names = {"-S", "--select"}, paramLabel = "SELECTION") String select;
    @Option(names = {"-f", "--force"}) boolean[] force = new boolean[0];
    /** LVM2's --nohistory: keep no historical LV; ulvm keeps none anyway (no metadata/record_lvs_history). */
    @Option(names = "--nohistory", hidden = true) boolean noHistory;

    @Override
    protected void run(Session s) throws LvmException {
        if (lvs.isEmpty() && select == null)
            throw LvmException.invalid("No command with matching syntax recognised.  Run 'lvremove --help' for more information.");
        List<String> chosen = Selected.lvs(s, lvs, select);
        if (chosen != null && chosen.isEmpty()) return;
        new LvOps(s).lvremove(chosen != null ? chosen : lvs, force.length > 0, common.yes);
    }
}
