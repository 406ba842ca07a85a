package ulvm.cli.cmd;

import picocli.CommandLine.Command;
import ulvm.ops.LvOps;

@Command(name = "lvresize", description = "Resize a logical volume.")
public final class LvResize extends LvResizeBase {
    @Override
    protected LvOps.Resize mode() { return LvOps.Resize.RESIZE; }
}
