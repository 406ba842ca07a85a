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
    @Parameters(arity = "1..*", paramLabel = "VG|LV") List<String> lvs;
    @Option(names = {"-f", "--force"}) boolean[] force = new boolean[0];
    @Option(names = {"-y", "--yes"}) boolean yes;

    @Override
    protected void run(Session s) throws LvmException {
        new LvOps(s).lvremove(lvs, force.length > 0, yes);
    }
}
