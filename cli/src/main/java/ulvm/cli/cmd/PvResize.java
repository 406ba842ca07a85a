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

@Command(name = "pvresize", description = "Resize PVs to their image file's size.")
public final class PvResize extends LvmCommand {
    @Parameters(arity = "1..*", paramLabel = "PV") List<Path> pvs;
    @Option(names = "--setphysicalvolumesize", paramLabel = "SIZE") String setSize;

    @Override
    protected void run(Session s) throws LvmException {
        long size = setSize == null ? 0 : Sizes.parse(setSize, "--setphysicalvolumesize").bytes();
        new PvOps(s).pvresize(pvs, size, common.yes);
    }
}
