package ulvm.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.store.DevicesFile;
import ulvm.store.PvDevice;
import ulvm.store.Scan;

/** lvmdevices: lists and edits the devices file under the system dir. */
public final class DevicesOps {
    private final Session s;

    public DevicesOps(Session s) { this.s = s; }

    private DevicesFile read() throws LvmException {
        try {
            return DevicesFile.read(s.sys().devicesFile());
        } catch (IOException e) {
            throw new LvmException("Cannot read devices file " + s.sys().devicesFile() + ": " + e.getMessage());
        }
    }

    private void write(DevicesFile df) throws LvmException {
        try {
            if (!s.testing()) df.write();
        } catch (IOException e) {
            throw new LvmException("Cannot write devices file " + s.sys().devicesFile() + ": " + e.getMessage());
        }
    }

    public void list() throws LvmException {
        if (!Files.exists(s.sys().devicesFile())) throw new LvmException("Devices file does not exist.");
        for (DevicesFile.Entry e : read().entries())
            s.say("Device " + e.path() + " IDTYPE=loop_file IDNAME=" + e.path() + " DEVNAME=" + e.path() + " PVID=" + (e.pvid().isEmpty() ? "." : e.pvid()));
    }

    public void addDev(Path p) throws LvmException {
        Path n = p.toAbsolutePath().normalize();
        if (!Files.isRegularFile(n)) throw new LvmException("No device found for " + p + ".");
        String pvid = "";
        try (Scan scan = Scan.of(List.of(n), false, s.wiring().images())) {
            for (PvDevice d : scan.pvs()) pvid = d.uuid();
        }
        DevicesFile df = read();
        df.put(n, pvid);
        write(df);
    }

    public void delDev(Path p) throws LvmException {
        DevicesFile df = read();
        if (!df.remove(p)) throw new LvmException("No devices file entry for " + p + ".");
        write(df);
    }

    public void delPvid(String pvid) throws LvmException {
        DevicesFile df = read();
        boolean found = false;
        for (DevicesFile.Entry e : df.entries()) if (e.pvid().equals(pvid.replace("-", ""))) found |= df.remove(e.path());
        if (!found) throw new LvmException("No devices file entry with PVID " + pvid + ".");
        write(df);
    }

    /** --check: every listed file exists and holds the recorded PVID. */
    public void check(boolean update) throws LvmException {
        DevicesFile df = read();
        boolean changed = false, bad = false;
        try (Scan scan = Scan.of(df.paths(), false, s.wiring().images())) {
            for (DevicesFile.Entry e : df.entries()) {
                if (!Files.exists(e.path())) {
                    s.tell("Devices file loop_file " + e.path() + " PVID " + (e.pvid().isEmpty() ? "none" : e.pvid()) + " last seen on " + e.path() + " not found.");
                    continue;
                }
                String actual = scan.pv(e.path()).map(PvDevice::uuid).orElse("");
                if (!actual.equals(e.pvid())) {
                    if (update) {
                        df.put(e.path(), actual);
                        changed = true;
                    } else {
                        s.tell("Device " + e.path() + " has PVID " + (actual.isEmpty() ? "none" : actual) + " (devices file " + (e.pvid().isEmpty() ? "none" : e.pvid()) + ")");
                        bad = true;
                    }
                }
            }
        }
        if (update) {
            if (changed) write(df);
            else s.say("No update for devices file is needed.");
        }
        if (bad) throw new LvmException(LvmException.FAILED, null);
    }
}
