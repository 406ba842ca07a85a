package ulvm.cli.cmd;

import java.util.List;
import ulvm.api.LvmException;
import ulvm.cli.YesNo;
import ulvm.ops.LvOps;
import ulvm.ops.Session;
import ulvm.ops.Sizes;
import ulvm.ops.ThinConvert;

/** lvconvert --thinpool VG/LV | --type thin-pool VG/LV [--poolmetadata LV] [-c] [-Z] [--discards] [--poolmetadatasize]. */
final class ThinConvertArgs {
    private ThinConvertArgs() {}

    static boolean wanted(LvConvert c) { return c.thinPool != null || "thin-pool".equals(c.type); }

    static void run(Session s, LvConvert c) throws LvmException {
        String arg;
        List<String> pvs;
        if (c.thinPool != null) {
            arg = c.thinPool;
            pvs = c.args;
        } else {
            if (c.args.isEmpty()) throw LvmException.invalid("Please specify a logical volume path.");
            arg = c.args.get(0);
            pvs = c.args.subList(1, c.args.size());
        }
        String[] vl = LvOps.vgLv(arg, null);
        String meta = null;
        if (c.poolMetadata != null) meta = c.poolMetadata.contains("/") ? LvOps.vgLv(c.poolMetadata, vl[0])[1] : c.poolMetadata;
        if (meta != null && c.poolMetadataSize != null) throw LvmException.invalid("Command does not accept option: --poolmetadatasize " + c.poolMetadataSize + ".");
        long chunk = 0;
        if (c.chunkSize != null) {
            Sizes.Size cs = Sizes.parse(c.chunkSize, "--chunksize", 1024);
            if (cs.sign() == '-') throw Sizes.invalidArg("Size may not be negative.", "--chunksize", c.chunkSize);
            chunk = cs.bytes() / 512;
            try {
                ulvm.ops.ThinCreate.validateChunk(chunk);
            } catch (LvmException e) {
                throw LvmException.invalid(e.getMessage());
            }
        }
        long metaBytes = 0;
        if (c.poolMetadataSize != null) {
            Sizes.Size ms = Sizes.parse(c.poolMetadataSize, "--poolmetadatasize");
            if (ms.sign() == '-') throw Sizes.invalidArg("Size may not be negative.", "--poolmetadatasize", c.poolMetadataSize);
            metaBytes = ms.bytes();
        }
        String discards = null;
        if (c.discards != null) {
            discards = c.discards.toLowerCase(java.util.Locale.ROOT);
            if (!ulvm.segtype.ThinPoolType.DISCARDS.contains(discards))
                throw LvmException.invalid("Thin pool discards type \"" + c.discards + "\" is unknown.\nInvalid argument for --discards: " + c.discards
                        + "\nError during parsing of command line.");
        }
        new ThinConvert(s).toPool(new ThinConvert.ToPool(vl[0], vl[1], meta, chunk, metaBytes, c.zero == null ? null : YesNo.parse(c.zero, "--zero"),
                discards, c.errorWhenFull != null && YesNo.parse(c.errorWhenFull, "--errorwhenfull"),
                c.poolMetadataSpare == null || YesNo.parse(c.poolMetadataSpare, "--poolmetadataspare"), c.yes, pvs));
    }
}
