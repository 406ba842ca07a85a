package ulvm.cli.cmd;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;
import ulvm.ops.VgOps;

@Command(name = "vgcfgrestore", description = "Restore VG metadata from a backup file.")
public final class VgCfgRestore extends LvmCommand {
    @Parameters(index = "0", paramLabel = "VG") String vg;
    @Option(names = {"-f", "--file"}, paramLabel = "FILE") String file;
    @Option(names = "--force") boolean force;

    @Override
    protected void run(Session s) throws LvmException {
        new VgOps(s).vgcfgrestore(vg, file);
    }
}
