package ulvm.cli.cmd;

import picocli.CommandLine.Command;
import ulvm.ops.LvOps;

@Command(name = "lvextend", description = "Add space to a logical volume.")
public final class LvExtend extends LvResizeBase {
    @Override
    protected LvOps.Resize mode() { return LvOps.Resize.EXTEND; }
}
