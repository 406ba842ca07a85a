package ulvm.cli.cmd;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;
import ulvm.ops.VgMerge;

@Command(name = "vgmerge", description = "Merge volume groups: SourceVG's PVs and LVs join DestinationVG (SourceVG's LVs inactive).")
public final class VgMergeCmd extends LvmCommand {
    @Parameters(index = "0", paramLabel = "VG_dest") String to;
    @Parameters(index = "1", paramLabel = "VG_source") String from;
    @Option(names = {"-l", "--list"}, description = "Accepted as LVM2 does (which lists nothing either).") boolean list;

    @Override
    protected void run(Session s) throws LvmException {
        new VgMerge(s).vgmerge(to, from);
    }
}
