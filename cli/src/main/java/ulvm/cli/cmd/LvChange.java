package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.cli.YesNo;
import ulvm.ops.ChangeOps;
import ulvm.ops.Session;

@Command(name = "lvchange", description = "Change LV attributes: -a y|n (activation in the mount), -p r|rw, --alloc.")
public final class LvChange extends LvmCommand {
    @Parameters(arity = "1..*", paramLabel = "VG/LV") List<String> lvs;
    @Option(names = {"-a", "--activate"}, paramLabel = "y|n") String activate;
    @Option(names = {"-p", "--permission"}, paramLabel = "r|rw") String permission;
    @Option(names = "--alloc", paramLabel = "POLICY") String alloc;
    @Option(names = {"-y", "--yes"}) boolean yes;

    @Override
    protected void run(Session s) throws LvmException {
        if (activate == null && permission == null && alloc == null)
            throw LvmException.invalid("No command with matching syntax recognised.  Run 'lvchange --help' for more information.");
        Boolean ro = null;
        if (permission != null) {
            if (!permission.equals("r") && !permission.equals("rw")) throw LvmException.invalid("Invalid argument for --permission: " + permission);
            ro = permission.equals("r");
        }
        Boolean act = activate == null ? null : YesNo.parse(activate.replace("ay", "y"), "--activate");
        new ChangeOps(s).lvchange(lvs, new ChangeOps.LvChange(act, ro, alloc == null ? null : LvCreate.policy(alloc)));
    }
}
