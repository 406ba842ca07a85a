package ulvm.cli.cmd;

import ulvm.api.LvmException;
import ulvm.ops.LvOps;
import ulvm.ops.Session;
import ulvm.ops.Sizes;

/** lvextend|lvresize --poolmetadatasize [+]SIZE: the pool's metadata LV grown (lvreduce does not take it). */
final class ThinResizeArgs {
    private ThinResizeArgs() {}

    /** Runs --poolmetadatasize given alone; false when a data size comes with it (LVM2 then grows both). */
    static boolean metadataOnly(Session s, LvResizeBase c) throws LvmException {
        if (c.mode() == LvOps.Resize.REDUCE) throw LvmException.invalid("Command does not accept option: --poolmetadatasize " + c.poolMetadataSize + ".");
        Sizes.Size ms = Sizes.parse(c.poolMetadataSize, "--poolmetadatasize");
        if (ms.sign() == '-') throw Sizes.invalidArg("Size may not be negative.", "--poolmetadatasize", c.poolMetadataSize);
        LvOps.ResizeSpec r = new LvOps.ResizeSpec(c.lv, new LvOps.SizeArg(ms, null), 0, 0, c.pvArgs, null, c.common.yes);
        new ulvm.ops.ThinResize(s).metadata(c.lv, ms, r, c.mode() == LvOps.Resize.EXTEND);
        if (c.size != null || c.extents != null) return false;
        return true;
    }
}
