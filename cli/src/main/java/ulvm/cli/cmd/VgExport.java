package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;
import ulvm.ops.VgOwnership;

@Command(name = "vgexport", description = "Unregister volume groups from the system (before moving their PVs to another host).")
public final class VgExport extends LvmCommand {
    @Parameters(arity = "0..*", paramLabel = "VG") List<String> vgs = new ArrayList<>();
    @Option(names = {"-a", "--all"}) boolean all;
    @Option(names = {"-S", "--select"}, paramLabel = "SELECTION") String select;

    @Override
    protected void run(Session s) throws LvmException {
        if (select != null) { // the VGs the selection picks, among those named (all when none is)
            List<String> chosen = Selected.vgs(s, vgs, select);
            if (chosen.isEmpty()) return;
            vgs = chosen;
        }
        if (vgs.isEmpty() && !all)
            throw LvmException.invalid("Please supply volume groups or use --select for selection or use -a for all.");
        if (all && !vgs.isEmpty()) throw LvmException.invalid("No arguments permitted when using -a for all.");
        new VgOwnership(s).vgexport(vgs);
    }
}
