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

@Command(name = "pvck", description = "Check label, headers and metadata of PVs.")
public final class PvCk extends LvmCommand {
    @Parameters(arity = "1..*", paramLabel = "PV") List<Path> pvs;
    @Option(names = "--dump", paramLabel = "headers") String dump;

    @Override
    protected boolean writes() { return false; }

    @Override
    protected void run(Session s) throws LvmException {
        if (dump != null && !dump.equals("headers")) throw LvmException.invalid("Unknown dump value " + dump + " (ulvm dumps headers).");
        new PvOps(s).pvck(pvs, dump != null);
    }
}
