package ulvm.fuse.daemon;

import ulvm.api.LvmException;
import ulvm.cli.LvmCommand;
import ulvm.ops.Session;

/** mount and umount manage the daemon: they take no metadata lock and are never forwarded to it. */
abstract class DaemonCommand extends LvmCommand {
    protected abstract void act() throws LvmException;

    @Override
    public Integer call() {
        try {
            act();
            return 0;
        } catch (LvmException e) {
            if (e.getMessage() != null) for (String l : e.getMessage().split("\n")) console().err("  " + l);
            return e.exitCode();
        }
    }

    @Override
    protected void run(Session s) { }
}
