package ulvm.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import ulvm.io.BlockDevice;
import ulvm.io.Devices;
import ulvm.io.MissingDevice;
import ulvm.mapping.DeviceMap;
import ulvm.mapping.MoveLocks;
import ulvm.model.Pv;
import ulvm.model.Vg;

/**
 * The PV image files the active LVs run on: each opened once, through the daemon's opener, and kept open for the
 * daemon's life; a VG's PVs as the {@link DeviceMap} its tables are built on (with the pvmove locks of its live tables).
 */
final class ImageFiles {
    private final Devices.Opener images;
    private final MoveLocks moveLocks;
    private final Map<Path, BlockDevice> files = new HashMap<>();

    ImageFiles(Devices.Opener images, MoveLocks moveLocks) {
        this.images = images;
        this.moveLocks = moveLocks;
    }

    private synchronized BlockDevice device(Path p) throws IOException {
        BlockDevice d = files.get(p);
        if (d == null) {
            d = images.open(p, true);
            files.put(p, d);
        }
        return d;
    }

    DeviceMap devices(Vg vg) throws IOException { return devices(vg, false); }

    /** {@code errors}: missing PVs fail every I/O (an LV activated in partial mode) instead of failing the table. */
    DeviceMap devices(Vg vg, boolean errors) throws IOException {
        Map<String, BlockDevice> byId = new HashMap<>();
        for (Pv p : vg.pvs()) {
            if (p.device() != null && !p.missingFlag()) byId.put(p.id(), device(Path.of(p.device())));
            else if (errors) byId.put(p.id(), new MissingDevice(ulvm.format.Uuid.withDashes(p.id()), p.devSize() * 512));
        }
        return DeviceMap.of(byId::get, moveLocks);
    }

    /** The daemon stops: every image is forced and closed. */
    synchronized void close() {
        for (BlockDevice d : files.values()) {
            try {
                d.flush();
                d.close();
            } catch (IOException ignored) { }
        }
        files.clear();
    }
}
