package ulvm.cli.cmd;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;
import ulvm.ops.Sizes;
import ulvm.ops.VgOps;

@Command(name = "vgcreate", description = "Create a volume group on PV image files.")
public final class VgCreate extends LvmCommand {
    @Parameters(index = "0", paramLabel = "VG_new") String vg;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PV") List<Path> pvs;
    @Option(names = {"-s", "--physicalextentsize"}, paramLabel = "SIZE") String extentSize;
    @Option(names = {"-f", "--force"}) boolean[] force = new boolean[0];
    @Option(names = {"-y", "--yes"}) boolean yes;
    @Option(names = "--addtag", paramLabel = "Tag") java.util.List<String> addTags = new java.util.ArrayList<>();

    @Override
    protected void run(Session s) throws LvmException {
        s.newTags(TagArgs.parse(addTags, "--addtag"));
        long ext = 0;
        if (extentSize != null) {
            Sizes.Size sz = Sizes.parse(extentSize, "--physicalextentsize");
            if (sz.sign() != 0) throw LvmException.invalid("Invalid argument for --physicalextentsize: " + extentSize);
            ulvm.ops.VgOps.extentSectors(sz.bytes());
            ext = sz.bytes();
        }
        new VgOps(s).vgcreate(vg, pvs, ext);
    }
}
