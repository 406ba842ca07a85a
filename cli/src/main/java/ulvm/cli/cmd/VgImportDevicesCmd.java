package ulvm.cli.cmd;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;
import ulvm.ops.VgImportDevices;

@Command(name = "vgimportdevices", description = "Add the PVs of VGs to the devices file (name the image files with --devices).")
public final class VgImportDevicesCmd extends LvmCommand {
    @Parameters(arity = "0..*", paramLabel = "VG") List<String> vgs = new ArrayList<>();
    @Option(names = {"-a", "--all"}) boolean all;

    @Override
    protected void run(Session s) throws LvmException {
        new VgImportDevices(s).vgimportdevices(vgs, all);
    }
}
