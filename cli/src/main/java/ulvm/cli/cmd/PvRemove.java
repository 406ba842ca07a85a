package ulvm.cli.cmd;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.PvOps;
import ulvm.ops.Session;

@Command(name = "pvremove", description = "Remove the PV label from image files.")
public final class PvRemove extends LvmCommand {
    @Parameters(arity = "1..*", paramLabel = "PV") List<Path> pvs;
    @Option(names = {"-f", "--force"}) boolean[] force = new boolean[0];

    @Override
    protected void run(Session s) throws LvmException {
        new PvOps(s).pvremove(pvs, force.length, common.yes);
    }
}
