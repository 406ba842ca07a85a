package ulvm.cli.cmd;

import java.util.List;
import ulvm.api.LvmException;
import ulvm.cli.YesNo;
import ulvm.ops.LvOps;
import ulvm.ops.Session;
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
        long chunk = ThinCreateArgs.chunkSectors(c.chunkSize);
        long metaBytes = ThinCreateArgs.metadataBytes(c.poolMetadataSize);
        String discards = ThinCreateArgs.discards(c.discards);
        new ThinConvert(s).toPool(new ThinConvert.ToPool(vl[0], vl[1], meta, chunk, metaBytes, c.zero == null ? null : YesNo.parse(c.zero, "--zero"),
                discards, c.errorWhenFull != null && YesNo.parse(c.errorWhenFull, "--errorwhenfull"),
                c.poolMetadataSpare == null || YesNo.parse(c.poolMetadataSpare, "--poolmetadataspare"), c.common.yes, pvs));
    }
}
