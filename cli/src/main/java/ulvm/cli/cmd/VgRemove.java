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
    @Parameters(arity = "1..*", paramLabel = "VG") List<String> vgs;
    @Option(names = {"-f", "--force"}) boolean[] force = new boolean[0];
    @Option(names = {"-y", "--yes"}) boolean yes;

    @Override
    protected void run(Session s) throws LvmException {
        new VgOps(s).vgremove(vgs, force.length > 0, yes);
    }
}
