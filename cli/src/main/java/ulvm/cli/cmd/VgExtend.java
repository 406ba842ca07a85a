package ulvm.cli.cmd;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;
import ulvm.ops.VgOps;
import ulvm.ops.VgRepair;

@Command(name = "vgextend", description = "Add PV image files to a volume group; --restoremissing takes back PVs that were missing.")
public final class VgExtend extends LvmCommand {
    @Parameters(index = "0", paramLabel = "VG") String vg;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PV") List<Path> pvs;
    @Option(names = {"-f", "--force"}) boolean[] force = new boolean[0];
    @Option(names = "--restoremissing") boolean restoreMissing;
    @picocli.CommandLine.Mixin NewPvOptions newPvs;

    @Override
    protected void run(Session s) throws LvmException {
        if (restoreMissing) {
            new VgRepair(s).restoreMissing(vg, pvs);
            return;
        }
        new VgOps(s).newPvs(newPvs.spec()).vgextend(vg, pvs);
    }
}
