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
import ulvm.ops.VgImportClone;

@Command(name = "vgimportclone", description = "Import a VG from cloned PVs (a copy of its image files): new PV and VG UUIDs, a new VG name.")
public final class VgImportCloneCmd extends LvmCommand {
    @Parameters(arity = "1..*", paramLabel = "PV") List<Path> pvs = new ArrayList<>();
    @Option(names = {"-n", "--basevgname"}, paramLabel = "VG") String base;
    @Option(names = {"-i", "--import"}) boolean importVg;
    @Option(names = "--importdevices", description = "Add the images to the devices file (ulvm always does).") boolean importDevices;

    @Override
    protected void run(Session s) throws LvmException {
        s.allow(ulvm.ops.VgAccess.Allow.EXPORTED);
        new VgImportClone(s).vgimportclone(pvs, base, importVg);
    }
}
