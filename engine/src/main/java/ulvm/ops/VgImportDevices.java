package ulvm.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import ulvm.api.LvmException;
import ulvm.store.DevicesFile;
import ulvm.store.PvDevice;
import ulvm.store.Scan;
import ulvm.store.VgCopies;

/**
 * vgimportdevices VG...|--all, as LVM2 2.03.16: the PVs of the VGs go into the devices file. The images looked at are
 * those of {@code --devices} (how ulvm names files it has not seen) or the devices file's own.
 */
public final class VgImportDevices {
    private final Session s;

    public VgImportDevices(Session s) { this.s = s; }

    public void vgimportdevices(List<String> names, boolean all) throws LvmException {
        if (names.isEmpty() && !all) throw LvmException.invalid("No command with matching syntax recognised.  Run 'vgimportdevices --help' for more information.");
        s.allow(VgAccess.Allow.EXPORTED);
        try (Scan scan = s.scan(false)) {
            List<String> todo = all ? s.vgNames(scan) : names;
            List<PvDevice> add = new ArrayList<>();
            boolean failed = false;
            for (String n : todo) {
                if (scan.vg(n).isEmpty()) {
                    s.tell("Volume group \"" + n + "\" not found");
                    s.tell("Cannot process volume group " + n);
                    failed = true;
                    continue;
                }
                VgCopies vc = s.vg(scan, n);
                add.addAll(vc.devices().values());
            }
            if (!add.isEmpty()) {
                DevicesFile df = DevicesFile.read(s.sys().devicesFile());
                for (PvDevice d : add) df.put(d.path().toAbsolutePath().normalize(), d.uuid());
                if (!s.testing()) df.write();
                s.say("Added " + add.size() + " devices to devices file.");
            }
            if (failed) throw new LvmException(LvmException.FAILED, null);
        } catch (IOException e) {
            throw new LvmException("Cannot update devices file " + s.sys().devicesFile() + ": " + e.getMessage());
        }
    }
}
