package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;
import ulvm.ops.VgOps;

@Command(name = "vgremove", description = "Remove volume groups (their LVs too, after asking).")
public final class VgRemove extends LvmCommand {
    @Parameters(arity = "0..*", paramLabel = "VG") List<String> vgs = new java.util.ArrayList<>();
    @Option(names = {"-S", "--select"}, paramLabel = "SELECTION") String select;
    @Option(names = {"-f", "--force"}) boolean[] force = new boolean[0];

    @Override
    protected void run(Session s) throws LvmException {
        if (vgs.isEmpty() && select == null)
            throw LvmException.invalid("No command with matching syntax recognised.  Run 'vgremove --help' for more information.");
        List<String> chosen = Selected.vgs(s, vgs, select);
        if (chosen != null && chosen.isEmpty()) return;
        new VgOps(s).vgremove(chosen != null ? chosen : vgs, force.length > 0, common.yes);
    }
}
