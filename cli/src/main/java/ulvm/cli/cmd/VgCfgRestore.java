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
    @Parameters(index = "0", arity = "0..1", paramLabel = "VG") String vg;
    @Option(names = {"-l", "--list"}) boolean list;
    @Option(names = {"-f", "--file"}, paramLabel = "FILE") String file;
    @Option(names = "--force") boolean force;

    @Override
    protected void run(Session s) throws LvmException {
        if (list) {
            if (vg == null && file == null) throw LvmException.invalid("No command with matching syntax recognised.  Run 'vgcfgrestore --help' for more information.");
            new VgOps(s).vgcfgrestoreList(vg, file);
            return;
        }
        if (vg == null) throw LvmException.invalid("No command with matching syntax recognised.  Run 'vgcfgrestore --help' for more information.");
        new VgOps(s).vgcfgrestore(vg, file, force);
    }
}
