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
import ulvm.ops.Sizes;

@Command(name = "pvcreate", description = "Initialize image files for use by ulvm (LVM2 PV format).")
public final class PvCreate extends LvmCommand {
    @Parameters(arity = "1..*", paramLabel = "PV") List<Path> pvs;
    @Option(names = {"-f", "--force"}) boolean[] force = new boolean[0];
    @Option(names = {"-y", "--yes"}) boolean yes;
    @Option(names = {"-u", "--uuid"}) String uuid;
    @Option(names = "--norestorefile") boolean norestorefile;
    @Option(names = "--metadatasize", paramLabel = "SIZE") String metadataSize;
    @Option(names = "--dataalignment", paramLabel = "SIZE") String dataAlignment;
    @Option(names = {"-Z", "--zero"}, paramLabel = "y|n") String zero;

    @Override
    protected void run(Session s) throws LvmException {
        long mda = metadataSize == null ? 0 : Sizes.parse(metadataSize, "--metadatasize").bytes();
        long align = dataAlignment == null ? 0 : Sizes.parse(dataAlignment, "--dataalignment").bytes();
        new PvOps(s).pvcreate(pvs, new PvOps.CreateSpec(force.length > 0, uuid, mda, align));
    }
}
