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

@Command(name = "vgimport", description = "Register exported volume groups with this system.")
public final class VgImport extends LvmCommand {
    @Parameters(arity = "0..*", paramLabel = "VG") List<String> vgs = new ArrayList<>();
    @Option(names = {"-a", "--all"}) boolean all;
    @Option(names = {"-S", "--select"}, paramLabel = "SELECTION") String select;
    @Option(names = {"-f", "--force"}) boolean force;

    @Override
    protected void run(Session s) throws LvmException {
        if (select != null) { // the VGs the selection picks, among those named (all when none is)
            s.allow(ulvm.ops.VgAccess.Allow.EXPORTED); // vgimport's own VGs: LVM2's READ_ALLOW_EXPORTED
            List<String> chosen = Selected.vgs(s, vgs, select);
            if (chosen.isEmpty()) return;
            vgs = chosen;
        }
        if (vgs.isEmpty() && !all)
            throw LvmException.invalid("Please supply volume groups or -S for selection or use -a for all.");
        if (all && !vgs.isEmpty()) throw LvmException.invalid("No arguments permitted when using -a for all.");
        new VgOwnership(s).vgimport(vgs, force);
    }
}
