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
    @picocli.CommandLine.Mixin ulvm.cli.MetadataProfileOption metadataProfile;

    @Override
    protected ulvm.cli.MetadataProfileOption metadataProfileOption() { return metadataProfile; }

    @Parameters(index = "0", paramLabel = "VG_new") String vg;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PV") List<Path> pvs;
    @picocli.CommandLine.Mixin AutoActivationOption autoActivation;
    @picocli.CommandLine.Mixin NewPvOptions newPvs;
    @Option(names = {"-l", "--maxlogicalvolumes"}, paramLabel = "Number") Long maxLv;
    @Option(names = {"-p", "--maxphysicalvolumes"}, paramLabel = "Number") Long maxPv;
    @Option(names = "--alloc", paramLabel = "POLICY") String alloc;
    @Option(names = "--systemid", paramLabel = "SystemID") String systemId;
    @Option(names = {"-s", "--physicalextentsize"}, paramLabel = "SIZE") String extentSize;
    @Option(names = {"-f", "--force"}) boolean[] force = new boolean[0];
    @Option(names = "--addtag", paramLabel = "Tag") java.util.List<String> addTags = new java.util.ArrayList<>();
    @Option(names = {"--vgmetadatacopies", "--metadatacopies"}, paramLabel = "all|unmanaged|Number") String mdaCopies;

    @Override
    protected void run(Session s) throws LvmException {
        s.newTags(TagArgs.parse(addTags, "--addtag"));
        autoActivation.forNew(s);
        long ext = 0;
        if (extentSize != null) {
            Sizes.Size sz = Sizes.parse(extentSize, "--physicalextentsize");
            if (sz.sign() != 0) throw LvmException.invalid("Invalid argument for --physicalextentsize: " + extentSize);
            ulvm.ops.VgOps.extentSectors(sz.bytes());
            ext = sz.bytes();
        }
        if (maxLv != null && maxLv < 0 || maxPv != null && maxPv < 0)
            throw LvmException.invalid("Invalid argument for " + (maxLv != null && maxLv < 0 ? "--maxlogicalvolumes: " + maxLv : "--maxphysicalvolumes: " + maxPv)
                    + "\nError during parsing of command line.");
        new VgOps(s).newPvs(newPvs.spec()).newVg(maxLv == null ? 0 : maxLv, maxPv == null ? 0 : maxPv, alloc == null ? null : LvCreate.policy(alloc), systemId).vgcreate(vg, pvs, ext, mdaCopies == null ? 0 : metadataCopies(mdaCopies));
    }

    /** --vgmetadatacopies all|unmanaged|Number (LVM2's vgmetadatacopies_arg): 0 for unmanaged, {@link ulvm.ops.VgLimits#ALL_COPIES} for all. */
    static long metadataCopies(String v) throws LvmException {
        if (v.equalsIgnoreCase("all")) return ulvm.ops.VgLimits.ALL_COPIES;
        if (v.equalsIgnoreCase("unmanaged")) return 0;
        if (!v.matches("\\d{1,9}")) throw ulvm.ops.Sizes.invalidArg(null, "--vgmetadatacopies", v);
        return Long.parseLong(v);
    }
}
