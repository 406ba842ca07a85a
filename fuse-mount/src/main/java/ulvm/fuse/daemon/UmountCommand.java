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
            if (Mounts.typeAt(mnt).filter(t -> t.equals("fuse.ulvm")).isPresent() && Mounts.dead(mnt)) {
                try {
                    Mounts.clearStale(mnt);
                    return;
                } catch (Exception e) {
                    throw new LvmException("Cannot unmount " + mnt + ": " + e.getMessage());
                }
            }
            throw new LvmException("No ulvm mount at " + mnt + ".");
        }
        List<LoopDevices.Attached> busy = LoopDevices.under(mnt);
        if (!busy.isEmpty())
            throw new LvmException("Cannot unmount " + mnt + ": " + busy.get(0).device() + " is attached to " + busy.get(0).file()
                    + " (losetup -d " + busy.get(0).device() + " first).");
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
}
