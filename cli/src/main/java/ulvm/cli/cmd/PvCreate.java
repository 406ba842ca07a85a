package ulvm.cli.cmd;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.cli.YesNo;
import ulvm.ops.PvOps;
import ulvm.ops.Session;
import ulvm.ops.Sizes;

@Command(name = "pvcreate", description = "Initialize image files for use by ulvm (LVM2 PV format).")
public final class PvCreate extends LvmCommand {
    @Parameters(arity = "1..*", paramLabel = "PV") List<Path> pvs;
    @Option(names = {"-f", "--force"}) boolean[] force = new boolean[0];
    @Option(names = {"-u", "--uuid"}) String uuid;
    @Option(names = "--norestorefile") boolean norestorefile;
    @Option(names = "--restorefile", paramLabel = "FILE") String restorefile;
    @Option(names = "--metadatasize", paramLabel = "SIZE") String metadataSize;
    @Option(names = "--dataalignment", paramLabel = "SIZE") String dataAlignment;
    @Option(names = {"-Z", "--zero"}, paramLabel = "y|n") String zero;
    @Option(names = {"--pvmetadatacopies", "--metadatacopies"}, paramLabel = "0|1|2") String copies;
    @Option(names = "--bootloaderareasize", paramLabel = "SIZE") String bootloaderSize;
    @Option(names = "--metadataignore", paramLabel = "y|n") String metadataIgnore;
    @Option(names = "--labelsector", paramLabel = "Number") String labelSector;
    @Option(names = "--dataalignmentoffset", paramLabel = "SIZE") String dataAlignmentOffset;
    @Option(names = {"-M", "--metadatatype"}, paramLabel = "lvm2") String metadataType;
    @Option(names = "--setphysicalvolumesize", paramLabel = "SIZE") String setSize;

    @Override
    protected void run(Session s) throws LvmException {
        NewPvOptions.onlyWhatUlvmWrites(labelSector, dataAlignmentOffset, metadataType);
        if (setSize != null) throw new LvmException("--setphysicalvolumesize is not supported by pvcreate: a PV is its whole image file (truncate it first, or pvresize).");
        long mda = metadataSize == null ? 0 : Sizes.parse(metadataSize, "--metadatasize").bytes();
        long align = dataAlignment == null ? 0 : Sizes.parse(dataAlignment, "--dataalignment").bytes();
        // LVM2's _pvcreate_restore_params_from_args
        if (restorefile != null && uuid == null) throw LvmException.invalid("--uuid is required with --restorefile");
        if (restorefile == null && uuid != null && !norestorefile) throw LvmException.invalid("--restorefile is required with --uuid");
        if (uuid != null && pvs.size() != 1) throw LvmException.invalid("Can only set uuid on one volume at once");
        if (uuid != null && !ulvm.format.Uuid.valid(uuid)) throw LvmException.invalid("Couldn't read uuid: incorrect number of characters.");
        int n = copies(copies);
        long ba = 0;
        if (bootloaderSize != null) {
            Sizes.Size sz = Sizes.parse(bootloaderSize, "--bootloaderareasize");
            if (sz.sign() != 0) throw Sizes.invalidArg("Size may not be relative/signed.", "--bootloaderareasize", bootloaderSize);
            ba = sz.bytes();
        }
        boolean ignore = metadataIgnore != null && YesNo.parse(metadataIgnore, "--metadataignore");
        if (copies != null && n == 0 && ignore) throw LvmException.invalid("metadataignore only applies to metadatacopies > 0.");
        PvOps ops = new PvOps(s);
        PvOps.CreateSpec spec = new PvOps.CreateSpec(force.length > 0, uuid, mda, align, 0, n, ba, ignore);
        ops.pvcreate(pvs, restorefile == null ? spec : ops.restoring(spec, restorefile));
    }

    /** --[pv]metadatacopies 0|1|2 (LVM2's metadatacopies_arg); 1 when not given. */
    static int copies(String v) throws LvmException {
        if (v == null) return 1;
        if (!v.matches("[012]")) throw Sizes.invalidArg(null, "--metadatacopies", v);
        return Integer.parseInt(v);
    }
}
