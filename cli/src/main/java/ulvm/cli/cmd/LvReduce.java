package ulvm.cli.cmd;

import picocli.CommandLine.Command;
import ulvm.ops.LvOps;

@Command(name = "lvreduce", description = "Reduce the size of a logical volume.")
public final class LvReduce extends LvResizeBase {
    @Override
    protected LvOps.Resize mode() { return LvOps.Resize.REDUCE; }
}
