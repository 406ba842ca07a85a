package ulvm.cli.cmd;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.LvOps;
import ulvm.ops.Session;

@Command(name = "lvrename", description = "Rename a logical volume: lvrename VG OLD NEW, or lvrename VG/OLD [VG/]NEW.")
public final class LvRename extends LvmCommand {
    @Parameters(arity = "2..3", paramLabel = "ARG") List<String> args;

    @Override
    protected void run(Session s) throws LvmException {
        if (args.size() == 3) new LvOps(s).lvrename(args.get(0), args.get(1), args.get(2));
        else {
            String[] o = LvOps.vgLv(args.get(0), null);
            new LvOps(s).lvrename(o[0], o[1], args.get(1));
        }
    }
}
