package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;
import ulvm.ops.VgOps;

@Command(name = "vgck", description = "Check VG metadata; --updatemetadata repairs stale or damaged copies.")
public final class VgCk extends LvmCommand {
    @Parameters(arity = "0..*", paramLabel = "VG") List<String> vgs = new ArrayList<>();
    @Option(names = "--updatemetadata") boolean update;

    @Override
    protected boolean writes() { return update; }

    @Override
    protected void run(Session s) throws LvmException {
        new VgOps(s).vgck(vgs, update);
    }
}
