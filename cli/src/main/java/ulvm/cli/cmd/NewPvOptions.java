package ulvm.cli.cmd;

import picocli.CommandLine.Option;
import ulvm.api.LvmException;
import ulvm.cli.YesNo;
import ulvm.ops.PvOps;
import ulvm.ops.Sizes;

/**
 * The PV options of vgcreate and vgextend, for image files they make PVs first (LVM2's pvcreate_params): as pvcreate's.
 * --labelsector, --metadatatype and --dataalignmentoffset are taken with the only value ulvm writes (sector 1, lvm2,
 * no offset); another is refused, exit 5.
 */
public final class NewPvOptions {
    @Option(names = "--metadatasize", paramLabel = "SIZE") String metadataSize;
    @Option(names = "--dataalignment", paramLabel = "SIZE") String dataAlignment;
    @Option(names = "--dataalignmentoffset", paramLabel = "SIZE") String dataAlignmentOffset;
    @Option(names = {"-Z", "--zero"}, paramLabel = "y|n") String zero;
    @Option(names = "--pvmetadatacopies", paramLabel = "0|1|2") String copies;
    @Option(names = "--metadataignore", paramLabel = "y|n") String metadataIgnore;
    @Option(names = "--labelsector", paramLabel = "Number") String labelSector;
    @Option(names = {"-M", "--metadatatype"}, paramLabel = "lvm2") String metadataType;

    PvOps.CreateSpec spec() throws LvmException {
        onlyWhatUlvmWrites(labelSector, dataAlignmentOffset, metadataType);
        if (zero != null) YesNo.parse(zero, "--zero");
        long mda = metadataSize == null ? 0 : Sizes.parse(metadataSize, "--metadatasize").bytes();
        long align = dataAlignment == null ? 0 : Sizes.parse(dataAlignment, "--dataalignment").bytes();
        int n = PvCreate.copies(copies);
        boolean ignore = metadataIgnore != null && YesNo.parse(metadataIgnore, "--metadataignore");
        return new PvOps.CreateSpec(false, null, mda, align, 0, n, 0, ignore);
    }

    /** --labelsector 1, --dataalignmentoffset 0, --metadatatype lvm2: what ulvm writes anyway; anything else refused. */
    static void onlyWhatUlvmWrites(String labelSector, String dataAlignmentOffset, String metadataType) throws LvmException {
        if (labelSector != null && !labelSector.equals("1"))
            throw new LvmException("--labelsector " + labelSector + " is not supported: ulvm writes the label in sector 1, as LVM2 by default.");
        if (dataAlignmentOffset != null && Sizes.parse(dataAlignmentOffset, "--dataalignmentoffset").bytes() != 0)
            throw new LvmException("--dataalignmentoffset " + dataAlignmentOffset + " is not supported: ulvm aligns the data area without an offset.");
        if (metadataType != null && !metadataType.equals("lvm2") && !metadataType.equals("2"))
            throw new LvmException("--metadatatype " + metadataType + " is not supported: ulvm writes lvm2 metadata only.");
    }
}
