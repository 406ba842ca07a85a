package ulvm.cli.cmd;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ulvm.ops.LvOps;

@Command(name = "lvresize", description = "Resize a logical volume.")
public final class LvResize extends LvResizeBase {
    @Option(names = "--nosync") boolean nosync;
    @Option(names = "--type", paramLabel = "TYPE") String type;

    @Override
    protected LvOps.Resize mode() { return LvOps.Resize.RESIZE; }

    @Override
    protected boolean nosync() { return nosync; }

    @Override
    protected String segType() { return type; }
}
