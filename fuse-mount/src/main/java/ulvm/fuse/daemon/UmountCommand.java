package ulvm.fuse.daemon;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import ulvm.api.LvmException;

@Command(name = "umount", description = "Stop the mount at MOUNTPOINT (refused while a loop device uses one of its files).")
public final class UmountCommand extends DaemonCommand {
    @Parameters(index = "0", paramLabel = "MOUNTPOINT") Path mountpoint;

    @Override
    protected void act() throws LvmException {
        Path mnt = mountpoint.toAbsolutePath().normalize();
        DaemonFiles files = new DaemonFiles(sys());
        var running = files.running();
        if (running.isEmpty() || !running.get()[1].equals(mnt.toString())) {
            if (Mounts.typeAt(mnt).filter(t -> t.equals("fuse.ulvm")).isEmpty()) throw new LvmException("No ulvm mount at " + mnt + ".");
            // a ulvm mount this system dir does not know (its daemon, pid file or socket gone): unmount it all the same
            if (!Mounts.dead(mnt)) refuseWhileAttached(mnt);
            try {
                if (Mounts.dead(mnt)) Mounts.clearStale(mnt);
                else Mounts.unmount(mnt); // a daemon still serving it follows its mount and stops
                return;
            } catch (Exception e) {
                throw new LvmException("Cannot unmount " + mnt + ": " + e.getMessage());
            }
        }
        refuseWhileAttached(mnt);
        long pid = Long.parseLong(running.get()[0]);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy); // SIGTERM: the daemon unmounts and exits
        long deadline = System.currentTimeMillis() + 30_000;
        while (files.running().isPresent()) {
            if (System.currentTimeMillis() > deadline) throw new LvmException("The daemon (pid " + pid + ") did not stop within 30 s.");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void refuseWhileAttached(Path mnt) throws LvmException {
        List<LoopDevices.Attached> busy = DevLinks.holding(mnt, new DaemonFiles(sys()).devLinks());
        if (!busy.isEmpty())
            throw new LvmException("Cannot unmount " + mnt + ": " + busy.get(0).device() + " is attached to " + busy.get(0).file()
                    + " (losetup -d " + busy.get(0).device() + " first).");
    }
}
