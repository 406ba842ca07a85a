package ulvm.cli.cmd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;
import ulvm.ops.VgOps;
import ulvm.ops.VgRepair;

@Command(name = "vgreduce", description = "Remove unused PVs from a volume group; --removemissing drops missing PVs (--force: with the LVs on them).")
public final class VgReduce extends LvmCommand {
    @Parameters(index = "0", paramLabel = "VG") String vg;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PV") List<Path> pvs = new ArrayList<>();
    @Option(names = {"-a", "--all"}) boolean all;
    @Option(names = {"-f", "--force"}) boolean[] force = new boolean[0];
    @Option(names = "--removemissing") boolean removeMissing;
    @Option(names = "--mirrorsonly") boolean mirrorsOnly;

    @Override
    protected void run(Session s) throws LvmException {
        if (mirrorsOnly && !removeMissing) throw LvmException.invalid("--mirrorsonly requires --removemissing.");
        if (removeMissing) {
            if (!pvs.isEmpty()) throw LvmException.invalid("Command does not accept argument: " + pvs.get(0) + ".");
            if (all) throw LvmException.invalid("No command with matching syntax recognised.  Run 'vgreduce --help' for more information.");
            new VgRepair(s).removeMissing(vg, force.length > 0, mirrorsOnly);
            return;
        }
        if (pvs.isEmpty() && !all) throw LvmException.invalid("No command with matching syntax recognised.  Run 'vgreduce --help' for more information.");
        new VgOps(s).vgreduce(vg, pvs, all);
    }
}
