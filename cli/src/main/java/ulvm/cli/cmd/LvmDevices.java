package ulvm.cli.cmd;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.DevicesOps;
import ulvm.ops.Session;

@Command(name = "lvmdevices", description = "List or edit the devices file ($ULVM_SYSTEM_DIR/devices/system.devices).")
public final class LvmDevices extends LvmCommand {
    @Option(names = "--adddev", paramLabel = "PATH") Path add;
    @Option(names = "--deldev", paramLabel = "PATH") Path del;
    @Option(names = "--delpvid", paramLabel = "PVID") String delPvid;
    @Option(names = "--check") boolean check;
    @Option(names = "--update") boolean update;

    @Override
    protected boolean writes() { return add != null || del != null || delPvid != null || update; }

    @Override
    protected void run(Session s) throws LvmException {
        DevicesOps d = new DevicesOps(s);
        if (add != null) d.addDev(add);
        else if (del != null) d.delDev(del);
        else if (delPvid != null) d.delPvid(delPvid);
        else if (check || update) d.check(update);
        else d.list();
    }
}
