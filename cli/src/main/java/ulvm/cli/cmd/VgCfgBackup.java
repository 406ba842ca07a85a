package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;
import ulvm.ops.VgOps;

@Command(name = "vgcfgbackup", description = "Write VG metadata to a backup file.")
public final class VgCfgBackup extends LvmCommand {
    @picocli.CommandLine.Mixin ReadOnlyOption readOnly;
    @Parameters(arity = "0..*", paramLabel = "VG") List<String> vgs = new ArrayList<>();
    @Option(names = {"-f", "--file"}, paramLabel = "FILE") String file;

    @Override
    protected boolean writes() { return false; }

    @Override
    protected void run(Session s) throws LvmException {
        s.allow(ulvm.ops.VgAccess.Allow.EXPORTED); // READ_ALLOW_EXPORTED, as LVM2's vgcfgbackup
        new VgOps(s).vgcfgbackup(vgs, file);
    }
}
