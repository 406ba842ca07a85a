package ulvm.cli.cmd;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;
import ulvm.ops.VgOps;

@Command(name = "vgrename", description = "Rename a volume group.")
public final class VgRename extends LvmCommand {
    @Parameters(index = "0", paramLabel = "VG") String oldName;
    @Parameters(index = "1", paramLabel = "VG_new") String newName;

    @Override
    protected void run(Session s) throws LvmException {
        s.allow(ulvm.ops.VgAccess.Allow.EXPORTED); // READ_ALLOW_EXPORTED, as LVM2's vgrename
        new VgOps(s).vgrename(oldName, newName);
    }
}
