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
import ulvm.ops.VgSplit;

@Command(name = "vgsplit", description = "Move physical volumes (and the LVs wholly on them) into a new or existing volume group.")
public final class VgSplitCmd extends LvmCommand {
    @Parameters(index = "0", paramLabel = "VG_source") String from;
    @Parameters(index = "1", paramLabel = "VG_dest") String to;
    @Parameters(index = "2..*", paramLabel = "PV") List<Path> pvs = new ArrayList<>();
    @Option(names = {"-n", "--name"}, paramLabel = "LV", description = "Move the PVs this LV uses.") String lv;
    @Option(names = {"-l", "--maxlogicalvolumes"}, paramLabel = "N") Long maxLv;
    @Option(names = {"-p", "--maxphysicalvolumes"}, paramLabel = "N") Long maxPv;
    @Option(names = "--alloc", paramLabel = "POLICY") String alloc;

    @Override
    protected void run(Session s) throws LvmException {
        // the two forms: vgsplit VG VG PV..., vgsplit -n LV VG VG
        if (lv != null && !pvs.isEmpty()) throw LvmException.invalid("Command does not accept argument: " + pvs.get(0) + ".");
        if (pvs.isEmpty() && lv == null)
            throw LvmException.invalid("No command with matching syntax recognised.  Run 'vgsplit --help' for more information.");
        String policy = alloc == null ? null : LvCreate.policy(alloc).text();
        if ("normal".equals(policy)) policy = null; // LVM2 writes no allocation_policy for normal
        new VgSplit(s).vgsplit(ulvm.api.DevPaths.strip(from), ulvm.api.DevPaths.strip(to), pvs, lv, new VgSplit.NewVg(maxLv, maxPv, policy));
    }

}
