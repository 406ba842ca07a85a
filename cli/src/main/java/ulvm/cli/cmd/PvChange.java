package ulvm.cli.cmd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.cli.YesNo;
import ulvm.ops.PvOps;
import ulvm.ops.Session;

@Command(name = "pvchange", description = "Change attributes of PVs (-x y|n: allocatable).")
public final class PvChange extends LvmCommand {
    @Parameters(arity = "0..*", paramLabel = "PV") List<Path> pvs = new ArrayList<>();
    @Option(names = {"-x", "--allocatable"}, paramLabel = "y|n") String allocatable;
    @Option(names = {"-a", "--all"}) boolean all;
    @Option(names = "--addtag") List<String> addTags = new ArrayList<>();
    @Option(names = "--deltag") List<String> delTags = new ArrayList<>();

    @Override
    protected void run(Session s) throws LvmException {
        if (allocatable == null && addTags.isEmpty() && delTags.isEmpty())
            throw LvmException.invalid("No command with matching syntax recognised.  Run 'pvchange --help' for more information.");
        if (pvs.isEmpty() && !all) throw LvmException.invalid("Please give a physical volume path or use --all.");
        new PvOps(s).pvchange(pvs, all, allocatable == null ? null : YesNo.parse(allocatable, "--allocatable"), addTags, delTags);
    }
}
