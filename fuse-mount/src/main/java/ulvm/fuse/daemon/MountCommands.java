package ulvm.fuse.daemon;

import java.util.List;
import ulvm.cli.CommandProvider;

/** Adds mount, umount and nbd to the ulvm command line. */
public final class MountCommands implements CommandProvider {
    @Override
    public List<Class<?>> commands() { return List.of(MountCommand.class, UmountCommand.class, NbdCommand.class); }
}
